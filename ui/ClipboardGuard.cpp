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

QString copySecret(const QString &secret, int ms) {
    if (secret.isEmpty())
        return {};
    QGuiApplication::clipboard()->setText(secret);
    clearClipboardLater(secret, ms);
    const int seconds = (ms + 999) / 1000;
    return QCoreApplication::translate(
        "ClipboardGuard", "Copied. The clipboard will be cleared in %n s if it still holds the key.", nullptr,
        seconds);
}
