#include "BudgetTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {

QVariant time(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime time(const QVariant &v) {
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant money(const std::optional<double> &v) {
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

bool setMeta(QSqlDatabase &db, const QString &name, const QString &value, QString *error) {
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                             "value = excluded.value"));
    q.addBindValue(name);
    q.addBindValue(value);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

QString meta(const QSqlDatabase &db, const QString &name) {
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

} // namespace

namespace budgettable {

bool store(QSqlDatabase &db, const BudgetBook &book, QString *error) {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM budgets"))) {
        *error = q.lastError().text();
        return false;
    }
    q.prepare(
        QStringLiteral("INSERT INTO budgets (kind, team_id, user_id, name, spend, max_budget, "
                       "budget_duration, budget_reset_at, exhausted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const auto row = [&](BudgetKind kind, const QString &teamId, const QString &userId, const QString &name,
                         double spend, std::optional<double> max, const QString &duration,
                         const QDateTime &reset) {
        const Budget b{kind, {}, name, spend, max.value_or(0), duration, reset};
        q.addBindValue(budgetladder::kindName(kind));
        q.addBindValue(teamId.isNull() ? QStringLiteral("") : teamId); // "" (not NULL) for no team or user
        q.addBindValue(userId.isNull() ? QStringLiteral("") : userId);
        q.addBindValue(name);
        q.addBindValue(spend);
        q.addBindValue(money(max));
        q.addBindValue(duration.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(duration));
        q.addBindValue(time(reset));
        q.addBindValue(max && b.isExhausted() ? 1 : 0);
        if (q.exec())
            return true;
        *error = q.lastError().text();
        return false;
    };
    for (const TeamRecord &t : book.teams) {
        if (!row(BudgetKind::Team, t.teamId, {}, t.teamAlias, t.spend, t.maxBudget, t.budgetDuration,
                 t.budgetResetAt))
            return false;
        for (const TeamMember &m : t.members)
            if (m.maxBudgetInTeam && !row(BudgetKind::TeamMember, t.teamId, m.userId, m.userEmail, m.spend,
                                          m.maxBudgetInTeam, m.budgetDuration, m.budgetResetAt))
                return false;
    }
    for (const UserRecord &u : book.users)
        if (u.maxBudget && !row(BudgetKind::User, {}, u.userId, u.userEmail, u.spend, u.maxBudget,
                                u.budgetDuration, u.budgetResetAt))
            return false;
    if (book.proxyMaxBudget && *book.proxyMaxBudget > 0 &&
        !row(BudgetKind::Proxy, {}, {}, {}, book.proxySpend.value_or(0), book.proxyMaxBudget, {}, {}))
        return false;
    return setMeta(db, QStringLiteral("budgets_read_at"),
                   book.readAt.isValid() ? QString::number(book.readAt.toMSecsSinceEpoch()) : QString(),
                   error) &&
           setMeta(
               db, QStringLiteral("budgets_warnings"),
               QString::fromUtf8(
                   QJsonDocument(QJsonArray::fromStringList(book.warnings)).toJson(QJsonDocument::Compact)),
               error);
}

BudgetBook load(const QSqlDatabase &db) {
    BudgetBook book;
    const QString readAt = meta(db, QStringLiteral("budgets_read_at"));
    if (readAt.isEmpty())
        return book;
    book.readAt = QDateTime::fromMSecsSinceEpoch(readAt.toLongLong(), Qt::UTC);
    for (const auto &w :
         QJsonDocument::fromJson(meta(db, QStringLiteral("budgets_warnings")).toUtf8()).array())
        book.warnings << w.toString();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Teams first, so each member finds its team.
    if (!q.exec(QStringLiteral("SELECT kind, team_id, user_id, name, spend, max_budget, budget_duration, "
                               "budget_reset_at FROM budgets ORDER BY kind = 'team' DESC")))
        return book;
    while (q.next()) {
        const QString kind = q.value(0).toString();
        const QString teamId = q.value(1).toString();
        const QString userId = q.value(2).toString();
        const QString name = q.value(3).toString();
        const double spend = q.value(4).toDouble();
        const std::optional<double> max =
            q.value(5).isNull() ? std::nullopt : std::optional(q.value(5).toDouble());
        const QString duration = q.value(6).toString();
        const QDateTime reset = time(q.value(7));
        if (kind == u"team") {
            TeamRecord &t = book.teams[teamId];
            t.teamId = teamId;
            t.teamAlias = name;
            t.spend = spend;
            t.maxBudget = max;
            t.budgetDuration = duration;
            t.budgetResetAt = reset;
        } else if (kind == u"team_member") {
            TeamMember m;
            m.userId = userId;
            m.userEmail = name;
            m.spend = spend;
            m.maxBudgetInTeam = max;
            m.budgetDuration = duration;
            m.budgetResetAt = reset;
            book.teams[teamId].members << m;
        } else if (kind == u"user") {
            UserRecord &u = book.users[userId];
            u.userId = userId;
            u.userEmail = name;
            u.spend = spend;
            u.maxBudget = max;
            u.budgetDuration = duration;
            u.budgetResetAt = reset;
        } else if (kind == u"proxy") {
            book.proxySpend = spend;
            book.proxyMaxBudget = max;
        }
    }
    return book;
}

} // namespace budgettable
