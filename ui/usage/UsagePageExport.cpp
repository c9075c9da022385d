// The Usage page's exports: a chart to PNG, SVG or PDF, a table to CSV or JSON, the page to one PDF.
#include "ui/usage/UsagePage.h"

#include "core/export/TableExport.h"
#include "core/itemmodels/UsageDayModel.h"
#include "core/itemmodels/UsageTableModel.h"
#include "ui/ExportFolder.h"
#include "ui/charts/UsageReportPdf.h"
#include "ui/usage/ChartExportDialog.h"
#include "ui/usage/ChartPanel.h"
#include "ui/usage/UsageFilterBar.h"

#include <QChart>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include <memory>

namespace {

// Both item and day models use the same role numbers for raw values and field names.
static_assert(int(UsageTableModel::SortRole) == int(UsageDayModel::SortRole));
static_assert(int(UsageTableModel::FieldRole) == int(UsageDayModel::FieldRole));
constexpr TableExport::Roles kRoles{UsageTableModel::SortRole, UsageTableModel::FieldRole};

} // namespace

QString UsagePage::exportChart(UsageChartKind kind, const QString &path, ChartFormat format, QSize size,
                               ChartTheme theme) const {
    UsageChartOptions o = chartOptions(theme);
    o.tooltips = false;
    std::unique_ptr<QChart> chart(UsageCharts::build(kind, m_report, o));
    return ChartRenderer::save(chart.get(), path, format, size);
}

QString UsagePage::exportTable(UsageChartKind kind, const QString &path) const {
    const ChartPanel *p = panel(kind);
    if (!p)
        return tr("There is no such table.");
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"json")
        return TableExport::writeFile(path, TableExport::toJson(*p->model(), kRoles, p->columns()));
    if (suffix != u"csv")
        return tr("Save the table as .csv or .json (not .%1).").arg(suffix);
    // All the metrics, not only the columns on screen.
    return TableExport::writeFile(path, TableExport::toCsv(*p->model(), kRoles));
}

QString UsagePage::exportReport(const QString &path) const {
    UsageReportPdf pdf;
    pdf.heading =
        tr("LiteLLM usage — %1").arg(m_context.profileName.isEmpty() ? tr("proxy") : m_context.profileName);
    pdf.details << tr("Scope: %1").arg(m_filters->scopeText())
                << tr("Days: %1 to %2 (UTC)")
                       .arg(m_lastQuery.start.toString(Qt::ISODate), m_lastQuery.end.toString(Qt::ISODate));
    if (!m_lastQuery.model.isEmpty())
        pdf.details << tr("Model: %1").arg(m_lastQuery.model);
    if (!m_lastQuery.apiKey.isEmpty())
        pdf.details << tr("Key: %1…").arg(m_lastQuery.apiKey.left(8));
    pdf.details << (m_asOf.isValid()
                        ? tr("As of %1 UTC").arg(m_asOf.toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                        : tr("Partial: the load did not finish"));
    pdf.totals = reportTotals();
    UsageChartOptions o = chartOptions(ChartTheme::Print);
    o.tooltips = false;
    for (const ChartPanel *p : m_panels) {
        if (p->isHidden())
            continue;
        const UsageChartKind kind = p->kind();
        const UsageReport *report = &m_report;
        pdf.sections.append(
            {[report, kind, o] { return UsageCharts::build(kind, *report, o); }, p->model(), p->columns()});
    }
    return pdf.write(path);
}

void UsagePage::askExportChart(UsageChartKind kind) {
    auto *dialog = new ChartExportDialog(
        exportfolder::suggestedPath(ChartPanel::kindName(kind), QStringLiteral("png")), screenTheme(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, kind] {
        reportExport(dialog->path(),
                     exportChart(kind, dialog->path(), dialog->format(), dialog->size(), dialog->theme()));
    });
    dialog->open();
}

void UsagePage::askExportTable(UsageChartKind kind) {
    auto *dialog =
        new QFileDialog(this, tr("Export Table"),
                        exportfolder::suggestedPath(ChartPanel::kindName(kind), QStringLiteral("csv")),
                        tr("CSV (*.csv);;JSON (*.json)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, kind](const QString &file) { reportExport(file, exportTable(kind, file)); });
    dialog->open();
}

void UsagePage::askExportReport() {
    auto *dialog =
        new QFileDialog(this, tr("Export Usage Report"),
                        exportfolder::suggestedPath(QStringLiteral("usage-report"), QStringLiteral("pdf")),
                        tr("PDF (*.pdf)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pdf"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { reportExport(file, exportReport(file)); });
    dialog->open();
}

void UsagePage::reportExport(const QString &file, const QString &error) {
    if (error.isEmpty()) {
        exportfolder::remember(file);
        emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(file)));
        return;
    }
    // Where the user is looking: they just chose the file, so the answer comes as a message, not a line
    // in the status bar they may never read.
    auto *box =
        new QMessageBox(QMessageBox::Warning, tr("Export Failed"),
                        tr("%1 was not saved.").arg(QDir::toNativeSeparators(file)), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("exportFailedMessage"));
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
    emit statusMessage(tr("Export failed: %1").arg(error));
}
