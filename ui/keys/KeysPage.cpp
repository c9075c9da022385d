#include "KeysPage.h"

#include "core/budget/BudgetReader.h"
#include "core/budget/KeyBudgets.h"
#include "core/connection/RoleGate.h"
#include "core/format/Count.h"
#include "core/index/KeyIndex.h"
#include "core/index/KeyIndexSync.h"
#include "core/itemmodels/KeyFilterProxy.h"
#include "core/itemmodels/KeyIndexModel.h"
#include "core/itemmodels/KeyTableModel.h"
#include "core/keys/KeyDirectory.h"
#include "core/people/TeamList.h"
#include "ui/ErrorBanner.h"
#include "ui/FilterWidgets.h"
#include "ui/TableWidths.h"
#include "ui/TextStyle.h"
#include "ui/keys/KeyDetailsView.h"
#include "ui/keys/KeyFilterBar.h"
#include "ui/keys/RiskChipDelegate.h"
#include "ui/keys/SpendBarDelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using Column = KeyTableModel::Column;

KeysPage::KeysPage(QWidget *parent)
    : Page(parent) {
    setObjectName(QStringLiteral("keysPage"));
    m_model = new KeyTableModel(this);
    m_proxy = new KeyFilterProxy(this);
    m_proxy->setKeyModel(m_model);
    m_indexModel = new KeyIndexModel(nullptr, this);
    buildActions();
    buildLayout();
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &KeysPage::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &KeysPage::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &KeysPage::updateCount);
    // The details and the actions follow the selection, and the rows under it: a reload (a new sort, a
    // new filter) clears the selection without a selectionChanged, a narrowing quick filter or a delete
    // takes rows out of it, and a block changes what the selected keys allow.
    const auto followSelection = [this] {
        updateDetails();
        updateActions();
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, followSelection);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, followSelection);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, followSelection);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, followSelection);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, followSelection);
    connect(m_indexModel, &QAbstractItemModel::modelReset, this, followSelection);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &KeysPage::updateIndexLine);
    updateIndexLine();
    updateCount();
    updateActions();
}

KeysPage::~KeysPage() {
    // Closing the page takes the focus from a filter field, which would send what it holds to a page
    // already half gone.
    disconnect(m_filterBar, nullptr, this, nullptr);
    if (m_indexExport)
        m_indexExport->cancel(); // writes nothing
    closeIndex();
}

void KeysPage::buildActions() {
    auto make = [this](const QString &name, const QString &text, const QKeySequence &shortcut,
                       QStyle::StandardPixmap icon, const QString &tip) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(shortcut);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(tip);
        a->setProperty("baseToolTip", tip);
        addAction(a);
        return a;
    };
    m_edit = make(QStringLiteral("editKeyAction"), tr("&Edit…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                  QStyle::SP_FileDialogDetailedView,
                  tr("Change the key's alias, models, budget, limits or expiry"));
    m_block = make(QStringLiteral("blockKeyAction"), tr("&Block"), QKeySequence(Qt::CTRL | Qt::Key_B),
                   QStyle::SP_BrowserStop, tr("Block the selected keys: requests with them are refused"));
    m_unblock = make(QStringLiteral("unblockKeyAction"), tr("&Unblock"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), QStyle::SP_DialogApplyButton,
                     tr("Let the selected keys be used again"));
    m_delete = make(QStringLiteral("deleteKeyAction"), tr("&Delete…"), QKeySequence::Delete,
                    QStyle::SP_TrashIcon, tr("Delete the selected keys on the proxy"));
    m_regenerate = make(QStringLiteral("regenerateKeyAction"), tr("&Regenerate…"),
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStyle::SP_BrowserReload,
                        tr("Replace the key with a new one; the old key stops working"));
    m_export = make(QStringLiteral("exportKeysAction"), tr("E&xport…"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), QStyle::SP_DialogSaveButton,
                    tr("Write every key of the current filters to CSV or JSON"));
    m_reload = make(QStringLiteral("reloadKeysAction"), tr("Re&load"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), QStyle::SP_BrowserReload,
                    tr("Load the keys again from the first page"));
    connect(m_edit, &QAction::triggered, this, &KeysPage::editSelected);
    connect(m_block, &QAction::triggered, this, [this] { blockSelected(true); });
    connect(m_unblock, &QAction::triggered, this, [this] { blockSelected(false); });
    connect(m_delete, &QAction::triggered, this, &KeysPage::deleteSelected);
    connect(m_regenerate, &QAction::triggered, this, &KeysPage::regenerateSelected);
    connect(m_export, &QAction::triggered, this, &KeysPage::chooseExport);
    connect(m_reload, &QAction::triggered, this, &KeysPage::reload);
}

void KeysPage::buildLayout() {
    buildIndexLine();
    auto *title = textstyle::title(tr("Keys"), this);
    m_subtitle = new QLabel(tr("Virtual keys on this proxy, sorted and filtered by the proxy"), this);
    m_subtitle->setObjectName(QStringLiteral("keysSubtitle"));
    textstyle::setMuted(m_subtitle);

    m_filterBar = new KeyFilterBar(this);
    connect(m_filterBar, &KeyFilterBar::changed, this, &KeysPage::applyServerFilter);

    m_quickFilter = filterwidgets::textFilter(QStringLiteral("keyQuickFilter"), tr("Narrow the loaded keys"),
                                              tr("Narrow the loaded keys (Ctrl+F)"), 220, this);
    connect(m_quickFilter, &QLineEdit::textChanged, this, &KeysPage::applyQuickFilters);

    m_riskButton = new QToolButton(this);
    m_riskButton->setObjectName(QStringLiteral("riskFilterButton"));
    m_riskButton->setText(tr("Risks"));
    m_riskButton->setToolTip(tr("Show only loaded keys with any of the checked risks"));
    m_riskButton->setPopupMode(QToolButton::InstantPopup);
    m_riskButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *riskMenu = new QMenu(m_riskButton);
    riskMenu->setObjectName(QStringLiteral("riskFilterMenu"));
    for (KeyRisk risk : keyrisk::allRisks()) {
        QAction *a = riskMenu->addAction(keyrisk::label(risk));
        a->setObjectName(QStringLiteral("risk_") + keyrisk::name(risk));
        a->setCheckable(true);
        a->setData(int(risk));
        QPixmap dot(12, 12);
        dot.fill(RiskChipDelegate::colour(risk));
        a->setIcon(QIcon(dot));
        connect(a, &QAction::toggled, this, &KeysPage::applyQuickFilters);
        m_riskActions << a;
    }
    riskMenu->addSeparator();
    m_recentlyUsedAction =
        riskMenu->addAction(tr("Only keys used in the last %1 days").arg(keyrisk::kIdleDays));
    m_recentlyUsedAction->setObjectName(QStringLiteral("recentlyUsedFilter"));
    m_recentlyUsedAction->setCheckable(true);
    m_recentlyUsedAction->setToolTip(
        tr("Keys whose last use the proxy reports within %1 days, whatever risks are checked above")
            .arg(keyrisk::kIdleDays));
    connect(m_recentlyUsedAction, &QAction::toggled, this, &KeysPage::applyQuickFilters);
    m_riskButton->setMenu(riskMenu);

    m_count = filterwidgets::count(QStringLiteral("keyCount"), this);
    m_loading = new QProgressBar(this);
    m_loading->setObjectName(QStringLiteral("keysLoading"));
    m_loading->setRange(0, 0);
    m_loading->setMaximumWidth(120);
    m_loading->setMaximumHeight(10);
    m_loading->setTextVisible(false);
    m_loading->hide();

    auto *bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("keysToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(16, 16));
    bar->addActions({m_edit, m_block, m_unblock, m_delete, m_regenerate});
    bar->addSeparator();
    bar->addActions({m_export, m_reload, m_changes});

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, [this] {
        if (m_directory && m_model->rowCount() > 0 && m_directory->canFetchMore()) {
            m_banner->clear();
            m_directory->fetchMore(); // a later page failed: keep what is loaded
        } else
            reload();
    });
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("keysNotice"));
    m_notice->setWordWrap(true);
    textstyle::setNotice(m_notice, textstyle::Tone::Warning);
    m_notice->hide();

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("keyTable"));
    m_table->setAccessibleName(tr("Keys"));
    m_table->setModel(m_proxy);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setStyleSheet(QStringLiteral("QTableView::item { border: 0px; padding: 0px 6px; }"
                                          "QHeaderView::section { padding: 4px 6px; }"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->setItemDelegateForColumn(int(Column::Spend),
                                      new SpendBarDelegate(KeyTableModel::SpendShareRole, m_table));
    m_table->setItemDelegateForColumn(int(Column::LimitedBy),
                                      new SpendBarDelegate(KeyTableModel::SpendShareRole, m_table));
    m_table->setItemDelegateForColumn(int(Column::Risks), new RiskChipDelegate(m_table));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, &KeysPage::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, &KeysPage::editSelected);
    QHeaderView *header = m_table->horizontalHeader();
    header->setObjectName(QStringLiteral("keyTableHeader"));
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::DescendingOrder);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setMinimumSectionSize(50);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    const int cw = m_table->fontMetrics().averageCharWidth();
    const QList<std::pair<Column, int>> widths{
        {Column::Alias, 18},   {Column::Key, 14},        {Column::Team, 14},        {Column::User, 12},
        {Column::Models, 16},  {Column::Spend, 24},      {Column::BudgetReset, 12}, {Column::Expires, 27},
        {Column::Created, 16}, {Column::LastActive, 13}, {Column::Limits, 14},      {Column::Status, 11},
        {Column::Risks, 36},   {Column::LimitedBy, 40}};
    for (const auto &[column, chars] : widths)
        header->resizeSection(int(column), cw * chars);
    TableWidths::fit(m_table); // at least the header's width, and the content's
    // What matters most comes first: who, how risky, how much, until when.
    const QList<Column> order{Column::Alias, Column::Key,       Column::Status,     Column::Risks,
                              Column::Spend, Column::LimitedBy, Column::Expires,    Column::Team,
                              Column::User,  Column::Models,    Column::LastActive, Column::Created};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(int(order.at(visual))), visual);
    header->setSectionHidden(int(Column::BudgetReset), true);
    header->setSectionHidden(int(Column::Limits), true);
    connect(header, &QHeaderView::customContextMenuRequested, this, &KeysPage::showHeaderMenu);
    // Also when the window's LayoutMemory brings back a profile's columns, with their sort order.
    connect(header, &QHeaderView::sortIndicatorChanged, this, &KeysPage::onSortIndicator);

    m_details = new KeyDetailsView(this);
    // The selected key's budget ladder, read once the selection rests (arrowing through keys asks nothing).
    m_ladderTimer = new QTimer(this);
    m_ladderTimer->setSingleShot(true);
    m_ladderTimer->setInterval(250);
    connect(m_ladderTimer, &QTimer::timeout, this, &KeysPage::readLadder);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("keysSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({800, 300});

    auto *indexRow = new QHBoxLayout;
    indexRow->addWidget(m_indexLine);
    indexRow->addWidget(m_syncButton);
    indexRow->addStretch();
    auto *heading = new QVBoxLayout;
    heading->setSpacing(2);
    heading->addWidget(title);
    heading->addWidget(m_subtitle);
    heading->addLayout(indexRow);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_quickFilter, 1);
    tools->addWidget(m_riskButton);
    tools->addStretch();
    tools->addWidget(m_loading);
    tools->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(8);
    layout->addLayout(heading);
    layout->addWidget(m_filterBar);
    layout->addLayout(tools);
    layout->addWidget(bar);
    layout->addWidget(m_banner);
    layout->addWidget(m_notice);
    layout->addWidget(m_splitter, 1);
}

void KeysPage::setContext(const PageContext &context) {
    m_caller = context.callerKnown ? context.caller : CallerIdentity{};
    const bool newScope = context.scope != m_scope;
    m_scope = context.scope;
    if (context.client != m_client || newScope)
        setClient(context.client);
    updateActions();
}

void KeysPage::setClient(ProxyClient *client) {
    cancelBudgets(true); // the old connection's budgets are not wanted
    m_model->setBudgets({});
    closeIndex();
    if (m_directory) {
        cancel();
        m_model->setDirectory(nullptr);
        delete m_directory;
        m_directory = nullptr;
    }
    m_client = client;
    m_enterpriseMissing = false;
    m_regenerating = false;
    m_firstSyncStarted = false;
    m_batch.reset();
    m_banner->clear();
    m_notice->hide();
    if (client) {
        m_directory = new KeyDirectory(client, this);
        connect(m_directory, &KeyDirectory::loadingChanged, this, &KeysPage::showLoading);
        connect(m_directory, &KeyDirectory::failed, this, [this](const ApiError &error) {
            m_banner->showError(error);
            emit statusMessage(tr("Loading keys failed: %1").arg(error.toString()));
            updateCount();
        });
        connect(m_directory, &KeyDirectory::filterIgnored, this, [this](const QString &message) {
            m_notice->setText(tr("This proxy does not filter keys as asked: %1. The rows that do not match "
                                 "are hidden.")
                                  .arg(message));
            m_notice->show();
        });
        m_directory->setFilter(m_filterBar->filter(m_directory->filter()));
        m_model->setDirectory(m_directory);
        onSortIndicator(m_sortColumn, m_sortOrder); // the remembered order goes with the first page
        loadTeams();
        openIndex();
        useModel();
        reload();
        m_indexClock->start();
        QTimer::singleShot(0, this, &KeysPage::syncTick); // a first sync, or one that is due, now
    } else {
        m_model->setTeamAliases({});
        m_indexModel->setTeamAliases({});
        m_indexClock->stop();
        openIndex(); // read-only, as last synced
        useModel();
    }
    updateIndexLine();
    updateCount();
    updateActions();
}

void KeysPage::reload() {
    if (!m_directory)
        return;
    m_banner->clear();
    m_notice->hide();
    if (usesIndex()) {
        m_indexModel->refresh(); // what is indexed now, then what changed on the proxy
        syncNow();
        return;
    }
    m_directory->reload();
    // Without the index, the budgets above the loaded keys are read with them, at most every 5 minutes.
    const QDateTime readAt = m_model->budgets().readAt;
    if (!indexEnabled() &&
        (!readAt.isValid() || readAt.secsTo(QDateTime::currentDateTimeUtc()) >= KeyIndex::kBudgetsMaxAgeSecs))
        readBudgets(false);
}

void KeysPage::loadTeams() {
    if (!m_client)
        return;
    // Without them the team filter still takes ids, and the table shows ids.
    auto *teams = new TeamList(m_client, m_directory);
    connect(teams, &TeamList::loaded, this, [this, teams](const QList<TeamRecord> &loaded) {
        teams->deleteLater();
        m_model->setTeamAliases(TeamList::aliases(loaded));
        m_indexModel->setTeamAliases(TeamList::aliases(loaded));
        m_filterBar->setTeams(TeamList::choices(loaded));
    });
    connect(teams, &TeamList::failed, teams, &QObject::deleteLater);
    teams->load();
}

void KeysPage::showUser(const QString &userId) {
    m_filterBar->showUser(userId); // changed() reloads when the filter is new
}

void KeysPage::showRisks(const QList<KeyRisk> &risks, bool recentlyUsed) {
    {
        const QSignalBlocker block(m_quickFilter);
        m_quickFilter->clear();
    }
    for (QAction *a : std::as_const(m_riskActions)) {
        const QSignalBlocker block(a);
        a->setChecked(risks.contains(KeyRisk(a->data().toInt())));
    }
    {
        const QSignalBlocker block(m_recentlyUsedAction);
        m_recentlyUsedAction->setChecked(recentlyUsed);
    }
    applyQuickFilters();
}

void KeysPage::showTeam(const QString &teamId) {
    m_filterBar->showTeam(teamId); // changed() reloads when the filter is new
}

void KeysPage::showKey(const QString &token) {
    showRisks({});
    m_filterBar->showKey(token); // changed() reloads when the filter is new
}

void KeysPage::applyServerFilter() {
    if (usesIndex())
        applyIndexQuery();
    if (!m_directory)
        return;
    if (usesIndex()) {
        m_directory->setFilter(m_filterBar->filter(m_directory->filter())); // for exports
        return;
    }
    m_directory->setFilter(m_filterBar->filter(m_directory->filter()));
    reload();
}

void KeysPage::applyQuickFilters() {
    QSet<KeyRisk> risks;
    for (QAction *a : std::as_const(m_riskActions))
        if (a->isChecked())
            risks.insert(KeyRisk(a->data().toInt()));
    const qsizetype checked = risks.size() + (m_recentlyUsedAction->isChecked() ? 1 : 0);
    m_riskButton->setText(checked == 0 ? tr("Risks") : tr("Risks (%1)").arg(checked));
    m_proxy->setTextFilter(m_quickFilter->text());
    m_proxy->setRiskFilter(risks);
    m_proxy->setRecentlyUsedFilter(m_recentlyUsedAction->isChecked());
    if (usesIndex())
        applyIndexQuery();
    updateCount();
}

void KeysPage::onSortIndicator(int column, Qt::SortOrder order) {
    if (usesIndex()) {
        if (column >= 0 && !KeyIndexModel::isSortable(column)) {
            const QSignalBlocker block(m_table->horizontalHeader());
            m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
            emit statusMessage(tr("Keys cannot be sorted by %1.")
                                   .arg(m_model->headerData(column, Qt::Horizontal).toString()));
            return;
        }
        m_sortColumn = column;
        m_sortOrder = order;
        if (column >= 0)
            m_indexModel->sort(column, order);
        return;
    }
    if (column >= 0 && !KeyTableModel::isSortable(column)) {
        // The proxy cannot sort by it: keep the indicator where the order really comes from.
        const QSignalBlocker block(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        emit statusMessage(tr("The proxy cannot sort keys by %1.")
                               .arg(m_model->headerData(column, Qt::Horizontal).toString()));
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_directory || column < 0)
        return;
    if (m_directory->pagesLoaded() == 0 && !m_directory->isLoading()) {
        KeyFilter f = m_directory->filter();
        f.sortBy = KeyTableModel::sortField(Column(column));
        f.sortOrder = order;
        m_directory->setFilter(f);
        return;
    }
    m_proxy->sort(column, order);
}

void KeysPage::showHeaderMenu(const QPoint &pos) {
    QHeaderView *header = m_table->horizontalHeader();
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("columnMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    int shown = 0;
    for (int c = 0; c < KeyTableModel::kColumnCount; ++c)
        shown += header->isSectionHidden(c) ? 0 : 1;
    for (int c = 0; c < KeyTableModel::kColumnCount; ++c) {
        QAction *a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(header->isSectionHidden(c) || shown > 1); // never hide the last column
        connect(a, &QAction::toggled, this,
                [this, c](bool on) { m_table->horizontalHeader()->setSectionHidden(c, !on); });
    }
    menu->popup(header->mapToGlobal(pos));
}

void KeysPage::showContextMenu(const QPoint &pos) {
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("keyContextMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addActions({m_edit, m_block, m_unblock, m_delete, m_regenerate});
    menu->addSeparator();
    menu->addAction(m_export);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

QWidget *KeysPage::filterWidget() const {
    return m_quickFilter;
}

void KeysPage::showLoading(bool loading) {
    setBusy(loading);
    m_loading->setVisible(loading);
    if (loading)
        m_banner->clear();
    updateCount();
}

void KeysPage::updateCount() {
    if (!m_directory && !usesIndex()) {
        m_count->setText(tr("Not connected"));
        return;
    }
    if (usesIndex()) {
        const qint64 shown = m_indexModel->total();
        const qint64 all = m_indexModel->indexed();
        m_count->setText(shown == all ? (all == 1 ? tr("1 key") : tr("%1 keys").arg(formatCount(all)))
                                      : tr("%1 of %2 keys match").arg(formatCount(shown), formatCount(all)));
        return;
    }
    if (m_directory->isLoading() && m_model->rowCount() == 0) {
        m_count->setText(tr("Loading…"));
        return;
    }
    QString text = m_model->countText();
    if (m_proxy->rowCount() != m_model->rowCount())
        text += tr(" · %1 shown").arg(formatCount(m_proxy->rowCount()));
    m_count->setText(text);
}

QStringList KeysPage::selectedTokens() const {
    QStringList out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        out << i.data(KeyTableModel::TokenRole).toString();
    return out;
}

void KeysPage::updateDetails() {
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const QModelIndex row = rows.size() == 1 ? rows.first() : (rows.isEmpty() ? QModelIndex() : current);
    const std::optional<KeyRecord> key = keyOfRow(row);
    // The same key with the same row keeps the ladder already read (or being read): rows are read again
    // after every page, sync or action, and each read of a ladder asks the proxy three routes.
    const bool same = key && m_ladderKey && key->token == m_ladderKey->token && key->raw == m_ladderKey->raw;
    m_ladderKey = key;
    m_details->showKey(key ? &*key : nullptr,
                       m_directory ? m_directory->now() : QDateTime::currentDateTimeUtc(),
                       m_client ? tr("Reading the key's, team's and user's budgets…")
                                : tr("Not read: connect to the proxy to see the budgets that apply."));
    if (!key || !m_client)
        m_ladderTimer->stop();
    else if (!same)
        m_ladderTimer->start();
}

void KeysPage::readLadder() {
    if (!m_ladderKey || !m_client)
        return;
    delete m_ladderRead.data(); // an earlier selection's answer is no longer wanted
    auto *budgets = new KeyBudgets(m_client, this);
    m_ladderRead = budgets;
    const QString token = m_ladderKey->token;
    connect(budgets, &KeyBudgets::ready, this,
            [this, budgets, token](const QHash<QString, BudgetLadder> &ladders, const QStringList &warnings) {
                budgets->deleteLater();
                m_details->setLadder(token, ladders.value(token), warnings);
            });
    budgets->resolve({*m_ladderKey});
}

void KeysPage::updateActions() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const int selected = int(rows.size());
    int blocked = 0;
    for (const QModelIndex &row : rows)
        if (const auto k = keyOfRow(row); k && k->isBlocked())
            ++blocked;
    const auto gate = [&](QAction *a, RoleGate::Action what, bool needsOne, QString extra = {}) {
        QString why;
        if (!m_client)
            why = m_offline ? tr("Not connected: the list is the index as last synced, read-only. Connect to "
                                 "the proxy to make changes.")
                            : tr("Connect to a proxy first.");
        else if (m_offline)
            why = tr("The proxy cannot be reached: the list is the index as last synced, read-only. "
                     "Sync now to try again.");
        else if (m_batch || m_regenerating)
            why = tr("Wait for the current action to finish.");
        else if (selected == 0)
            why = tr("Select a key first.");
        else if (needsOne && selected > 1)
            why = tr("Select one key.");
        else if (!(why = RoleGate::whyNot(m_caller, what)).isEmpty())
            ;
        else
            why = extra;
        a->setEnabled(why.isEmpty());
        a->setToolTip(why.isEmpty() ? a->property("baseToolTip").toString() : why);
        a->setStatusTip(why);
    };
    gate(m_edit, RoleGate::Action::EditKey, true);
    gate(m_block, RoleGate::Action::RevokeKey, false,
         blocked < selected ? QString()
         : selected == 1    ? tr("The key is already blocked.")
                            : tr("Every selected key is already blocked."));
    gate(m_unblock, RoleGate::Action::RevokeKey, false,
         blocked > 0     ? QString()
         : selected == 1 ? tr("The key is not blocked.")
                         : tr("No selected key is blocked."));
    gate(m_delete, RoleGate::Action::RevokeKey, false);
    gate(m_regenerate, RoleGate::Action::EditKey, true,
         m_enterpriseMissing ? tr("needs LiteLLM Enterprise") : QString());
    const bool exporting = isExporting();
    const bool exportable = m_directory || usesIndex(); // the index exports offline too
    m_export->setEnabled(exportable && !exporting);
    m_export->setToolTip(!exportable ? tr("Connect to a proxy first.")
                         : exporting ? tr("An export is running.")
                                     : m_export->property("baseToolTip").toString());
    m_reload->setEnabled(m_directory != nullptr);
}
