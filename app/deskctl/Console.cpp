#include "Console.h"

#include <QStringList>

#include <cstdio>

namespace {

QStringList &secrets() {
    static QStringList list;
    return list;
}

void write(std::FILE *stream, const QByteArray &bytes) {
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

namespace console {

void out(const QString &text) {
    write(stdout, text.toUtf8());
}

void out(const QByteArray &utf8) {
    write(stdout, utf8);
}

void note(const QString &label, const QString &message) {
    QString text = message.simplified();
    for (const auto &secret : secrets())
        text.replace(secret, QStringLiteral("[redacted]"));
    write(stderr, (label + QStringLiteral(": ") + text + u'\n').toUtf8());
}

void error(const QString &message) {
    note(QStringLiteral("error"), message);
}

void warning(const QString &message) {
    note(QStringLiteral("warning"), message);
}

void addSecret(const QString &secret) {
    if (!secret.isEmpty() && !secrets().contains(secret))
        secrets().append(secret);
}

} // namespace console
