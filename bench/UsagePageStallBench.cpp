// How long the window can stall while the Usage page loads a long range: the page loads 90 days from a
// simulator running on its own thread (so only the client's work is on the GUI thread), while a 5 ms
// heartbeat timer records the longest gap between its ticks. Also prints the pages, the load time, how
// often the charts were redrawn and the longest redraw. On a busy machine a gap also holds the time the
// GUI thread waited for a core, so the GUI thread's own CPU time per gap is printed beside it: that part
// is the window's doing.
// Usage: desk-usage-page-bench [KEYS] [DAYS]   (offscreen: QT_QPA_PLATFORM=offscreen)

#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"
#include "ui/usage/UsageFilterBar.h"
#include "ui/usage/UsagePage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

qint64 threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

void print(const QString &line) {
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    SimOptions o;
    o.keys = args.size() > 1 ? args.at(1).toInt() : 5000;
    o.days = args.size() > 2 ? args.at(2).toInt() : 90;
    o.aggregatedActivity = false; // the paged route: the most work for the client

    QThread serverThread;
    serverThread.start();
    QObject context;
    context.moveToThread(&serverThread);
    Simulator *sim = nullptr;
    QElapsedTimer setup;
    setup.start();
    QMetaObject::invokeMethod(
        &context,
        [&] {
            sim = new Simulator(o);
            if (!sim->listen())
                qFatal("the simulator could not listen");
        },
        Qt::BlockingQueuedConnection);
    print(QStringLiteral("simulator: %1 keys, %2 days of activity, ready in %3 ms (own thread)")
              .arg(o.keys)
              .arg(o.days)
              .arg(setup.elapsed()));

    ClientConfig c;
    c.baseUrl = sim->url();
    c.timeoutMs = 120000;
    ProxyClient client(c, sim->masterKey());
    PageContext pc;
    pc.client = &client;
    pc.scope = QStringLiteral("bench");

    UsagePage page;
    page.resize(1280, 900);

    QElapsedTimer beat;
    // Each gap between ticks: its wall time, the GUI thread's CPU time in it, and when it began.
    qint64 last = 0, lastCpu = threadCpuMs();
    QList<qint64> gaps, cpuGaps;
    qint64 longest = 0, longestAt = 0, longestCpu = 0, longestCpuAt = 0;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = beat.elapsed(), cpu = threadCpuMs();
        gaps << now - last;
        cpuGaps << cpu - lastCpu;
        if (now - last > longest) {
            longest = now - last;
            longestAt = last;
        }
        if (cpu - lastCpu > longestCpu) {
            longestCpu = cpu - lastCpu;
            longestCpuAt = last;
        }
        last = now;
        lastCpu = cpu;
    });
    int pages = 0;
    QObject::connect(&page, &UsagePage::statusMessage, [&](const QString &m) {
        if (m.startsWith(u"Loading page"))
            ++pages;
    });
    QLoggingCategory::setFilterRules(QStringLiteral("desk.*.debug=false\ndesk.*.info=false"));
    QElapsedTimer load;
    QObject::connect(&page, &UsagePage::loaded, &app, [&] {
        heartbeat.stop();
        const auto p99 = [](QList<qint64> &v) {
            std::sort(v.begin(), v.end());
            return v.isEmpty() ? 0 : v.at(qsizetype(double(v.size() - 1) * 0.99));
        };
        print(QStringLiteral("90-day load: %1 ms, %2 progress steps, spend %3, %4 days in the report")
                  .arg(load.elapsed())
                  .arg(pages)
                  .arg(page.report().totals().spend, 0, 'f', 2)
                  .arg(page.report().dayCount()));
        print(QStringLiteral("charts redrawn %1 times, longest redraw %2 ms")
                  .arg(page.redrawCount())
                  .arg(page.longestRedrawMs()));
        print(
            QStringLiteral("GUI heartbeat (5 ms timer): longest gap %1 ms (at %4 ms), 99th percentile %2 ms, "
                           "%3 ticks")
                .arg(longest)
                .arg(p99(gaps))
                .arg(gaps.size())
                .arg(longestAt));
        print(QStringLiteral("GUI thread CPU per gap: longest %1 ms (at %3 ms), 99th percentile %2 ms")
                  .arg(longestCpu)
                  .arg(p99(cpuGaps))
                  .arg(longestCpuAt));
        QCoreApplication::quit();
    });
    load.start();
    beat.start();
    heartbeat.start();
    page.setContext(pc); // restores the remembered range: set 90 days after it
    page.filterBar()->setRange(
        UsageRange::fromPreset(UsageRange::Preset::Last90Days, UsageRange::todayUtc()));
    page.show();
    const int code = QApplication::exec();
    QMetaObject::invokeMethod(
        &context, [&] { delete sim; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return code;
}
