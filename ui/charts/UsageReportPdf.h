#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QAbstractItemModel;
class QChart;

// A one-file PDF report: a heading (what, whose, which days, as of when) on every page, the range's
// grand totals on the first, then one chart per page with its table below it. A table longer than its
// page runs on over the next pages, under its header row again: no row is left out.
class UsageReportPdf {
public:
    struct Section {
        std::function<QChart *()> chart; // builds a fresh chart; the report deletes it
        const QAbstractItemModel *table = nullptr;
        QList<int> columns; // of `table`, in order
    };

    QString heading;
    QStringList details; // "Scope: team …", "Days: … (UTC)", "As of …"
    QStringList totals;  // lines on the first page: "Spend $…", and why a sum is not spend when it is not
    QList<Section> sections;

    // Returns an error message, or empty when the file was written (atomically).
    QString write(const QString &path) const;
};
