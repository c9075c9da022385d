#include "UserDetails.h"
#include "core/format/Money.h"

#include "core/api/ApiReply.h"
#include "core/api/ProxyClient.h"
#include "core/budget/UserBudgets.h"
#include "core/itemmodels/LeaseTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
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

QString limit(std::optional<qint64> value) {
    return value ? QLocale().toString(*value) : UserDetails::tr("no limit");
}

} // namespace

UserDetails::UserDetails(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("userDetails"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("userTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    m_fields = new QLabel(this);
    m_fields->setObjectName(QStringLiteral("userFields"));
    m_fields->setTextFormat(Qt::RichText);
    m_fields->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fields->setWordWrap(true);
    m_fields->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    m_budgets = new QLabel(this);
    m_budgets->setObjectName(QStringLiteral("userBudgets"));
    m_budgets->setTextFormat(Qt::RichText);
    m_budgets->setWordWrap(true);
    m_budgets->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_budgets->setToolTip(
        tr("Every budget LiteLLM checks for this user's requests, nearest to its cap first"));

    m_keysTitle = new QLabel(this);
    m_keysTitle->setObjectName(QStringLiteral("userKeysTitle"));
    QFont keysFont = m_keysTitle->font();
    keysFont.setBold(true);
    m_keysTitle->setFont(keysFont);

    m_keys = new QTreeWidget(this);
    m_keys->setObjectName(QStringLiteral("userKeys"));
    m_keys->setRootIsDecorated(false);
    m_keys->setAlternatingRowColors(true);
    m_keys->setHeaderLabels({tr("Alias"), tr("Key"), tr("Spend"), tr("Budget"), tr("Expires")});
    m_keys->header()->setStretchLastSection(true);
    m_keys->setAccessibleName(tr("Keys of the selected user"));

    m_showKeys = new QPushButton(tr("Open in &Keys"), this);
    m_showKeys->setObjectName(QStringLiteral("showUserKeys"));
    m_showKeys->setToolTip(tr("Show this user's keys on the Keys page"));
    connect(m_showKeys, &QPushButton::clicked, this, [this] { emit showKeysRequested(m_userId); });
    m_showUsage = new QPushButton(tr("Open &Usage"), this);
    m_showUsage->setObjectName(QStringLiteral("showUserUsage"));
    m_showUsage->setToolTip(tr("Show this user's spend on the Usage page"));
    connect(m_showUsage, &QPushButton::clicked, this, [this] { emit showUsageRequested(m_userId); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_showKeys);
    buttons->addWidget(m_showUsage);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_fields);
    layout->addWidget(m_budgets);
    layout->addLayout(buttons);
    layout->addWidget(m_keysTitle);
    layout->addWidget(m_keys, 1);
    layout->addStretch();
    clear();
}

UserDetails::~UserDetails() {
    // No answer reaches an object (or the page around it) that is being destroyed.
    if (m_reply) {
        QObject::disconnect(m_reply, nullptr, this, nullptr);
        m_reply->cancel();
    }
}

void UserDetails::setClient(ProxyClient *client) {
    m_client = client;
    clear();
}

void UserDetails::clear() {
    if (m_reply)
        m_reply->cancel();
    m_userId.clear();
    m_user = {};
    m_budgets->clear();
    m_title->setText(tr("No user selected"));
    m_fields->setText(tr("Select a user to see their teams, budget and keys."));
    m_keysTitle->clear();
    m_keys->clear();
    m_keys->setVisible(false);
    m_showKeys->setEnabled(false);
    m_showUsage->setEnabled(false);
}

int UserDetails::keyCount() const {
    return m_keys->topLevelItemCount();
}

QString UserDetails::teamName(const QString &id) const {
    const QString alias = m_teamNames.value(id);
    return alias.isEmpty() ? id : alias;
}

void UserDetails::showUser(const UserRecord &user) {
    if (user.userId.isEmpty())
        return clear();
    if (m_reply)
        m_reply->cancel();
    m_userId = user.userId;
    fill(user);
    m_showKeys->setEnabled(true);
    m_showUsage->setEnabled(true);
    m_keys->clear();
    m_keys->setVisible(true);
    if (!m_client) {
        m_keysTitle->setText(tr("Keys: connect to a proxy to list them"));
        return;
    }
    m_keysTitle->setText(tr("Keys: loading…"));
    const QString id = user.userId;
    m_reply = api::userInfo(*m_client, id, this, [this, id](Expected<api::UserInfo> result) {
        m_reply = nullptr;
        if (id != m_userId)
            return;
        if (!result) {
            if (result.error().kind != ApiError::Kind::Canceled)
                m_keysTitle->setText(tr("Keys: could not be read (%1)").arg(result.error().toString()));
            return;
        }
        UserRecord merged = result->user;
        if (merged.userId.isEmpty())
            merged.userId = id;
        fill(merged);
        fillKeys(*result);
        emit loaded();
    });
}

void UserDetails::fill(const UserRecord &u) {
    m_title->setText(u.userAlias.isEmpty() ? u.userId : u.userAlias);
    QStringList teams;
    for (const QString &t : u.teams)
        teams << teamName(t);
    QString budget = tr("none");
    if (u.maxBudget)
        budget = u.budgetDuration.isEmpty()
                     ? formatUsd(*u.maxBudget)
                     : tr("%1, resets every %2").arg(formatUsd(*u.maxBudget), u.budgetDuration);
    QString html = QStringLiteral("<table>");
    html += row(tr("User ID"), u.userId);
    html += row(tr("E-mail"), u.userEmail);
    html += row(tr("Role"), u.userRole);
    html += row(tr("Teams"), teams.join(QStringLiteral(", ")));
    html += row(tr("Spend"), formatUsd(u.spend));
    html += row(tr("Max budget"), budget);
    html += row(tr("Models"), u.models.isEmpty() ? tr("All models") : u.models.join(QStringLiteral(", ")));
    html += row(tr("TPM / RPM"), QStringLiteral("%1 / %2").arg(limit(u.tpmLimit), limit(u.rpmLimit)));
    html += row(tr("Created"), u.createdAt.isValid() ? LeaseTableModel::formatLocal(u.createdAt) : QString());
    if (!u.metadata.isEmpty())
        html +=
            row(tr("Metadata"), QString::fromUtf8(QJsonDocument(u.metadata).toJson(QJsonDocument::Compact)));
    html += QStringLiteral("</table>");
    m_fields->setText(html);
    m_user = u;
    fillBudgets();
}

void UserDetails::setTeams(const QList<TeamRecord> &teams) {
    m_teams = teams;
    if (!m_userId.isEmpty())
        fill(m_user); // the teams by name, and their budgets
}

void UserDetails::fillBudgets() {
    const QList<Budget> budgets = userbudgets::ladder(m_user, m_teams);
    if (budgets.isEmpty()) {
        m_budgets->setText(tr("<b>Budgets that apply:</b> none"));
        return;
    }
    QString html =
        tr("<b>Budgets that apply</b>, nearest to its cap first:") + QStringLiteral("<ol style='margin:0'>");
    for (const Budget &b : budgets) {
        QString line = budgetladder::describe(b).toHtmlEscaped();
        if (b.isExhausted())
            line = tr("%1 — exhausted: requests are refused").arg(line);
        html += QStringLiteral("<li>%1</li>").arg(line);
    }
    m_budgets->setText(html + QStringLiteral("</ol>"));
}

void UserDetails::fillKeys(const api::UserInfo &info) {
    m_keys->clear();
    for (const KeyRecord &k : info.keys) {
        auto *item = new QTreeWidgetItem(m_keys);
        item->setText(0, k.keyAlias.isEmpty() ? tr("(no alias)") : k.keyAlias);
        item->setText(1, k.keyName.isEmpty() ? k.token.left(12) : k.keyName);
        item->setText(2, formatUsd(k.spend));
        item->setText(3, k.maxBudget ? formatUsd(*k.maxBudget) : tr("No budget"));
        item->setText(4, k.expires.isValid() ? LeaseTableModel::formatLocal(k.expires) : tr("Never"));
        item->setToolTip(4, k.expires.isValid() ? LeaseTableModel::formatUtc(k.expires) : QString());
        item->setData(0, Qt::UserRole, k.token);
        for (int c : {2, 3})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_keysTitle->setText(tr("Keys (%n)", nullptr, int(info.keys.size())));
    m_keys->resizeColumnToContents(0);
    m_keys->resizeColumnToContents(1);
}
