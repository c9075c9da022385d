#include "UsersPage.h"

#include "core/api/ProxyClient.h"
#include "core/connection/RoleGate.h"
#include "core/itemmodels/UserTableModel.h"
#include "core/people/TeamList.h"
#include "core/roles/RoleStore.h"
#include "ui/ErrorBanner.h"
#include "ui/FilterWidgets.h"
#include "ui/TableWidths.h"
#include "ui/TextStyle.h"
#include "ui/people/NewUserDialog.h"
#include "ui/people/UserDetails.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using Column = UserTableModel::Column;

UsersPage::UsersPage(std::shared_ptr<RoleStore> roles, QWidget *parent)
    : Page(parent)
    , m_roles(std::move(roles)) {
    setObjectName(QStringLiteral("usersPage"));
    m_model = new UserTableModel(this);

    auto *title = textstyle::title(tr("Users"), this);
    auto *subtitle =
        new QLabel(tr("Internal users of this proxy, their teams, spend, budgets and keys"), this);
    textstyle::setMuted(subtitle);

    m_filter = filterwidgets::textFilter(QStringLiteral("userFilter"), tr("E-mail contains"),
                                         tr("E-mail contains… (Ctrl+F)"), 240, this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(350);
    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_filter, &QLineEdit::returnPressed, this, &UsersPage::filterChanged);
    connect(m_debounce, &QTimer::timeout, this, &UsersPage::filterChanged);

    m_team = filterwidgets::choice(QStringLiteral("userTeamFilter"), tr("Team"), tr("All teams"), this);
    connect(m_team, &QComboBox::activated, this, &UsersPage::filterChanged);

    m_count = filterwidgets::count(QStringLiteral("userCount"), this);

    m_newUser = new QPushButton(tr("&New User…"), this);
    m_newUser->setObjectName(QStringLiteral("newUserButton"));
    m_newUser->setToolTip(tr("Create an internal user from the defaults and a role (Ctrl+Shift+N)"));
    connect(m_newUser, &QPushButton::clicked, this, &UsersPage::openNewUserDialog);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &UsersPage::reload);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("userTable"));
    m_table->setAccessibleName(tr("Users"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(int(Column::Created), Qt::DescendingOrder);
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
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setStretchLastSection(false);
    TableWidths::fit(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &UsersPage::showSelected);

    m_details = new UserDetails(this);
    connect(m_details, &UserDetails::showKeysRequested, this, &UsersPage::showKeysRequested);
    connect(m_details, &UserDetails::showUsageRequested, this, &UsersPage::showUsageRequested);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(QStringLiteral("usersSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({760, 340}); // the window's LayoutMemory brings back the profile's sizes

    connect(m_model, &UserTableModel::countChanged, this, &UsersPage::updateCount);
    connect(m_model, &UserTableModel::loadingChanged, this, &UsersPage::updateCount);
    connect(m_model, &UserTableModel::failed, this, [this](const ApiError &error) {
        m_banner->showError(error);
        emit statusMessage(tr("Users could not be read: %1").arg(error.toString()));
    });
    connect(m_model, &QAbstractItemModel::modelReset, m_details, &UserDetails::clear);
    // The first user's details show at once, so the panel is never empty when there are users.
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
    tools->addWidget(m_team);
    tools->addStretch();
    tools->addWidget(m_count);
    tools->addWidget(m_newUser);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(heading);
    layout->addLayout(tools);
    layout->addWidget(m_banner);
    layout->addWidget(m_splitter, 1);
    setConnection(nullptr, {}, {});
    updateCount();
}

void UsersPage::setContext(const PageContext &context) {
    setConnection(context.client, context.scope, context.modelNames);
    if (context.isConnected())
        setNewUserBlocked(RoleGate::whyNot(context.caller, RoleGate::Action::ManageUsers));
}

void UsersPage::setConnection(ProxyClient *client, const QString &scope, const QStringList &knownModels) {
    const bool changed = client != m_client.data();
    m_scope = scope;
    m_knownModels = knownModels;
    setNewUserBlocked(client ? QString() : tr("Connect to a proxy first."));
    if (!changed)
        return;
    m_client = client;
    m_banner->clear();
    m_details->setClient(client);
    m_model->setClient(client);
    m_teams.clear();
    m_details->setTeams({});
    while (m_team->count() > 1)
        m_team->removeItem(1);
    if (client) {
        m_model->reload();
        loadTeams();
    }
    updateCount();
}

void UsersPage::setNewUserBlocked(const QString &why) {
    m_newUser->setEnabled(why.isEmpty());
    m_newUser->setToolTip(
        why.isEmpty() ? tr("Create an internal user from the defaults and a role (Ctrl+Shift+N)") : why);
}

void UsersPage::reload() {
    m_banner->clear();
    m_model->reload();
}

QWidget *UsersPage::filterWidget() const {
    return m_filter;
}

void UsersPage::filterChanged() {
    m_debounce->stop();
    const QString email = m_filter->text().trimmed();
    const QString team = m_team->currentData().toString();
    const auto current = m_model->query(1);
    if (current.userEmail == email && current.team == team)
        return;
    m_model->setEmailFilter(email);
    m_model->setTeamFilter(team);
    reload();
}

void UsersPage::loadTeams() {
    delete m_teamList.data(); // an answer for the previous client is dropped
    if (!m_client)
        return;
    m_teamList = new TeamList(m_client, this);
    connect(m_teamList, &TeamList::failed, this, [this](const ApiError &error) {
        // Users still list without teams; the filter just offers none.
        emit statusMessage(tr("Teams could not be read: %1").arg(error.toString()));
    });
    connect(m_teamList, &TeamList::loaded, this, [this](const QList<TeamRecord> &teams) {
        m_teams = teams;
        for (const TeamRecord &t : teams)
            m_team->addItem(t.displayName(), t.teamId);
        const QHash<QString, QString> names = TeamList::aliases(teams);
        m_model->setTeamNames(names);
        m_details->setTeamNames(names);
        m_details->setTeams(teams);
    });
    m_teamList->load();
}

void UsersPage::updateCount() {
    const auto total = m_model->totalCount();
    QString text;
    if (!m_client)
        text = tr("Not connected");
    else if (total)
        text = tr("Loaded %1 of %2 users")
                   .arg(QLocale().toString(qint64(m_model->loadedCount())), QLocale().toString(*total));
    else
        text = tr("Loaded %1 users").arg(QLocale().toString(qint64(m_model->loadedCount())));
    if (m_model->isLoading())
        text += tr(" · loading…");
    setBusy(m_model->isLoading());
    m_count->setText(text);
}

void UsersPage::showSelected() {
    const QModelIndex current = m_table->currentIndex();
    const UserRecord *user = current.isValid() ? m_model->userAt(current.row()) : nullptr;
    if (user)
        m_details->showUser(*user);
    else
        m_details->clear();
}

void UsersPage::selectUser(const QString &userId) {
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->userAt(row)->userId == userId) {
            m_table->selectRow(row);
            m_table->scrollTo(m_model->index(row, 0));
            return;
        }
    }
}

void UsersPage::openNewUserDialog() {
    if (!m_client)
        return;
    QList<Role> roles;
    if (m_roles)
        roles = m_roles->roles(m_scope);
    auto *dialog = new NewUserDialog(m_client, roles, m_teams, m_knownModels, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewUserDialog::userCreated, this, [this](const QString &userId) {
        emit statusMessage(tr("Created user %1").arg(userId));
        reload();
    });
    dialog->open();
}
