#include "KeyExport.h"

#include "core/keys/KeyRisk.h"

#include "core/api/Json.h"
#include "core/export/JsonWriter.h"
#include "core/export/TextTable.h"

namespace keyexport {

namespace {

QString money(const std::optional<double> &v) {
    return v ? JsonWriter::number(*v) : QString();
}

QString integer(const std::optional<qint64> &v) {
    return v ? QString::number(*v) : QString();
}

QString date(const QDateTime &t) {
    return t.isValid() ? json::isoUtc(t) : QString();
}

QList<KeyRisk> risksOf(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets) {
    return budgets ? keyrisk::risks(key, now, budgets->ladder(key)) : keyrisk::risks(key, now);
}

QString riskLabels(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets) {
    QStringList out;
    for (const KeyRisk r : risksOf(key, now, budgets))
        out << keyrisk::label(r);
    return out.join(QStringLiteral(", "));
}

} // namespace

QJsonObject toJson(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets) {
    QJsonObject o = key.raw;
    o.remove(QStringLiteral("key")); // an echo of what was asked, maybe a raw key
    const auto ensure = [&o](const QString &name, const QJsonValue &value) {
        if (!o.contains(name))
            o.insert(name, value);
    };
    ensure(QStringLiteral("token"), key.token);
    if (!key.hashOnly) {
        ensure(QStringLiteral("key_name"), JsonWriter::text(key.keyName));
        ensure(QStringLiteral("key_alias"), JsonWriter::text(key.keyAlias));
        ensure(QStringLiteral("team_id"), JsonWriter::text(key.teamId));
        ensure(QStringLiteral("user_id"), JsonWriter::text(key.userId));
        ensure(QStringLiteral("spend"), key.spend);
        ensure(QStringLiteral("max_budget"), JsonWriter::value(key.maxBudget));
        ensure(QStringLiteral("expires"), JsonWriter::text(date(key.expires)));
        ensure(QStringLiteral("models"), QJsonArray::fromStringList(key.models));
        ensure(QStringLiteral("blocked"), key.blocked ? QJsonValue(*key.blocked) : QJsonValue());
    }
    o.insert(QStringLiteral("status"), keyrisk::name(keyrisk::status(key, now)));
    o.insert(QStringLiteral("risks"), QJsonArray::fromStringList(keyrisk::names(risksOf(key, now, budgets))));
    return o;
}

QJsonArray toJson(const QList<KeyRecord> &keys, const QDateTime &now, const BudgetBook *budgets) {
    QJsonArray out;
    for (const auto &k : keys)
        out << toJson(k, now, budgets);
    return out;
}

QStringList csvFieldNames() {
    return {QStringLiteral("token"),       QStringLiteral("key_name"),
            QStringLiteral("key_alias"),   QStringLiteral("team_id"),
            QStringLiteral("user_id"),     QStringLiteral("spend"),
            QStringLiteral("max_budget"),  QStringLiteral("budget_duration"),
            QStringLiteral("expires"),     QStringLiteral("models"),
            QStringLiteral("tpm_limit"),   QStringLiteral("rpm_limit"),
            QStringLiteral("blocked"),     QStringLiteral("created_at"),
            QStringLiteral("last_active"), QStringLiteral("status"),
            QStringLiteral("risks")};
}

QStringList csvFields(const KeyRecord &key, const QDateTime &now, const BudgetBook *budgets) {
    return {key.token,
            key.keyName,
            key.keyAlias,
            key.teamId,
            key.userId,
            key.hashOnly ? QString() : JsonWriter::number(key.spend),
            money(key.maxBudget),
            key.budgetDuration,
            date(key.expires),
            key.models.join(u';'),
            integer(key.tpmLimit),
            integer(key.rpmLimit),
            key.blocked ? (*key.blocked ? QStringLiteral("true") : QStringLiteral("false")) : QString(),
            date(key.createdAt),
            date(key.lastActive),
            keyrisk::name(keyrisk::status(key, now)),
            keyrisk::names(risksOf(key, now, budgets)).join(u';')};
}

TextTable table(const QList<KeyRecord> &keys, const QDateTime &now, const BudgetBook *budgets) {
    TextTable t;
    t.addColumn(QStringLiteral("KEY"));
    t.addColumn(QStringLiteral("ALIAS"));
    t.addColumn(QStringLiteral("TEAM"));
    t.addColumn(QStringLiteral("USER"));
    t.addColumn(QStringLiteral("SPEND"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("BUDGET"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("EXPIRES"));
    t.addColumn(QStringLiteral("STATUS"));
    t.addColumn(QStringLiteral("RISKS"));
    for (const auto &k : keys) {
        t.addRow({k.keyName.isEmpty() ? k.token.left(12) : k.keyName, k.keyAlias, k.teamId, k.userId,
                  k.hashOnly ? QString() : QString::number(k.spend, 'f', 2),
                  k.maxBudget ? QString::number(*k.maxBudget, 'f', 2) : QStringLiteral("-"),
                  k.hashOnly            ? QString()
                  : k.expires.isValid() ? k.expires.toUTC().toString(QStringLiteral("yyyy-MM-dd"))
                                        : QStringLiteral("never"),
                  keyrisk::name(keyrisk::status(k, now)), riskLabels(k, now, budgets)});
    }
    return t;
}

QString details(const KeyRecord &k, const QDateTime &now) {
    TextTable t;
    t.addColumn({});
    t.addColumn({});
    const auto row = [&t](const QString &name, const QString &value) {
        t.addRow({name + u':', value.isEmpty() ? QStringLiteral("-") : value});
    };
    row(QStringLiteral("token"), k.token);
    row(QStringLiteral("key_name"), k.keyName);
    row(QStringLiteral("key_alias"), k.keyAlias);
    row(QStringLiteral("team_id"), k.teamId);
    row(QStringLiteral("user_id"), k.userId);
    row(QStringLiteral("spend"), JsonWriter::number(k.spend));
    row(QStringLiteral("max_budget"), money(k.maxBudget));
    row(QStringLiteral("budget_duration"), k.budgetDuration);
    row(QStringLiteral("expires"), k.expires.isValid() ? date(k.expires) : QStringLiteral("never"));
    row(QStringLiteral("models"), k.modelsText());
    row(QStringLiteral("tpm_limit"), integer(k.tpmLimit));
    row(QStringLiteral("rpm_limit"), integer(k.rpmLimit));
    row(QStringLiteral("blocked"), k.isBlocked() ? QStringLiteral("yes") : QStringLiteral("no"));
    row(QStringLiteral("created_at"), date(k.createdAt));
    row(QStringLiteral("last_active"), date(k.lastActive));
    row(QStringLiteral("status"), keyrisk::name(keyrisk::status(k, now)));
    row(QStringLiteral("risks"), riskLabels(k, now, nullptr));
    return t.toString();
}

} // namespace keyexport
