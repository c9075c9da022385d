#include "ExportFolder.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

const QString kLastFolderKey = QStringLiteral("export/lastFolder");

QString existingFolder() {
    const QString last = QSettings().value(kLastFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && QFileInfo(documents).isDir())
        return documents;
    return QDir::homePath();
}

} // namespace

namespace exportfolder {

QString suggestedPath(const QString &baseName, const QString &suffix) {
    return QDir(existingFolder())
        .filePath(
            QStringLiteral("%1-%2.%3")
                .arg(baseName, QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd")), suffix));
}

void remember(const QString &writtenFile) {
    QSettings().setValue(kLastFolderKey, QFileInfo(writtenFile).absolutePath());
}

} // namespace exportfolder
