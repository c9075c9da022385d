#include "ModelsPage.h"

#include "core/catalog/ModelCatalog.h"
#include "core/itemmodels/ModelFilterProxy.h"
#include "core/itemmodels/ModelTableModel.h"
#include "ui/ErrorBanner.h"
#include "ui/FilterWidgets.h"
#include "ui/TableWidths.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

using Column = ModelTableModel::Column;

ModelsPage::ModelsPage(QWidget *parent)
    : Page(parent) {
    setObjectName(QStringLiteral("modelsPage"));
    m_model = new ModelTableModel(this);
    m_proxy = new ModelFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    auto *title = textstyle::title(tr("Models"), this);

    auto *subtitle = new QLabel(tr("Deployments on this proxy, with list prices per 1 million tokens"), this);
    textstyle::setMuted(subtitle);

    m_filter = filterwidgets::textFilter(QStringLiteral("modelFilter"), tr("Filter models"),
                                         tr("Filter by name, provider or mode (Ctrl+F)"), 280, this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setTextFilter(text);
        updateCount();
    });

    m_mode = filterwidgets::choice(QStringLiteral("modeFilter"), tr("Mode"), tr("All modes"), this);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setModeFilter(m_mode->currentData().toString());
        updateCount();
    });

    m_count = filterwidgets::count(QStringLiteral("modelCount"), this);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &ModelsPage::reload);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("modelTable"));
    m_table->setAccessibleName(tr("Models"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(int(Column::Name), Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setStyleSheet(QStringLiteral("QTableView::item { border: 0px; padding: 0px 8px; }"
                                          "QHeaderView::section { padding: 4px 8px; }"));
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(int(Column::Name), QHeaderView::Stretch);
    header->setMinimumSectionSize(70);
    TableWidths::fit(m_table); // the name takes the room left

    auto *heading = new QVBoxLayout;
    heading->setSpacing(2);
    heading->addWidget(title);
    heading->addWidget(subtitle);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_filter, 1);
    tools->addWidget(m_mode);
    tools->addStretch();
    tools->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(heading);
    layout->addLayout(tools);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    updateCount();
}

void ModelsPage::setContext(const PageContext &context) {
    if (context.catalog != m_catalog)
        setCatalog(context.catalog);
}

void ModelsPage::reload() {
    if (m_catalog)
        m_catalog->load();
}

void ModelsPage::setCatalog(ModelCatalog *catalog) {
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    m_banner->clear();
    m_model->setModels({});
    showLoading(catalog && catalog->isLoading());
    if (!catalog)
        return;
    connect(catalog, &ModelCatalog::loaded, this, &ModelsPage::showModels);
    connect(catalog, &ModelCatalog::failed, this, &ModelsPage::showError);
    connect(catalog, &ModelCatalog::loadingChanged, this, &ModelsPage::showLoading);
    if (catalog->hasLoaded())
        showModels(catalog->models());
}

QWidget *ModelsPage::filterWidget() const {
    return m_filter;
}

void ModelsPage::showModels(const QList<ModelInfo> &models) {
    m_banner->clear();
    m_model->setModels(models);
    updateModes(models);
    updateCount();
    emit statusMessage(tr("Loaded %n model(s)", nullptr, int(models.size())));
}

void ModelsPage::showError(const ApiError &error) {
    m_banner->showError(error);
    updateCount();
    emit statusMessage(tr("Loading models failed: %1").arg(error.toString()));
}

void ModelsPage::showLoading(bool loading) {
    m_loading = loading;
    if (loading) {
        m_banner->clear();
        emit statusMessage(tr("Loading models…"));
    }
    updateCount();
}

void ModelsPage::updateCount() {
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    const QString models = total == 1 ? tr("1 model") : tr("%1 models").arg(total);
    if (m_loading && total == 0)
        m_count->setText(tr("Loading…"));
    else if (shown == total)
        m_count->setText(models);
    else
        m_count->setText(tr("%1 of %2").arg(shown).arg(models));
}

void ModelsPage::updateModes(const QList<ModelInfo> &models) {
    const QString current = m_mode->currentData().toString();
    QStringList modes;
    for (const auto &m : models)
        if (!m.mode.isEmpty() && !modes.contains(m.mode))
            modes << m.mode;
    modes.sort();
    const QSignalBlocker block(m_mode);
    m_mode->clear();
    m_mode->addItem(tr("All modes"), QString());
    for (const QString &mode : std::as_const(modes))
        m_mode->addItem(mode, mode);
    const int index = m_mode->findData(current);
    m_mode->setCurrentIndex(index < 0 ? 0 : index);
    m_proxy->setModeFilter(m_mode->currentData().toString());
}
