#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

#include <cstdio>

#include <sys/resource.h>

// What the benchmarks share: a line on stdout at once, the process's CPU time and peak RSS, and the
// simulator in a process of its own.
inline void print(const QString &line) {
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

inline double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline double peakRssMiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

// `litellm-deskctl demo` in its own process, so a benchmark's CPU time is the client's alone: waits until
// it prints where it listens and its master key (up to 5 minutes: a million keys take a while).
struct DemoProcess {
    QUrl url;
    QString masterKey;
    QByteArray banner;

    bool start(QProcess &demo, const QString &deskctl, const QStringList &arguments) {
        demo.setProcessChannelMode(QProcess::MergedChannels);
        demo.start(deskctl,
                   QStringList{QStringLiteral("demo"), QStringLiteral("--port"), QStringLiteral("0")} +
                       arguments);
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < 300000) {
            demo.waitForReadyRead(200);
            banner += demo.readAll();
            const QString text = QString::fromUtf8(banner);
            const auto u = QRegularExpression(QStringLiteral("listening on (\\S+)")).match(text);
            const auto k = QRegularExpression(QStringLiteral("Master key: (\\S+)")).match(text);
            if (u.hasMatch() && k.hasMatch()) {
                url = QUrl(u.captured(1));
                masterKey = k.captured(1);
                return true;
            }
            if (demo.state() == QProcess::NotRunning)
                break;
        }
        return false;
    }
};
