// Key list figures: `keys list --all --format csv` end to end against a simulator of 100,000 keys
// (time and the most requests in flight), the same against a simulator in its own process
// (`litellm-deskctl demo`), where the export's time goes (pages, merging, CSV), and the time to
// KeyDirectory's first page at 1,000,000 keys.
// Usage: desk-keys-bench PATH-TO-litellm-deskctl [KEYS_FOR_EXPORT] [--separate-only]

#include "core/api/ProxyClient.h"
#include "core/keys/KeyDirectory.h"
#include "core/keys/KeyExporter.h"
#include "sim/Simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

namespace {

void print(const QString &line) {
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

int exportFigures(const QString &deskctl, int keys, int delayMs) {
    SimOptions o;
    o.keys = keys;
    QElapsedTimer setup;
    setup.start();
    Simulator sim(o);
    if (!sim.listen())
        return 1;
    // The simulator answers synchronously, so requests overlap on its side only while an answer is
    // delayed: the delayed run shows how many the client keeps in flight.
    if (delayMs > 0)
        sim.addFault(*SimFault::parse(QStringLiteral("/key/list=delay:%1").arg(delayMs)));
    print(QStringLiteral("simulator with %1 keys ready in %2 ms%3")
              .arg(keys)
              .arg(setup.elapsed())
              .arg(delayMs > 0 ? QStringLiteral(", every /key/list answer delayed %1 ms").arg(delayMs)
                               : QString()));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LITELLM_PROXY_API_KEY"), sim.masterKey());
    process.setProcessEnvironment(env);
    QElapsedTimer timer;
    timer.start();
    process.start(deskctl, {QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--all"),
                            QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--url"),
                            sim.url().toString()});
    QByteArray out;
    QObject::connect(&process, &QProcess::readyReadStandardOutput,
                     [&] { out += process.readAllStandardOutput(); });
    bool done = false;
    QObject::connect(&process, &QProcess::finished, [&] { done = true; });
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    out += process.readAllStandardOutput();
    const qint64 ms = timer.elapsed();
    const qsizetype lines = out.count('\n') - 1;
    print(
        QStringLiteral("keys list --all --format csv: exit %1, %2 rows, %3 bytes in %4 ms; peak in flight %5 "
                       "(target < 5000 ms, <= 4)")
            .arg(process.exitCode())
            .arg(lines)
            .arg(out.size())
            .arg(ms)
            .arg(sim.peakConcurrent()));
    return process.exitCode();
}

// A `litellm-deskctl demo` of `keys` keys in its own process; its URL once it listens.
struct DemoProcess {
    QProcess process;
    QUrl url;
    QString masterKey;

    bool start(const QString &deskctl, int keys) {
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(deskctl, {QStringLiteral("demo"), QStringLiteral("--keys"), QString::number(keys),
                                QStringLiteral("--port"), QStringLiteral("0")});
        QByteArray banner;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000 && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(100);
            banner += process.readAll();
            const QString text = QString::fromUtf8(banner);
            const auto u = QRegularExpression(QStringLiteral("listening on (\\S+)")).match(text);
            const auto k = QRegularExpression(QStringLiteral("Master key: (\\S+)")).match(text);
            if (u.hasMatch() && k.hasMatch()) {
                url = QUrl(u.captured(1));
                masterKey = k.captured(1);
                return true;
            }
        }
        return false;
    }
    ~DemoProcess() {
        process.terminate();
        process.waitForFinished(5000);
    }
};

// CPU seconds (user + system) a process has used so far, from /proc; -1 when unknown.
double cpuSeconds(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

double childrenCpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The CLI against a simulator in its own process: the figure the target is about. The CPU time of
// each side is printed too, since on a shared machine wall time depends on what else runs.
int separateProcessFigures(const QString &deskctl, int keys, int runs) {
    DemoProcess demo;
    if (!demo.start(deskctl, keys)) {
        print(QStringLiteral("the demo process did not start"));
        return 1;
    }
    int code = 0;
    for (int run = 1; run <= runs; ++run) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LITELLM_PROXY_API_KEY"), demo.masterKey);
        process.setProcessEnvironment(env);
        process.setStandardOutputFile(QProcess::nullDevice());
        const double simBefore = cpuSeconds(demo.process.processId());
        const double clientBefore = childrenCpuSeconds();
        QElapsedTimer timer;
        timer.start();
        process.start(deskctl, {QStringLiteral("keys"), QStringLiteral("list"), QStringLiteral("--all"),
                                QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--url"),
                                demo.url.toString()});
        process.waitForFinished(120000);
        const qint64 ms = timer.elapsed();
        print(QStringLiteral("keys list --all --format csv, %1 keys, simulator in its own process, run %2: "
                             "exit %3 in %4 ms (target < 5000 ms); CPU: client %5 s, simulator %6 s")
                  .arg(keys)
                  .arg(run)
                  .arg(process.exitCode())
                  .arg(ms)
                  .arg(childrenCpuSeconds() - clientBefore, 0, 'f', 2)
                  .arg(cpuSeconds(demo.process.processId()) - simBefore, 0, 'f', 2));
        code = code ? code : process.exitCode();
    }
    return code;
}

// Where an export's time goes, in this process, against a simulator in its own process: reading the
// pages (request, simulator, transfer, decode), merging them, and writing CSV.
int exportPhaseFigures(const QString &deskctl, int keys) {
    DemoProcess demo;
    if (!demo.start(deskctl, keys))
        return 1;
    ClientConfig c;
    c.baseUrl = demo.url;
    ProxyClient client(c, demo.masterKey);
    KeyExporter exporter(&client, {});
    QElapsedTimer timer;
    qint64 lastPageMs = 0;
    QList<KeyRecord> all;
    bool done = false;
    QObject::connect(&exporter, &KeyExporter::progress, [&](qint64 pagesDone, qint64 total, qint64) {
        if (pagesDone == total)
            lastPageMs = timer.elapsed();
    });
    QObject::connect(&exporter, &KeyExporter::finished, [&](const QList<KeyRecord> &exported) {
        all = exported;
        done = true;
    });
    QObject::connect(&exporter, &KeyExporter::failed, [&] { done = true; });
    timer.start();
    exporter.start();
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const qint64 mergedMs = timer.elapsed();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray bytes = KeyExporter::serialise(all, KeyExporter::Format::Csv, now);
    const qint64 csvMs = timer.elapsed();
    print(QStringLiteral("export phases at %1 keys: pages read and decoded %2 ms, merged %3 ms, CSV %4 ms "
                         "(%5 bytes); total %6 ms; peak in flight %7")
              .arg(all.size())
              .arg(lastPageMs)
              .arg(mergedMs - lastPageMs)
              .arg(csvMs - mergedMs)
              .arg(bytes.size())
              .arg(csvMs)
              .arg(client.peakInFlight()));
    return all.size() == keys ? 0 : 1;
}

int firstPageFigures(int keys) {
    SimOptions o;
    o.keys = keys;
    QElapsedTimer setup;
    setup.start();
    Simulator sim(o);
    if (!sim.listen())
        return 1;
    print(QStringLiteral("simulator with %1 keys ready in %2 ms").arg(keys).arg(setup.elapsed()));
    ClientConfig c;
    c.baseUrl = sim.url();
    ProxyClient client(c, sim.masterKey());
    for (const QString &sort : {QString(), QStringLiteral("spend")}) {
        KeyDirectory directory(&client);
        KeyFilter f;
        f.sortBy = sort;
        directory.setFilter(f);
        QElapsedTimer timer;
        timer.start();
        directory.reload();
        while (directory.isLoading())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        print(QStringLiteral("KeyDirectory first page at %1 keys (sort %2): %3 rows of %4 in %5 ms")
                  .arg(keys)
                  .arg(sort.isEmpty() ? QStringLiteral("default") : sort)
                  .arg(directory.loadedCount())
                  .arg(directory.totalCount().value_or(-1))
                  .arg(timer.elapsed()));
    }
    return 0;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("desk.*.debug=false"));
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        print(QStringLiteral("usage: desk-keys-bench PATH-TO-litellm-deskctl [KEYS_FOR_EXPORT]"));
        return 2;
    }
    const int keys = args.size() > 2 ? args.at(2).toInt() : 100000;
    if (args.contains(QStringLiteral("--separate-only"))) {
        const int p = exportPhaseFigures(args.at(1), keys);
        const int s = separateProcessFigures(args.at(1), keys, 3);
        return p ? p : s;
    }
    const int p = exportPhaseFigures(args.at(1), keys);
    const int s = separateProcessFigures(args.at(1), keys, 3);
    const int a = exportFigures(args.at(1), keys, 0);
    const int c = exportFigures(args.at(1), std::min(keys, 20000), 20);
    const int b = firstPageFigures(1000000);
    for (int r : {p, s, a, c, b})
        if (r != 0)
            return r;
    return 0;
}
