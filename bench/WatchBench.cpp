// Watch pass figures against a simulator in its own process (`litellm-deskctl demo`): a first pass on a
// fresh connection (it builds the key index), a pass on a proxy that did not change, and one after the
// simulator was told of a spike, a team burning toward its cap and an expiring lease: time, requests,
// client CPU, peak RSS and alerts. Then two passes asked for at once on the same connection: the second
// must be refused (one pass at a time).
// Usage: desk-watch-bench PATH-TO-litellm-deskctl [KEYS] [DAYS] [TEAMS] [USERS] [LITELLM-VERSION]
// (defaults 1,000,000 keys, 90 days, 500 teams, 20,000 users, 1.74.3).

#include "BenchSupport.h"

#include "core/api/ProxyClient.h"
#include "core/index/KeyIndex.h"
#include "core/watch/WatchPass.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <cstdio>

#include <sys/resource.h>

namespace {

WatchReport runPass(ProxyClient &client, KeyIndex &index) {
    WatchPass pass(&client, index);
    WatchReport out;
    QEventLoop loop;
    QObject::connect(&pass, &WatchPass::finished, &loop, [&](const WatchReport &r) {
        out = r;
        loop.quit();
    });
    QObject::connect(&pass, &WatchPass::progress,
                     [](const QString &step) { print(QStringLiteral("  … %1").arg(step)); });
    pass.start();
    if (pass.isRunning())
        loop.exec();
    return out;
}

void report(const QString &what, const WatchReport &r, double cpu) {
    QMap<QString, int> kinds;
    for (const Alert &a : r.open)
        ++kinds[Alert::kindName(a.kind)];
    QStringList counts;
    for (auto it = kinds.cbegin(); it != kinds.cend(); ++it)
        counts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    print(QStringLiteral(
              "%1: %2, %3 s wall, %4 s client CPU, %5 requests, peak RSS %6 MiB; %7 open alerts (%8), "
              "%9 opened")
              .arg(what, r.ok ? QStringLiteral("ok") : r.message)
              .arg(double(r.elapsedMs) / 1000.0, 0, 'f', 2)
              .arg(cpu, 0, 'f', 2)
              .arg(r.requests)
              .arg(peakRssMiB(), 0, 'f', 0)
              .arg(r.open.size())
              .arg(counts.join(QStringLiteral(", ")))
              .arg(r.opened.size()));
    for (const QString &w : r.warnings)
        print(QStringLiteral("  warning: %1").arg(w));
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        print(QStringLiteral(
            "usage: desk-watch-bench PATH-TO-litellm-deskctl [KEYS] [DAYS] [TEAMS] [USERS] [VERSION]"));
        return 2;
    }
    const QString keys = args.value(2, QStringLiteral("1000000"));
    const QString days = args.value(3, QStringLiteral("90"));
    const QString teams = args.value(4, QStringLiteral("500"));
    const QString users = args.value(5, QStringLiteral("20000"));
    const QString version = args.value(6, QStringLiteral("1.74.3"));

    QProcess demo;
    DemoProcess sim;
    if (!sim.start(demo, args.at(1),
                   {QStringLiteral("--keys"), keys, QStringLiteral("--days"), days, QStringLiteral("--teams"),
                    teams, QStringLiteral("--users"), users, QStringLiteral("--litellm-version"), version})) {
        print(QStringLiteral("the simulator did not start: %1").arg(QString::fromUtf8(sim.banner)));
        return 1;
    }
    print(QStringLiteral("simulator process (LiteLLM %1): %2 keys, %3 days of usage, %4 teams, %5 users")
              .arg(version, keys, days, teams, users));

    QTemporaryDir dir;
    KeyIndex index(dir.filePath(QStringLiteral("watch.sqlite")));
    if (!index.open()) {
        print(index.errorString());
        return 1;
    }
    ClientConfig config;
    config.baseUrl = sim.url;
    config.timeoutMs = 120000;
    ProxyClient client(config, sim.masterKey);

    double cpu = cpuSeconds();
    WatchReport pass = runPass(client, index);
    report(QStringLiteral("first pass (builds the key index)"), pass, cpuSeconds() - cpu);
    cpu = cpuSeconds();
    pass = runPass(client, index);
    report(QStringLiteral("pass on an unchanged proxy"), pass, cpuSeconds() - cpu);

    // A second simulator is not needed for the injections: a fresh one with them, same data set.
    demo.terminate();
    demo.waitForFinished(10000);
    QProcess injected;
    DemoProcess sim2;
    if (!sim2.start(injected, args.at(1),
                    {QStringLiteral("--keys"), keys, QStringLiteral("--days"), days,
                     QStringLiteral("--teams"), teams, QStringLiteral("--users"), users,
                     QStringLiteral("--litellm-version"), version, QStringLiteral("--inject"),
                     QStringLiteral("spike,team-burn,lease")})) {
        print(QStringLiteral("the simulator did not start again"));
        return 1;
    }
    config.baseUrl = sim2.url;
    ProxyClient client2(config, sim2.masterKey);
    index.setMetaTime(QStringLiteral("budgets_read_at"), QDateTime()); // the team's new budget is read
    cpu = cpuSeconds();
    const WatchReport r = runPass(client2, index);
    report(QStringLiteral("pass after a spike, a team burning and an expiring lease"), r, cpuSeconds() - cpu);
    for (const Alert &a : r.opened)
        print(QStringLiteral("  opened: %1 %2 %3: %4")
                  .arg(Alert::kindName(a.kind), Alert::subjectTypeName(a.subjectType), a.subject.left(16),
                       a.message));

    // One pass at a time: a second one on the same connection (its own index handle) is refused.
    KeyIndex sameFile(index.path());
    sameFile.open();
    WatchPass first(&client2, index);
    WatchPass second(&client2, sameFile);
    WatchReport firstReport, secondReport;
    int done = 0;
    QEventLoop loop;
    QObject::connect(&first, &WatchPass::finished, &loop, [&](const WatchReport &x) {
        firstReport = x;
        if (++done == 2)
            loop.quit();
    });
    QObject::connect(&second, &WatchPass::finished, &loop, [&](const WatchReport &x) {
        secondReport = x;
        if (++done == 2)
            loop.quit();
    });
    first.start();
    second.start();
    if (done < 2)
        loop.exec();
    print(QStringLiteral("two passes at once: the first %1 (%2 requests), the second %3 (%4 requests)")
              .arg(firstReport.ok ? QStringLiteral("ran") : firstReport.message)
              .arg(firstReport.requests)
              .arg(secondReport.busy ? QStringLiteral("was refused") : QStringLiteral("RAN TOO"))
              .arg(secondReport.requests));
    injected.terminate();
    injected.waitForFinished(10000);
    return secondReport.busy ? 0 : 1;
}
