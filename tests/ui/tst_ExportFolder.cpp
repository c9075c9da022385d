#include "ui/ExportFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// Where export dialogs start: always a folder that exists, the one used last when it still does.
class TestExportFolder : public QObject {
    Q_OBJECT

    QTemporaryDir m_home;

    static QString folderOf(const QString &path) { return QFileInfo(path).absolutePath(); }

private slots:
    void init() {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u".config"_qs).toUtf8());
        QSettings().clear();
        QDir(m_home.filePath(u"Documents"_qs)).removeRecursively();
    }

    void withoutDocumentsTheHomeFolder() {
        const QString path = exportfolder::suggestedPath(u"usage-report"_qs, u"pdf"_qs);
        QCOMPARE(folderOf(path), QDir(m_home.path()).absolutePath());
        QVERIFY(QFileInfo(folderOf(path)).isDir());
        QVERIFY(QFileInfo(path).fileName().startsWith(u"usage-report-"_qs));
        QVERIFY(path.endsWith(u".pdf"_qs));
    }

    void documentsWhenItExists() {
        QVERIFY(QDir(m_home.path()).mkdir(u"Documents"_qs));
        QCOMPARE(folderOf(exportfolder::suggestedPath(u"keys"_qs, u"csv"_qs)),
                 QDir(m_home.filePath(u"Documents"_qs)).absolutePath());
    }

    void theFolderUsedLast() {
        QVERIFY(QDir(m_home.path()).mkpath(u"exports/2026"_qs));
        exportfolder::remember(m_home.filePath(u"exports/2026/top-keys.png"_qs));
        QCOMPARE(folderOf(exportfolder::suggestedPath(u"keys"_qs, u"csv"_qs)),
                 QDir(m_home.filePath(u"exports/2026"_qs)).absolutePath());
    }

    void notTheFolderUsedLastOnceItIsGone() {
        QVERIFY(QDir(m_home.path()).mkpath(u"gone"_qs));
        exportfolder::remember(m_home.filePath(u"gone/chart.svg"_qs));
        QVERIFY(QDir(m_home.filePath(u"gone"_qs)).removeRecursively());
        const QString folder = folderOf(exportfolder::suggestedPath(u"chart"_qs, u"svg"_qs));
        QCOMPARE(folder, QDir(m_home.path()).absolutePath());
        QVERIFY(QFileInfo(folder).isDir());
    }
};

QTEST_GUILESS_MAIN(TestExportFolder)
#include "tst_ExportFolder.moc"
