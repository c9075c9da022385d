#include "ClipboardGuard.h"

#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>

void clearClipboardLater(const QString &text, int ms) {
    auto *timer = new QTimer(qApp);
    timer->setObjectName(QStringLiteral("clipboardClearTimer"));
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, text] {
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (clipboard->text() == text)
            clipboard->clear();
        timer->deleteLater();
    });
    timer->start(ms);
}
