#include "LeasesView.h"

#include "core/api/ProxyClient.h"
#include "core/itemmodels/LeaseFilterProxy.h"
#include "core/itemmodels/LeaseTableModel.h"
#include "ui/ErrorBanner.h"
#include "ui/TextStyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using Column = LeaseTableModel::Column;

namespace {

// Paints the time left of expired leases red and of leases expiring within 7 days amber.
class LeaseStateDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString state = index.data(LeaseTableModel::StateRole).toString();
        if (state == u"expired")
            option->palette.setColor(QPalette::Text,
                                     textstyle::toneColor(textstyle::Tone::Error, option->palette));
        else if (state == u"soon")
            option->palette.setColor(QPalette::Text,
                                     textstyle::toneColor(textstyle::Tone::Warning, option->palette));
    }
};

QMessageBox *confirmation(QWidget *parent, const QString &name, const QString &title, const QString &text,
                          const QString &action, const QString &details = {}) {
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    box->setObjectName(name);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    if (!details.isEmpty())
        box->setInformativeText(details);
    QPushButton *confirm = box->addButton(action, QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    return box;
}

} // namespace

LeasesView::LeasesView(QWidget *parent)
    : QWidget(parent)
    , m_manager(new LeaseManager(nullptr, this)) {
    setObjectName(QStringLiteral("leasesView"));
    m_model = new LeaseTableModel(this);
    m_proxy = new LeaseFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_banner = new ErrorBanner(this);
    connect(m_banner, &ErrorBanner::retryRequested, this, &LeasesView::refresh);

    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateFilter"));
    m_state->addItem(tr("All leases"), int(LeaseFilterProxy::State::All));
    m_state->addItem(tr("Expiring within 7 days"), int(LeaseFilterProxy::State::ExpiringSoon));
    m_state->addItem(tr("Expired"), int(LeaseFilterProxy::State::Expired));
    m_roleFilter = new QComboBox(this);
    m_roleFilter->setObjectName(QStringLiteral("roleFilter"));
    m_roleFilter->setAccessibleName(tr("Role"));
    m_roleFilter->setMinimumContentsLength(14);
    m_roleFilter->addItem(tr("All roles"), QString());

    m_refresh = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_renew = new QPushButton(tr("Renew"), this);
    m_renew->setObjectName(QStringLiteral("renewButton"));
    m_renew->setToolTip(tr("Extend the selected leases by their role's TTL, up to its maximum."));
    m_revoke = new QPushButton(tr("Revoke…"), this);
    m_revoke->setObjectName(QStringLiteral("revokeButton"));
    m_revoke->setToolTip(tr("Delete the selected keys on the proxy."));
    m_tidy = new QPushButton(tr("Tidy…"), this);
    m_tidy->setObjectName(QStringLiteral("tidyButton"));

    auto *bar = new QHBoxLayout;
    auto *show = new QLabel(tr("Show:"), this);
    show->setBuddy(m_state);
    bar->addWidget(show);
    bar->addWidget(m_state);
    bar->addWidget(m_roleFilter);
    bar->addStretch();
    bar->addWidget(m_refresh);
    bar->addWidget(m_renew);
    bar->addWidget(m_revoke);
    bar->addWidget(m_tidy);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("leasesTable"));
    m_table->setAccessibleName(tr("Leases"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(int(Column::TimeLeft), new LeaseStateDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(int(Column::Expires), Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(int(Column::Alias), QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(int(Column::Alias), QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    for (Column c : {Column::Role, Column::Owner, Column::Issued, Column::Expires, Column::TimeLeft})
        m_table->horizontalHeader()->setSectionResizeMode(int(c), QHeaderView::ResizeToContents);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("leaseCount"));
    textstyle::setMuted(m_count);

    m_outcomeTitle = new QLabel(this);
    m_outcomeTitle->setObjectName(QStringLiteral("outcomeTitle"));
    QFont bold = m_outcomeTitle->font();
    bold.setBold(true);
    m_outcomeTitle->setFont(bold);
    m_outcomes = new QListWidget(this);
    m_outcomes->setObjectName(QStringLiteral("outcomes"));
    m_outcomes->setAccessibleName(tr("Outcomes"));
    m_outcomes->setMaximumHeight(120);
    m_outcomeTitle->hide();
    m_outcomes->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_outcomeTitle);
    layout->addWidget(m_outcomes);

    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setState(static_cast<LeaseFilterProxy::State>(m_state->currentData().toInt()));
        updateActions();
    });
    connect(m_roleFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setRole(m_roleFilter->currentData().toString());
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LeasesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LeasesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LeasesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &LeasesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LeasesView::updateActions);
    connect(m_refresh, &QPushButton::clicked, this, &LeasesView::refresh);
    connect(m_renew, &QPushButton::clicked, this, &LeasesView::renewSelected);
    connect(m_revoke, &QPushButton::clicked, this, &LeasesView::confirmRevoke);
    connect(m_tidy, &QPushButton::clicked, this, &LeasesView::confirmTidy);

    m_clock = new QTimer(this);
    m_clock->setInterval(60 * 1000);
    connect(m_clock, &QTimer::timeout, m_model, &LeaseTableModel::tick);
    m_clock->start();

    setClient(nullptr);
}

void LeasesView::setClient(ProxyClient *client) {
    m_client = client;
    delete m_manager;
    m_manager = new LeaseManager(client, this);
    connect(m_manager, &LeaseManager::listed, this, &LeasesView::showListed);
    connect(m_manager, &LeaseManager::listFailed, this, [this](const ApiError &e) {
        m_loading = false;
        m_banner->showError(e);
        updateActions();
    });
    connect(m_manager, &LeaseManager::renewed, this, [this](const LeasedKey &k, const RenewPlan &plan) {
        --m_renewsPending;
        m_model->updateLease(k);
        QString text = tr("%1: renewed until %2").arg(k.alias, LeaseTableModel::formatLocal(k.lease.expires));
        if (plan.capped)
            text += QStringLiteral(" — ") + plan.message;
        addOutcome(true, text);
        updateActions();
    });
    connect(m_manager, &LeaseManager::renewRefused, this, [this](const LeasedKey &k, const QString &why) {
        --m_renewsPending;
        addOutcome(false, tr("%1: not renewed — %2").arg(k.alias, why));
        updateActions();
    });
    connect(m_manager, &LeaseManager::renewFailed, this, [this](const LeasedKey &k, const ApiError &e) {
        --m_renewsPending;
        addOutcome(false, tr("%1: renewal failed — %2").arg(k.alias, e.toString()));
        updateActions();
    });
    connect(m_manager, &LeaseManager::revoked, this, [this](const QList<KeyOutcome> &outcomes) {
        QStringList gone;
        for (const auto &o : outcomes)
            if (o.ok)
                gone << o.token;
        m_model->removeTokens(gone);
        const QString title = tr("Revoked %1 of %n key(s)", nullptr, int(outcomes.size())).arg(gone.size());
        showOutcomes(title, outcomes);
        emit statusMessage(title);
    });
    // What was shown belongs to the connection before: its leases, and the outcomes of renewing or
    // revoking them.
    m_model->setLeases({});
    m_banner->clear();
    clearOutcomes();
    m_renewsPending = 0;
    m_loading = false;
    const QString offline = tr("Connect to a proxy to see and manage leases.");
    for (QWidget *w : std::initializer_list<QWidget *>{m_refresh, m_renew, m_revoke, m_tidy, m_table})
        w->setToolTip(client ? QString() : offline);
    if (client) {
        m_renew->setToolTip(tr("Extend the selected leases by their role's TTL, up to its maximum."));
        m_revoke->setToolTip(tr("Delete the selected keys on the proxy."));
    }
    updateActions();
}

void LeasesView::setRoles(const QList<Role> &roles) {
    m_roles = roles;
    const QString current = m_roleFilter->currentData().toString();
    const QSignalBlocker block(m_roleFilter);
    while (m_roleFilter->count() > 1)
        m_roleFilter->removeItem(1);
    for (const auto &r : roles)
        m_roleFilter->addItem(r.name, r.name);
    const int i = m_roleFilter->findData(current);
    m_roleFilter->setCurrentIndex(i < 0 ? 0 : i);
    m_proxy->setRole(m_roleFilter->currentData().toString());
    updateActions();
}

void LeasesView::setRoleFilter(const QString &role) {
    const int i = m_roleFilter->findData(role);
    m_roleFilter->setCurrentIndex(i < 0 ? 0 : i);
}

void LeasesView::refresh() {
    if (!m_client)
        return;
    m_banner->clear();
    m_loading = true;
    m_count->setText(tr("Loading leases…"));
    updateActions();
    m_manager->list(m_roles);
}

void LeasesView::showListed(const QList<LeasedKey> &leases) {
    m_loading = false;
    m_model->setLeases(leases);
    updateActions();
}

const Role *LeasesView::filteredRole() const {
    const QString name = m_roleFilter->currentData().toString();
    for (const auto &r : m_roles)
        if (r.name == name)
            return &r;
    return nullptr;
}

QList<LeasedKey> LeasesView::selectedLeases() const {
    QList<LeasedKey> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        if (const LeasedKey *k = m_model->leaseAt(m_proxy->mapToSource(i).row()))
            out << *k;
    return out;
}

void LeasesView::updateActions() {
    const bool connected = m_client != nullptr;
    const qsizetype selected = connected ? m_table->selectionModel()->selectedRows().size() : 0;
    m_refresh->setEnabled(connected && !m_loading);
    m_renew->setEnabled(selected > 0 && m_renewsPending == 0);
    m_revoke->setEnabled(selected > 0);
    m_revoke->setText(selected > 1 ? tr("Revoke %1…").arg(selected) : tr("Revoke…"));
    m_tidy->setEnabled(connected && filteredRole() != nullptr && !m_loading);
    if (connected)
        m_tidy->setToolTip(filteredRole()
                               ? tr("Revoke every expired lease of role “%1”.").arg(filteredRole()->name)
                               : tr("Choose a role to tidy its expired leases."));
    m_table->setEnabled(connected);
    if (!m_loading) {
        const int shown = m_proxy->rowCount();
        const int total = m_model->rowCount();
        m_count->setText(!connected       ? tr("Not connected.")
                         : shown == total ? tr("%n lease(s)", nullptr, total)
                                          : tr("%1 of %2 leases").arg(shown).arg(total));
    }
}

void LeasesView::renewSelected() {
    const auto leases = selectedLeases();
    if (leases.isEmpty())
        return;
    m_outcomes->clear();
    m_outcomeTitle->setText(tr("Renewal"));
    m_outcomeTitle->show();
    m_outcomes->show();
    m_renewsPending = static_cast<int>(leases.size());
    updateActions();
    for (const auto &k : leases)
        m_manager->renew(k);
}

void LeasesView::confirmRevoke() {
    const auto leases = selectedLeases();
    if (leases.isEmpty())
        return;
    QStringList aliases;
    for (const auto &k : leases)
        aliases << k.alias;
    auto *box =
        confirmation(this, QStringLiteral("confirmRevoke"), tr("Revoke keys"),
                     tr("Revoke %n key(s)? They stop working immediately.", nullptr, int(leases.size())),
                     tr("Revoke %n key(s)", nullptr, int(leases.size())), aliases.join(u'\n'));
    connect(box, &QMessageBox::buttonClicked, this, [this, leases](QAbstractButton *button) {
        if (button->objectName() == u"confirmButton")
            m_manager->revoke(leases);
    });
    box->open();
}

void LeasesView::confirmTidy() {
    const Role *role = filteredRole();
    if (!role)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<LeasedKey> expired;
    QStringList aliases;
    for (const auto &k : m_model->leases())
        if (k.lease.role == role->name && k.lease.isExpired(now)) {
            expired << k;
            aliases << tr("%1 (expired %2)").arg(k.alias, LeaseTableModel::formatLocal(k.lease.expires));
        }
    if (expired.isEmpty()) {
        showOutcomes(tr("Role “%1” has no expired leases.").arg(role->name), {});
        return;
    }
    auto *box = confirmation(
        this, QStringLiteral("confirmTidy"), tr("Tidy expired leases"),
        tr("Revoke the %n expired lease(s) of role “%1”?", nullptr, int(expired.size())).arg(role->name),
        tr("Revoke %n expired", nullptr, int(expired.size())), aliases.join(u'\n'));
    connect(box, &QMessageBox::buttonClicked, this, [this, expired](QAbstractButton *button) {
        if (button->objectName() == u"confirmButton")
            m_manager->revoke(expired);
    });
    box->open();
}

void LeasesView::clearOutcomes() {
    m_outcomes->clear();
    m_outcomeTitle->clear();
    m_outcomeTitle->hide();
    m_outcomes->hide();
}

void LeasesView::showOutcomes(const QString &title, const QList<KeyOutcome> &outcomes) {
    m_outcomes->clear();
    m_outcomeTitle->setText(title);
    m_outcomeTitle->show();
    for (const auto &o : outcomes)
        addOutcome(o.ok, QStringLiteral("%1: %2").arg(o.alias.isEmpty() ? o.token : o.alias, o.message));
    m_outcomes->setVisible(!outcomes.isEmpty());
    updateActions();
}

void LeasesView::addOutcome(bool ok, const QString &text) {
    auto *item = new QListWidgetItem(
        style()->standardIcon(ok ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning), text,
        m_outcomes);
    item->setToolTip(text);
    m_outcomes->show();
}
