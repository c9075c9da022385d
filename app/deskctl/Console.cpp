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

void error(const QString &message) {
    QString line = message.simplified();
    for (const auto &secret : secrets())
        line.replace(secret, QStringLiteral("[redacted]"));
    write(stderr, (QStringLiteral("error: ") + line + u'\n').toUtf8());
}

void addSecret(const QString &secret) {
    if (!secret.isEmpty() && !secrets().contains(secret))
        secrets().append(secret);
}

} // namespace console
