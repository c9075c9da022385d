// Key list figures: `keys list --all --format csv` end to end against a simulator of 100,000 keys
// (time and the most requests in flight), and the time to KeyDirectory's first page at 1,000,000 keys.
// Usage: desk-keys-bench PATH-TO-litellm-deskctl [KEYS_FOR_EXPORT]

#include "api/ProxyClient.h"
#include "keys/KeyDirectory.h"
#include "sim/Simulator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

#include <cstdio>

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
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        print(QStringLiteral("usage: desk-keys-bench PATH-TO-litellm-deskctl [KEYS_FOR_EXPORT]"));
        return 2;
    }
    const int keys = args.size() > 2 ? args.at(2).toInt() : 100000;
    const int a = exportFigures(args.at(1), keys, 0);
    const int c = exportFigures(args.at(1), std::min(keys, 20000), 20);
    const int b = firstPageFigures(1000000);
    return a != 0 ? a : (c != 0 ? c : b);
}
