#include "TeamDetails.h"

#include "core/api/ApiReply.h"
#include "core/api/ProxyClient.h"
#include "core/budget/BudgetReader.h"
#include "core/format/Count.h"
#include "core/format/Money.h"
#include "core/itemmodels/LeaseTableModel.h"
#include "core/itemmodels/TeamTableModel.h"
#include "core/teams/TeamModels.h"
#include "core/usage/ActivityFetcher.h"
#include "core/usage/UsageRange.h"
#include "ui/TextStyle.h"
#include "ui/overview/Sparkline.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString row(const QString &name, const QString &value) {
    return QStringLiteral("<tr><td style='padding-right:12px; white-space:nowrap; "
                          "color:palette(placeholder-text)'>%1</td>"
                          "<td>%2</td></tr>")
        .arg(name.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
}

QLabel *boldLabel(const QString &name, double scale, QWidget *parent) {
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * scale);
    label->setFont(font);
    return label;
}

} // namespace

TeamDetails::TeamDetails(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("teamDetails"));
    m_title = boldLabel(QStringLiteral("teamTitle"), 1.2, this);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    m_fields = new QLabel(this);
    m_fields->setObjectName(QStringLiteral("teamFields"));
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setWordWrap(true);
    m_fields->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_keys = new QLabel(this);
    m_keys->setObjectName(QStringLiteral("teamKeyCount"));
    m_showKeys = new QPushButton(tr("Show &keys"), this);
    m_showKeys->setObjectName(QStringLiteral("showTeamKeys"));
    m_showKeys->setFlat(true);
    m_showKeys->setCursor(Qt::PointingHandCursor);
    m_showKeys->setToolTip(tr("Show this team's keys on the Keys page"));
    connect(m_showKeys, &QPushButton::clicked, this, [this] { emit showKeysRequested(m_teamId); });
    auto *keysRow = new QHBoxLayout;
    keysRow->addWidget(m_keys);
    keysRow->addWidget(m_showKeys);
    keysRow->addStretch();

    // The team's spend per day over the last 30 days, and a way to its usage on the Usage page.
    m_usageText = new QLabel(this);
    m_usageText->setObjectName(QStringLiteral("teamUsageText"));
    m_usage = new Sparkline(this);
    m_usage->setObjectName(QStringLiteral("teamUsage"));
    m_showUsage = new QPushButton(tr("Open &Usage"), this);
    m_showUsage->setObjectName(QStringLiteral("showTeamUsage"));
    m_showUsage->setFlat(true);
    m_showUsage->setCursor(Qt::PointingHandCursor);
    m_showUsage->setToolTip(tr("Show this team's usage on the Usage page"));
    connect(m_showUsage, &QPushButton::clicked, this, [this] { emit showUsageRequested(m_teamId); });
    auto *usageRow = new QHBoxLayout;
    usageRow->addWidget(m_usageText);
    usageRow->addWidget(m_usage);
    usageRow->addWidget(m_showUsage);
    usageRow->addStretch();

    m_membersTitle = boldLabel(QStringLiteral("teamMembersTitle"), 1.0, this);
    m_members = new QTreeWidget(this);
    m_members->setObjectName(QStringLiteral("teamMembers"));
    m_members->setRootIsDecorated(false);
    m_members->setAlternatingRowColors(true);
    m_members->setHeaderLabels({tr("Member"), tr("Role"), tr("Spend in team"), tr("Budget in team"),
                                tr("Limited by"), tr("User ID")});
    m_members->header()->setStretchLastSection(true);
    m_members->setAccessibleName(tr("Members of the selected team"));
    connect(m_members, &QTreeWidget::currentItemChanged, this, &TeamDetails::updateButtons);

    m_addMember = new QPushButton(tr("&Add member…"), this);
    m_addMember->setObjectName(QStringLiteral("addMemberButton"));
    connect(m_addMember, &QPushButton::clicked, this, &TeamDetails::addMemberRequested);
    m_removeMember = new QPushButton(tr("&Remove member"), this);
    m_removeMember->setObjectName(QStringLiteral("removeMemberButton"));
    connect(m_removeMember, &QPushButton::clicked, this,
            [this] { emit removeMemberRequested(selectedMember()); });
    m_changeRole = new QPushButton(tr("Change r&ole…"), this);
    m_changeRole->setObjectName(QStringLiteral("changeRoleButton"));
    connect(m_changeRole, &QPushButton::clicked, this,
            [this] { emit changeRoleRequested(selectedMember()); });
    auto *memberButtons = new QHBoxLayout;
    memberButtons->addWidget(m_addMember);
    memberButtons->addWidget(m_removeMember);
    memberButtons->addWidget(m_changeRole);
    memberButtons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_fields);
    layout->addLayout(keysRow);
    layout->addLayout(usageRow);
    layout->addWidget(m_membersTitle);
    layout->addWidget(m_members, 1);
    layout->addLayout(memberButtons);
    clear();
}

TeamDetails::~TeamDetails() {
    for (ApiReply *reply : {m_reply.data(), m_proxyRead.data()})
        if (reply) {
            QObject::disconnect(reply, nullptr, this, nullptr);
            reply->cancel();
        }
}

bool TeamDetails::isLoading() const {
    return !m_reply.isNull() || (m_usageFetch && m_usageFetch->isRunning());
}

const QList<double> &TeamDetails::usage() const {
    return m_usage->values();
}

void TeamDetails::setClient(ProxyClient *client) {
    m_client = client;
    delete m_usageFetch;
    m_usageFetch = client ? new ActivityFetcher(client, this) : nullptr;
    if (m_usageFetch) {
        m_usageFetch->setParts(UsageAggregator::Part::Days);
        connect(m_usageFetch, &ActivityFetcher::finished, this, [this] {
            const UsageReport &report = m_usageFetch->report();
            QList<double> spend;
            double total = 0;
            for (const auto &[day, metrics] : report.days()) {
                spend << metrics.spend;
                total += metrics.spend;
            }
            m_usage->setValues(spend);
            m_usage->setToolTip(tr("Spend per day, last 30 days (UTC)"));
            m_usageText->setText(tr("Last 30 days: %1").arg(formatUsd(total)));
            emit loaded();
        });
        connect(m_usageFetch, &ActivityFetcher::failed, this, [this](const ApiError &error) {
            if (error.kind == ApiError::Kind::Canceled)
                return;
            m_usageText->setText(tr("Usage could not be read (%1)").arg(error.toString()));
            emit loaded();
        });
    }
    m_proxySpend.reset();
    m_proxyMaxBudget.reset();
    if (m_proxyRead) {
        QObject::disconnect(m_proxyRead, nullptr, this, nullptr);
        m_proxyRead->cancel();
    }
    clear();
    if (!client)
        return;
    // The proxy-wide budget is on every member's ladder (a caller who may not read it has none shown).
    m_proxyRead = readProxyBudget(*client, this, [this](Expected<ProxyBudget> b) {
        if (!b)
            return;
        m_proxySpend = b->spend;
        m_proxyMaxBudget = b->maxBudget;
        if (!m_teamId.isEmpty())
            fillMembers(m_team, m_detailed);
    });
}

void TeamDetails::clear() {
    if (m_reply)
        m_reply->cancel();
    m_teamId.clear();
    m_team = {};
    m_keyCount.reset();
    m_title->setText(tr("No team selected"));
    m_fields->setText(tr("Select a team to see its members, keys, budget and limits."));
    m_keys->clear();
    m_membersTitle->clear();
    m_members->clear();
    m_members->setVisible(false);
    m_showKeys->setVisible(false);
    if (m_usageFetch && m_usageFetch->isRunning())
        m_usageFetch->cancel();
    m_usageText->clear();
    m_usage->setValues({});
    m_usage->setVisible(false);
    m_showUsage->setVisible(false);
    updateButtons();
}

void TeamDetails::setActionsBlocked(const QString &why) {
    m_blocked = why;
    updateButtons();
}

QString TeamDetails::selectedMember() const {
    const QTreeWidgetItem *item = m_members->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void TeamDetails::updateButtons() {
    const bool team = !m_teamId.isEmpty();
    const bool member = !selectedMember().isEmpty();
    const QString noTeam = tr("Select a team first.");
    const QString noMember = tr("Select a member first.");
    m_addMember->setEnabled(team && m_blocked.isEmpty());
    m_addMember->setToolTip(!m_blocked.isEmpty() ? m_blocked
                            : team               ? tr("Add a user to this team as a member or an admin")
                                                 : noTeam);
    for (QPushButton *b : {m_removeMember, m_changeRole}) {
        b->setEnabled(team && member && m_blocked.isEmpty());
        const QString what = b == m_removeMember
                                 ? tr("Remove the selected member from this team")
                                 : tr("Make the selected member an admin or a user of the team");
        b->setToolTip(!m_blocked.isEmpty() ? m_blocked : !team ? noTeam : !member ? noMember : what);
    }
}

void TeamDetails::showTeam(const TeamRecord &team) {
    if (team.teamId.isEmpty())
        return clear();
    if (m_reply)
        m_reply->cancel();
    const bool same = team.teamId == m_teamId;
    m_teamId = team.teamId;
    m_team = team;
    if (!same)
        m_keyCount.reset();
    m_detailed = false;
    fill(team);
    fillMembers(team, false);
    m_members->setVisible(true);
    m_showKeys->setVisible(true);
    m_usage->setVisible(true);
    m_showUsage->setVisible(true);
    if (!m_client)
        return;
    if (!same)
        readUsage(team.teamId);
    const QString id = team.teamId;
    m_reply = api::teamInfo(*m_client, id, this, [this, id](Expected<api::TeamInfo> result) {
        m_reply = nullptr;
        if (id != m_teamId)
            return;
        if (!result) {
            if (result.error().kind != ApiError::Kind::Canceled) {
                m_membersTitle->setText(tr("Members: could not be read (%1)").arg(result.error().toString()));
                emit loaded();
            }
            return;
        }
        TeamRecord merged = result->team;
        if (merged.teamId.isEmpty())
            merged.teamId = id;
        m_team = merged;
        m_keyCount = int(result->keys.size());
        m_detailed = true;
        fill(merged);
        fillMembers(merged, true);
        emit loaded();
    });
}

void TeamDetails::readUsage(const QString &teamId) {
    if (!m_usageFetch)
        return;
    m_usage->setValues({});
    m_usageText->setText(tr("Last 30 days: loading…"));
    const UsageRange range = UsageRange::fromPreset(UsageRange::Preset::Last30Days, UsageRange::todayUtc());
    ActivityQuery q;
    q.scope = ActivityQuery::Scope::Team;
    q.ids = {teamId};
    q.start = range.from;
    q.end = range.to;
    m_usageFetch->start(q);
}

void TeamDetails::fill(const TeamRecord &t) {
    m_title->setText(t.displayName());
    QString budget = TeamTableModel::spendText(t);
    if (t.maxBudget && !t.budgetDuration.isEmpty())
        budget = tr("%1, resets every %2").arg(budget, t.budgetDuration);
    if (t.budgetResetAt.isValid())
        budget = tr("%1 (next %2)").arg(budget, LeaseTableModel::formatLocal(t.budgetResetAt));
    QString html = QStringLiteral("<table>");
    html += row(tr("Team ID"), t.teamId);
    if (!t.organizationId.isEmpty())
        html += row(tr("Organization"), t.organizationId);
    html += row(tr("Status"), t.isBlocked() ? tr("Blocked: every key of the team is refused") : tr("Active"));
    html += row(tr("Budget"), budget);
    if (t.softBudget)
        html += row(tr("Soft budget"), formatUsd(*t.softBudget));
    html += row(tr("TPM / RPM"), TeamTableModel::limitsText(t));
    html += row(tr("Models"), teammodels::describe(t));
    const QString risks = TeamTableModel::risksText(t);
    if (!risks.isEmpty())
        html += row(tr("Risks"), risks);
    html += row(tr("Created"), t.createdAt.isValid() ? LeaseTableModel::formatLocal(t.createdAt) : QString());
    if (!t.metadata.isEmpty())
        html +=
            row(tr("Metadata"), QString::fromUtf8(QJsonDocument(t.metadata).toJson(QJsonDocument::Compact)));
    html += QStringLiteral("</table>");
    m_fields->setText(html);
    const std::optional<qint64> keys = m_keyCount ? std::optional<qint64>(*m_keyCount) : t.keysCount;
    m_keys->setText(keys ? tr("%n key(s)", nullptr, int(*keys)) : tr("Keys: loading…"));
}

void TeamDetails::fillMembers(const TeamRecord &t, bool detailed) {
    const QString current = selectedMember();
    m_members->clear();
    for (const TeamMember &m : t.members) {
        auto *item = new QTreeWidgetItem(m_members);
        item->setText(0, m.userEmail.isEmpty() ? m.userId : m.userEmail);
        item->setToolTip(0, m.userId);
        item->setText(1, m.isAdmin() ? tr("admin") : m.role);
        item->setText(5, m.userId);
        item->setData(0, Qt::UserRole, m.userId);
        for (int c : {2, 3})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (m.userId == current)
            m_members->setCurrentItem(item);
        if (!detailed) { // the list's row has roles only
            for (int c : {2, 3, 4})
                item->setText(c, QStringLiteral("…"));
            continue;
        }
        item->setText(2, formatUsd(m.spend));
        item->setText(3, m.maxBudgetInTeam ? formatUsd(*m.maxBudgetInTeam) : tr("none"));
        // The ladder of the member's team keys (without a budget of their own): the team's budget, the
        // member's within it, the proxy's; the nearest to its cap limits them.
        KeyRecord teamKey;
        teamKey.teamId = t.teamId;
        teamKey.userId = m.userId;
        const BudgetLadder ladder =
            budgetLadder(teamKey, BudgetOwners{&t, nullptr, m_proxySpend, m_proxyMaxBudget});
        const QString limit = budgetladder::brief(ladder);
        item->setText(4, limit.isEmpty() ? QStringLiteral("—") : limit);
        item->setToolTip(4, budgetladder::explain(ladder));
    }
    m_membersTitle->setText(tr("Members (%n)", nullptr, int(t.members.size())));
    for (int c = 0; c < 5; ++c)
        m_members->resizeColumnToContents(c);
    updateButtons();
}
