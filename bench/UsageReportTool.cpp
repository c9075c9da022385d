// The whole-process figure: reads a daily activity file and prints the report grouped by one
// dimension as JSON, as `litellm-deskctl usage --input FILE --by model --format json` does.
//
//   desk-usage-report FILE [--by model]

#include "core/usage/UsageAggregator.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    QString path, by = QStringLiteral("model");
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--by" && i + 1 < args.size())
            by = args.at(++i);
        else
            path = args.at(i);
    }
    const auto dimension = UsageReport::dimensionFromName(by);
    if (path.isEmpty() || !dimension) {
        std::fprintf(stderr, "usage: desk-usage-report FILE [--by model|model_group|provider|key|entity]\n");
        return 2;
    }
    const auto report = UsageAggregator::aggregateFile(path, UsageAggregator::partsFor(*dimension));
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
        return 1;
    }
    const QByteArray json = QJsonDocument(report->toJson(*dimension)).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    return 0;
}
