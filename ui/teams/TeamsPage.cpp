#include "TeamsPage.h"

#include "core/api/ProxyClient.h"
#include "core/connection/RoleGate.h"
#include "core/format/Count.h"
#include "core/itemmodels/TeamTableModel.h"
#include "ui/ErrorBanner.h"
#include "ui/FilterWidgets.h"
#include "ui/TableWidths.h"
#include "ui/TextStyle.h"
#include "ui/keys/SpendBarDelegate.h"
#include "ui/teams/TeamDetails.h"
#include "ui/teams/TeamRiskDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using Column = TeamTableModel::Column;

namespace {

QPushButton *button(const QString &text, const QString &name, QWidget *parent) {
    auto *b = new QPushButton(text, parent);
    b->setObjectName(name);
    return b;
}

} // namespace

TeamsPage::TeamsPage(QWidget *parent)
    : Page(parent) {
    setObjectName(QStringLiteral("teamsPage"));
    m_model = new TeamTableModel(this);

    auto *title = textstyle::title(tr("Teams"), this);
    auto *subtitle = new QLabel(tr("Teams of this proxy: members, keys, models, spend against budget"), this);
    textstyle::setMuted(subtitle);

    m_filter = filterwidgets::textFilter(QStringLiteral("teamFilter"), tr("Alias contains"),
                                         tr("Alias contains… (Ctrl+F)"), 240, this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(350);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &TeamsPage::filterChanged);
    connect(m_debounce, &QTimer::timeout, this, &TeamsPage::filterChanged);

    m_count = filterwidgets::count(QStringLiteral("teamCount"), this);
    m_whole = new QLabel(this);
    m_whole->setObjectName(QStringLiteral("teamWholeList"));
    m_whole->setText(tr("This proxy has no paged team list: every team is loaded at once, and the "
                        "filter and sort work on the loaded list."));
    m_whole->setWordWrap(true);
    textstyle::setMuted(m_whole);
    m_whole->hide();

    m_new = button(tr("&New Team…"), QStringLiteral("newTeamButton"), this);
    m_edit = button(tr("&Edit…"), QStringLiteral("editTeamButton"), this);
    m_block = button(tr("&Block"), QStringLiteral("blockTeamButton"), this);
    m_delete = button(tr("&Delete…"), QStringLiteral("deleteTeamButton"), this);
    connect(m_new, &QPushButton::clicked, this, &TeamsPage::openNewTeamDialog);
    connect(m_edit, &QPushButton::clicked, this, &TeamsPage::openEditDialog);
    connect(m_block, &QPushButton::clicked, this, [this] {
        if (const TeamRecord *t = selectedTeam())
            setSelectedBlocked(!t->isBlocked());
    });
    connect(m_delete, &QPushButton::clicked, this, &TeamsPage::confirmDelete);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &TeamsPage::reload);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("teamTable"));
    m_table->setAccessibleName(tr("Teams"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(int(Column::Alias), Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setStyleSheet(QStringLiteral("QTableView::item { border: 0px; padding: 0px 8px; }"
                                          "QHeaderView::section { padding: 4px 8px; }"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setItemDelegateForColumn(int(Column::Risks), new TeamRiskDelegate(m_table));
    m_table->setItemDelegateForColumn(int(Column::Spend),
                                      new SpendBarDelegate(TeamTableModel::SpendShareRole, m_table));
    TableWidths::fit(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TeamsPage::showSelected);

    m_details = new TeamDetails(this);
    connect(m_details, &TeamDetails::showKeysRequested, this, &TeamsPage::showKeysRequested);
    connect(m_details, &TeamDetails::addMemberRequested, this, &TeamsPage::openAddMemberDialog);
    connect(m_details, &TeamDetails::removeMemberRequested, this, &TeamsPage::removeMember);
    connect(m_details, &TeamDetails::changeRoleRequested, this, &TeamsPage::openRoleDialog);
    connect(m_details, &TeamDetails::loaded, this, &TeamsPage::updateActions);
    connect(m_details, &TeamDetails::loaded, this, &TeamsPage::updateCount);
    connect(m_details, &TeamDetails::showUsageRequested, this, &TeamsPage::showUsageRequested);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("teamsSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({700, 400});

    connect(m_model, &TeamTableModel::countChanged, this, &TeamsPage::updateCount);
    connect(m_model, &TeamTableModel::loadingChanged, this, &TeamsPage::updateCount);
    connect(m_model, &TeamTableModel::failed, this, [this](const ApiError &error) {
        m_banner->showError(error);
        emit statusMessage(tr("Teams could not be read: %1").arg(error.toString()));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_details->clear();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        if (first == 0 && !m_table->currentIndex().isValid())
            m_table->selectRow(0);
    });

    auto *heading = new QVBoxLayout;
    heading->setSpacing(2);
    heading->addWidget(title);
    heading->addWidget(subtitle);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_filter, 1);
    tools->addStretch();
    tools->addWidget(m_count);
    tools->addWidget(m_new);
    tools->addWidget(m_edit);
    tools->addWidget(m_block);
    tools->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(heading);
    layout->addLayout(tools);
    layout->addWidget(m_whole);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    setContext({});
}

void TeamsPage::setContext(const PageContext &context) {
    m_knownModels = context.modelNames;
    m_blocked = !context.isConnected() ? tr("Connect to a proxy first.")
                                       : RoleGate::whyNot(context.caller, RoleGate::Action::ManageTeams);
    if (context.client.data() != m_client.data()) {
        m_client = context.client;
        m_banner->clear();
        m_details->setClient(m_client);
        m_model->setClient(m_client);
        if (m_client)
            m_model->reload();
    }
    updateActions();
    updateCount();
}

void TeamsPage::reload() {
    m_banner->clear();
    m_model->reload();
}

QWidget *TeamsPage::filterWidget() const {
    return m_filter;
}

void TeamsPage::filterChanged() {
    m_debounce->stop();
    const QString alias = m_filter->text().trimmed();
    if (alias == m_model->aliasFilter())
        return;
    m_model->setAliasFilter(alias);
    if (!m_model->isWholeList())
        reload();
}

void TeamsPage::updateCount() {
    QString text;
    const auto total = m_model->totalCount();
    const qint64 loaded = m_model->loadedCount();
    if (!m_client)
        text = tr("Not connected");
    else if (total && *total > loaded)
        text = tr("Loaded %1 of %n team(s)", nullptr, int(*total)).arg(formatCount(loaded));
    else
        text = tr("%n team(s)", nullptr, int(loaded));
    if (m_model->isLoading())
        text += tr(" · loading…");
    setBusy(m_model->isLoading() || m_details->isLoading()); // the selected team's members are data too
    m_count->setText(text);
    m_whole->setVisible(m_client && m_model->isWholeList());
}

const TeamRecord *TeamsPage::selectedTeam() const {
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->teamAt(current.row()) : nullptr;
}

void TeamsPage::showSelected() {
    if (const TeamRecord *t = selectedTeam())
        m_details->showTeam(*t);
    else
        m_details->clear();
    updateActions();
    updateCount();
}

void TeamsPage::selectTeam(const QString &teamId) {
    const int row = m_model->rowOf(teamId);
    if (row < 0)
        return;
    m_table->selectRow(row);
    m_table->scrollTo(m_model->index(row, 0));
}

bool TeamsPage::canAct() const {
    return m_blocked.isEmpty() && m_pending == 0;
}

void TeamsPage::updateActions() {
    const TeamRecord *t = selectedTeam();
    const QString noTeam = tr("Select a team first.");
    const QString busy = tr("Waiting for the proxy's answer to the last change.");
    const auto gate = [&](QPushButton *b, bool needsTeam, const QString &what) {
        QString why = m_blocked;
        if (why.isEmpty() && m_pending > 0)
            why = busy;
        if (why.isEmpty() && needsTeam && !t)
            why = noTeam;
        b->setEnabled(why.isEmpty());
        b->setToolTip(why.isEmpty() ? what : why);
    };
    gate(m_new, false, tr("Create a team with its models, budget, limits and first members"));
    gate(m_edit, true, tr("Change the selected team's alias, models, budget and limits"));
    m_block->setText(t && t->isBlocked() ? tr("Un&block") : tr("&Block"));
    gate(m_block, true,
         t && t->isBlocked() ? tr("Let the team's keys be used again")
                             : tr("Refuse every request made with the team's keys, until unblocked"));
    gate(m_delete, true, tr("Delete the selected team and its keys"));
    m_details->setActionsBlocked(!m_blocked.isEmpty() ? m_blocked : m_pending > 0 ? busy : QString());
}
