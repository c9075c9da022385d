// Keys page figures at 1,000,000 keys, with the simulator in its own process (`litellm-deskctl demo`) so
// that its work is not counted as the window's: the time from a model reset to the first rows painted,
// the longest stall of the GUI thread while a QTableView is scrolled to row 10,000 page by page, and the
// resident memory against rows loaded.
// Usage: desk-keys-gui-bench PATH-TO-litellm-deskctl [KEYS] [ROWS]

#include "core/api/ProxyClient.h"
#include "core/format/Count.h"
#include "core/itemmodels/KeyFilterProxy.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLoggingCategory>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace {

void print(const QString &line) {
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

double rssMiB() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

// Measures the longest time the event loop did not run a 1 ms timer: a stall of the GUI thread.
class Heartbeat : public QObject {
public:
    Heartbeat() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 gap = m_clock.nsecsElapsed();
            m_clock.restart();
            if (gap > m_longest)
                m_longest = gap;
        });
    }
    void start() {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double longestMs() const { return double(m_longest) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

template <typename F> bool waitFor(F done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace

int main(int argc, char **argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("desk.*.debug=false"));
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        print(QStringLiteral("usage: desk-keys-gui-bench PATH-TO-litellm-deskctl [KEYS] [ROWS]"));
        return 2;
    }
    const int keys = args.size() > 2 ? args.at(2).toInt() : 1000000;
    const int targetRows = args.size() > 3 ? args.at(3).toInt() : 10000;

    QProcess demo;
    demo.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer setup;
    setup.start();
    demo.start(args.at(1), {QStringLiteral("demo"), QStringLiteral("--keys"), QString::number(keys),
                            QStringLiteral("--port"), QStringLiteral("0")});
    QByteArray banner;
    QUrl url;
    QString masterKey;
    const bool up = waitFor(
        [&] {
            banner += demo.readAll();
            const auto u =
                QRegularExpression(QStringLiteral("listening on (\\S+)")).match(QString::fromUtf8(banner));
            const auto k =
                QRegularExpression(QStringLiteral("Master key: (\\S+)")).match(QString::fromUtf8(banner));
            if (u.hasMatch() && k.hasMatch()) {
                url = QUrl(u.captured(1));
                masterKey = k.captured(1);
                return true;
            }
            return demo.state() == QProcess::NotRunning;
        },
        120000);
    if (!up || !url.isValid()) {
        print(QStringLiteral("the simulator did not start: %1").arg(QString::fromUtf8(banner)));
        return 1;
    }
    print(QStringLiteral("simulator process with %1 keys ready in %2 ms at %3")
              .arg(keys)
              .arg(setup.elapsed())
              .arg(url.toString()));

    ClientConfig c;
    c.baseUrl = url;
    ProxyClient client(c, masterKey);
    const double rssBefore = rssMiB();
    int code = 0;

    // Sorted by spend twice: the simulator builds its sorted order of every key on the first such
    // request (as a database without an index would), so the second figure is the page's own.
    int spendRuns = 0;
    for (const QString &sort : {QString(), QStringLiteral("spend"), QStringLiteral("spend")}) {
        const bool cold = sort == u"spend" && spendRuns++ == 0;
        KeyDirectory directory(&client);
        KeyTableModel model;
        KeyFilterProxy proxy;
        proxy.setKeyModel(&model);
        QTableView view;
        view.setModel(&proxy);
        view.resize(1400, 900);
        view.show();
        model.setDirectory(&directory);
        KeyFilter f;
        f.sortBy = sort;
        directory.setFilter(f);
        Heartbeat beat;
        beat.start();
        QElapsedTimer timer;
        timer.start();
        directory.reload(); // the model resets, as when the page opens
        const bool first = waitFor([&] { return proxy.rowCount() > 0; }, 30000);
        view.viewport()->repaint(); // the rows painted
        const qint64 firstMs = timer.elapsed();
        print(QStringLiteral("first rows visible (sort %1): %2 ms, %3 rows of %4; longest GUI stall %5 ms "
                             "(target < 300 ms)")
                  .arg(sort.isEmpty()
                           ? QStringLiteral("default")
                           : sort + (cold ? QStringLiteral(", simulator's first sort") : QString()))
                  .arg(firstMs)
                  .arg(proxy.rowCount())
                  .arg(formatCount(directory.totalCount().value_or(-1)))
                  .arg(beat.longestMs(), 0, 'f', 1));
        if (!first || (firstMs >= 300 && !cold))
            code = 1;
        if (!sort.isEmpty())
            continue;

        // Scroll to row 10,000: the view asks for the next page each time it reaches the end.
        beat.start();
        QElapsedTimer scroll;
        scroll.start();
        QList<int> marks{1000, 2500, 5000, 10000, 20000, 50000};
        while (proxy.rowCount() < targetRows) {
            if (!directory.isLoading()) {
                view.scrollToBottom();
                view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
            }
            if (!waitFor([&] { return !directory.isLoading() || proxy.rowCount() >= targetRows; }, 30000))
                break;
            QCoreApplication::processEvents();
            while (!marks.isEmpty() && proxy.rowCount() >= marks.first()) {
                print(QStringLiteral("  %1 rows loaded: RSS %2 MiB (+%3 MiB since start)")
                          .arg(proxy.rowCount())
                          .arg(rssMiB(), 0, 'f', 1)
                          .arg(rssMiB() - rssBefore, 0, 'f', 1));
                marks.removeFirst();
            }
        }
        beat.stop();
        print(QStringLiteral(
                  "scrolled to row %1 in %2 ms (%3 pages); longest GUI-thread stall %4 ms (target < 50 ms)")
                  .arg(proxy.rowCount())
                  .arg(scroll.elapsed())
                  .arg(directory.pagesLoaded())
                  .arg(beat.longestMs(), 0, 'f', 1));
        if (beat.longestMs() >= 50)
            code = 1;
    }
    demo.terminate();
    demo.waitForFinished(5000);
    return code;
}
