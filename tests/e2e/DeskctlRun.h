#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

#include <optional>

// Runs the built litellm-deskctl and waits for it with a signal spy, so a simulator living on the test's
// event loop keeps answering while the child runs (waitForFinished() would block it).
struct DeskctlRun {
    bool finished = false;
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }

    // The environment of a run: no proxy variables unless given.
    static QProcessEnvironment environment(const QString &url = {}, const QString &key = {}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("LITELLM_PROXY_URL"));
        env.remove(QStringLiteral("LITELLM_PROXY_API_KEY"));
        if (!url.isEmpty())
            env.insert(QStringLiteral("LITELLM_PROXY_URL"), url);
        if (!key.isEmpty())
            env.insert(QStringLiteral("LITELLM_PROXY_API_KEY"), key);
        return env;
    }

    static DeskctlRun run(const QStringList &arguments, const QProcessEnvironment &env,
                          int timeoutMs = 30000) {
        return runWithInput(arguments, env, std::nullopt, timeoutMs);
    }

    // The same with `input` on its stdin (closed after it): a key or a webhook URL, never an argument.
    static DeskctlRun runWithInput(const QStringList &arguments, const QProcessEnvironment &env,
                                   const std::optional<QByteArray> &input, int timeoutMs = 30000) {
        QProcess process;
        process.setProcessEnvironment(env);
        QSignalSpy done(&process, &QProcess::finished);
        process.start(QStringLiteral(DESKCTL_PATH), arguments);
        if (input) {
            process.waitForStarted(10000);
            process.write(*input);
            process.closeWriteChannel();
        }
        DeskctlRun r;
        r.finished = !done.isEmpty() || done.wait(timeoutMs);
        if (!r.finished) {
            process.kill();
            done.wait(5000);
        }
        r.exitCode = process.exitCode();
        r.exitStatus = process.exitStatus();
        r.out = process.readAllStandardOutput();
        r.err = process.readAllStandardError();
        return r;
    }
};
