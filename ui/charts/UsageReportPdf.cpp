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

void drawTable(QPainter &p, const QAbstractItemModel &model, const QList<int> &columns, QRectF area) {
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
    const int fit = int((area.bottom() - y) / kRowHeight) - 1;
    const int rows = model.rowCount();
    const int shown = rows > fit ? std::max(0, fit - 1) : rows;
    for (int r = 0; r < shown; ++r) {
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
    if (shown < rows) {
        p.setPen(QColor(0x55, 0x55, 0x55));
        p.drawText(
            QRectF(area.left() + 3, y, area.width(), kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
            QObject::tr("… and %1 more rows: export the table as CSV for all of them").arg(rows - shown));
    }
}

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
        const int pages = int(sections.size());
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                pdf.newPage();
            p.fillRect(QRectF(0, 0, pageWidth, pageHeight), Qt::white);
            drawHeading(p, *this, width, i + 1, pages);
            const Section &s = sections.at(i);
            const double top = kMargin + 52;
            if (s.chart) {
                std::unique_ptr<QChart> chart(s.chart());
                const QSize size{int(width), int(kChartHeight)};
                ChartRenderer::paint(chart.get(), size, &p, QRectF(QPointF(kMargin, top), QSizeF(size)));
            }
            if (s.table)
                drawTable(p, *s.table, s.columns,
                          QRectF(kMargin, top + kChartHeight + 16, width,
                                 pageHeight - top - kChartHeight - 16 - kMargin));
        }
        if (pages == 0)
            drawHeading(p, *this, width, 1, 1);
    }
    if (!file.commit())
        return QObject::tr("%1 cannot be written: %2").arg(path, file.errorString());
    return {};
}
