#include "UsageReportPdf.h"

#include "ui/charts/ChartRenderer.h"

#include <QAbstractItemModel>
#include <QChart>
#include <QObject>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <memory>

namespace {

constexpr int kDpi = 96;
constexpr double kMargin = 40;
constexpr double kChartHeight = 430;
constexpr double kRowHeight = 17;
constexpr double kTotalsLineHeight = 17;
constexpr double kHeadingHeight = 52;

void drawHeading(QPainter &p, const UsageReportPdf &report, double width, int page, int pages) {
    QFont title = p.font();
    title.setPointSizeF(14);
    title.setBold(true);
    p.setFont(title);
    p.setPen(Qt::black);
    p.drawText(QRectF(kMargin, kMargin, width, 24), Qt::AlignLeft | Qt::AlignVCenter, report.heading);
    QFont small = p.font();
    small.setPointSizeF(8.5);
    small.setBold(false);
    p.setFont(small);
    p.setPen(QColor(0x55, 0x55, 0x55));
    p.drawText(QRectF(kMargin, kMargin + 26, width, 16), Qt::AlignLeft | Qt::AlignVCenter,
               report.details.join(QStringLiteral("  ·  ")));
    p.drawText(QRectF(kMargin, kMargin, width, 24), Qt::AlignRight | Qt::AlignVCenter,
               QObject::tr("Page %1 of %2").arg(page).arg(pages));
}

double totalsHeight(const UsageReportPdf &report) {
    return report.totals.isEmpty() ? 0 : 8 + kTotalsLineHeight * double(report.totals.size());
}

// The grand totals, under the heading of the first page.
void drawTotals(QPainter &p, const QStringList &totals, double top, double width) {
    QFont font = p.font();
    font.setPointSizeF(10);
    font.setBold(false);
    p.setFont(font);
    p.setPen(Qt::black);
    double y = top;
    for (const QString &line : totals) {
        p.drawText(QRectF(kMargin, y, width, kTotalsLineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(line, Qt::ElideRight, int(width)));
        y += kTotalsLineHeight;
    }
}

// How many table rows (below the header row) fit in a height.
int rowsThatFit(double height) {
    return std::max(1, int(height / kRowHeight) - 1);
}

// Rows [first, first + count) of the table, under its header row.
void drawTable(QPainter &p, const QAbstractItemModel &model, const QList<int> &columns, QRectF area,
               int first, int count) {
    if (columns.isEmpty())
        return;
    QFont font = p.font();
    font.setPointSizeF(8);
    p.setFont(font);
    const double firstWidth = area.width() * (columns.size() > 4 ? 0.28 : 0.4);
    const double otherWidth =
        columns.size() > 1 ? (area.width() - firstWidth) / double(columns.size() - 1) : 0;
    const auto cellRect = [&](int i, double y) {
        const double x = area.left() + (i == 0 ? 0 : firstWidth + (i - 1) * otherWidth);
        return QRectF(x + 3, y, (i == 0 ? firstWidth : otherWidth) - 6, kRowHeight);
    };
    double y = area.top();
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::black);
    for (int i = 0; i < columns.size(); ++i)
        p.drawText(cellRect(i, y), (i ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                   model.headerData(columns.at(i), Qt::Horizontal).toString());
    y += kRowHeight;
    p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    font.setBold(false);
    p.setFont(font);
    for (int r = first; r < first + count; ++r) {
        if (r % 2)
            p.fillRect(QRectF(area.left(), y, area.width(), kRowHeight), QColor(0xf3, 0xf3, 0xf3));
        for (int i = 0; i < columns.size(); ++i) {
            const QString text = model.index(r, columns.at(i)).data().toString();
            const QRectF cell = cellRect(i, y);
            p.drawText(cell, (i ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(text, Qt::ElideMiddle, int(cell.width())));
        }
        y += kRowHeight;
    }
}

// One page of the report: a section's chart with the rows that fit below it, or the rows that follow.
struct PagePlan {
    int section = -1;
    bool chart = false;
    int firstRow = 0;
    int rowCount = 0;
};

} // namespace

QString UsageReportPdf::write(const QString &path) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("%1 cannot be written: %2").arg(path, file.errorString());
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(heading);
        pdf.setCreator(QStringLiteral("LiteLLM Desk"));
        pdf.setResolution(kDpi);
        pdf.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        QPainter p(&pdf);
        const double pageWidth = pdf.width();
        const double pageHeight = pdf.height();
        const double width = pageWidth - 2 * kMargin;
        const double bodyTop = kMargin + kHeadingHeight;
        const double bodyHeight = pageHeight - bodyTop - kMargin;
        // Lay out every page first, so each can say "Page x of y"; tables run on over as many pages
        // as their rows need.
        QList<PagePlan> plan;
        for (int i = 0; i < sections.size(); ++i) {
            const Section &s = sections.at(i);
            const double extra = plan.isEmpty() ? totalsHeight(*this) : 0;
            const int rows = s.table && !s.columns.isEmpty() ? s.table->rowCount() : 0;
            PagePlan first{i, bool(s.chart), 0, 0};
            const double tableHeight = bodyHeight - extra - (s.chart ? kChartHeight + 16 : 0);
            first.rowCount = std::min(rows, rowsThatFit(tableHeight));
            plan << first;
            for (int row = first.rowCount; row < rows;) {
                const int count = std::min(rows - row, rowsThatFit(bodyHeight));
                plan << PagePlan{i, false, row, count};
                row += count;
            }
        }
        const int pages = std::max(1, int(plan.size()));
        for (int n = 0; n < plan.size(); ++n) {
            if (n > 0)
                pdf.newPage();
            p.fillRect(QRectF(0, 0, pageWidth, pageHeight), Qt::white);
            drawHeading(p, *this, width, n + 1, pages);
            double top = bodyTop;
            if (n == 0) {
                drawTotals(p, totals, top, width);
                top += totalsHeight(*this);
            }
            const PagePlan &page = plan.at(n);
            const Section &s = sections.at(page.section);
            if (page.chart) {
                std::unique_ptr<QChart> chart(s.chart());
                const QSize size{int(width), int(kChartHeight)};
                ChartRenderer::paint(chart.get(), size, &p, QRectF(QPointF(kMargin, top), QSizeF(size)));
                top += kChartHeight + 16;
            }
            if (s.table)
                drawTable(p, *s.table, s.columns, QRectF(kMargin, top, width, pageHeight - top - kMargin),
                          page.firstRow, page.rowCount);
        }
        if (plan.isEmpty()) {
            drawHeading(p, *this, width, 1, 1);
            drawTotals(p, totals, bodyTop, width);
        }
    }
    if (!file.commit())
        return QObject::tr("%1 cannot be written: %2").arg(path, file.errorString());
    return {};
}
