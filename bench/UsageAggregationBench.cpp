// Times UsageAggregator on a daily activity file (see desk-usage-gen) and prints wall time, MB/s and
// peak RSS. Not a test: a program that prints figures.
//
//   desk-usage-bench FILE [--by model|model_group|provider|key|entity|all] [--repeat 5] [--buffer BYTES]

#include "core/usage/UsageAggregator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    QString path, by = QStringLiteral("model");
    int repeat = 5;
    qsizetype buffer = 0;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const auto next = [&] { return i + 1 < args.size() ? args.at(++i) : QString(); };
        if (args.at(i) == u"--by")
            by = next();
        else if (args.at(i) == u"--repeat")
            repeat = std::max(1, next().toInt());
        else if (args.at(i) == u"--buffer")
            buffer = next().toLongLong();
        else
            path = args.at(i);
    }
    const auto dimension = UsageReport::dimensionFromName(by);
    if (path.isEmpty() || (!dimension && by != u"all")) {
        std::fprintf(stderr,
                     "usage: desk-usage-bench FILE [--by model|key|...|all] [--repeat N] [--buffer BYTES]\n");
        return 2;
    }
    const auto parts = dimension ? UsageAggregator::partsFor(*dimension)
                                 : UsageAggregator::Parts(UsageAggregator::Part::All);
    const double megabytes = double(QFileInfo(path).size()) / 1e6;
    std::vector<double> times;
    UsageMetrics totals;
    qsizetype elements = 0;
    for (int r = 0; r < repeat; ++r) {
        UsageAggregator aggregator(parts);
        if (buffer > 0)
            aggregator.setBufferSize(buffer);
        QElapsedTimer timer;
        timer.start();
        const auto read = aggregator.addFile(path);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!read) {
            std::fprintf(stderr, "%s\n", qPrintable(read.error().message));
            return 1;
        }
        elements = *read;
        totals = aggregator.report().totals();
    }
    std::sort(times.begin(), times.end());
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("file            %s (%.1f MB, %lld results elements)\n", qPrintable(path), megabytes,
                qlonglong(elements));
    std::printf("grouping        %s\n", qPrintable(by));
    std::printf("wall ms         min %.1f  median %.1f  max %.1f  (%d runs)\n", times.front(),
                times[times.size() / 2], times.back(), repeat);
    std::printf("throughput      %.0f MB/s (best run)\n", megabytes / (times.front() / 1e3));
    std::printf("peak RSS        %.1f MB\n", double(usage.ru_maxrss) / 1024.0);
    std::printf("total spend     %.6f, api requests %lld\n", totals.spend, qlonglong(totals.apiRequests));
    return 0;
}
