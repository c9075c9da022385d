#include "IndexRow.h"

#include "core/api/Json.h"
#include "core/index/SqliteStatement.h"
#include "core/keys/KeyRisk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <limits>

namespace indexrow {

namespace {

// Column names are LiteLLM's field names, so a row's raw JSON is rebuilt by name.
const QStringList &names() {
    static const QStringList n{QStringLiteral("token"),
                               QStringLiteral("key_name"),
                               QStringLiteral("key_alias"),
                               QStringLiteral("user_id"),
                               QStringLiteral("user_email"),
                               QStringLiteral("team_id"),
                               QStringLiteral("team_alias"),
                               QStringLiteral("org_id"),
                               QStringLiteral("spend"),
                               QStringLiteral("total_spend"),
                               QStringLiteral("max_budget"),
                               QStringLiteral("soft_budget"),
                               QStringLiteral("budget_duration"),
                               QStringLiteral("budget_reset_at"),
                               QStringLiteral("expires"),
                               QStringLiteral("models"),
                               QStringLiteral("tpm_limit"),
                               QStringLiteral("rpm_limit"),
                               QStringLiteral("max_parallel_requests"),
                               QStringLiteral("blocked"),
                               QStringLiteral("metadata"),
                               QStringLiteral("created_at"),
                               QStringLiteral("updated_at"),
                               QStringLiteral("created_by"),
                               QStringLiteral("last_active"),
                               QStringLiteral("key_type"),
                               QStringLiteral("extra"),
                               QStringLiteral("risks"),
                               QStringLiteral("synced_at")};
    return n;
}

enum Col {
    Token,
    KeyName,
    Alias,
    User,
    Email,
    Team,
    TeamAlias,
    Org,
    Spend,
    TotalSpend,
    MaxBudget,
    SoftBudget,
    BudgetDuration,
    BudgetResetAt,
    Expires,
    Models,
    Tpm,
    Rpm,
    Parallel,
    Blocked,
    Metadata,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    LastActive,
    KeyType,
    Extra,
    Risks,
    SyncedAt
};

const QStringList kTimeColumns{QStringLiteral("budget_reset_at"), QStringLiteral("expires"),
                               QStringLiteral("created_at"), QStringLiteral("updated_at"),
                               QStringLiteral("last_active")};

// Fields most keys carry with an empty or false value: kept in `extra` as one number, bit i for field
// i present with its usual value, instead of their text (a sixth of a row). Only ever appended to.
const QList<std::pair<QString, QJsonValue>> &usualValues() {
    static const QList<std::pair<QString, QJsonValue>> v{
        {QStringLiteral("aliases"), QJsonObject()},
        {QStringLiteral("allowed_cache_controls"), QJsonArray()},
        {QStringLiteral("allowed_routes"), QJsonArray()},
        {QStringLiteral("config"), QJsonObject()},
        {QStringLiteral("model_max_budget"), QJsonObject()},
        {QStringLiteral("model_spend"), QJsonObject()},
        {QStringLiteral("permissions"), QJsonObject()},
        {QStringLiteral("soft_budget_cooldown"), false},
        {QStringLiteral("team_blocked"), false},
        {QStringLiteral("team_models"), QJsonArray()},
    };
    return v;
}
const QString kUsual = QStringLiteral("~usual"); // no LiteLLM field starts with "~"

QString compact(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// What bind() wrote, read back from a file that may be damaged. A damaged value reads as the narrower
// thing, never the wider: a time as 1970 (so an expiry has passed, never "never expires"), a flag as
// set (blocked), an amount as 0, a limit as 0.
QDateTime storedTime(const QVariant &v) {
    bool ok = false;
    const qint64 ms = v.toLongLong(&ok);
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ok ? ms : 0, Qt::UTC);
    // ISO text (what KeyRecord reads) has four-digit years.
    return t.isValid() && t.date().year() >= 1 && t.date().year() <= 9999
               ? t
               : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
}
bool storedFlag(const QVariant &v) {
    bool ok = false;
    const double d = v.toDouble(&ok);
    return !ok || d != 0;
}
// A limit as a whole number: a real too large for qint64 is the largest limit, never none.
qint64 storedLimit(const QVariant &v) {
    if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int)
        return v.toLongLong();
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || !std::isfinite(d) || d <= -9.2e18)
        return 0;
    return d >= 9.2e18 ? std::numeric_limits<qint64>::max() : static_cast<qint64>(d);
}
double storedAmount(const QVariant &v) {
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok && std::isfinite(d) ? d : 0;
}

} // namespace

const QString &columns() {
    static const QString c = names().join(QStringLiteral(", "));
    return c;
}

const QString &upsertStatement() {
    static const QString s = [] {
        QStringList values, updates;
        for (const QString &n : names()) {
            values << QStringLiteral("?");
            if (n != u"token")
                updates << n + QStringLiteral(" = excluded.") + n;
        }
        return QStringLiteral("INSERT INTO keys (%1) VALUES (%2) ON CONFLICT(token) DO UPDATE SET %3")
            .arg(columns(), values.join(QStringLiteral(", ")), updates.join(QStringLiteral(", ")));
    }();
    return s;
}

int riskBit(KeyRisk risk) {
    return 1 << int(risk);
}

int riskBits(const KeyRecord &key) {
    int bits = 0;
    // The time only matters to expires_soon and idle, which the index asks in SQL instead.
    for (const KeyRisk r : keyrisk::risks(key, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)))
        if (r != KeyRisk::ExpiresSoon && r != KeyRisk::Idle)
            bits |= riskBit(r);
    return bits;
}

namespace {

// Fields kept in columns of their own, or never kept ("key" may be a raw key a route echoed back).
const QSet<QString> &notExtra() {
    static const QSet<QString> s = [] {
        QSet<QString> n(names().cbegin(), names().cend());
        n << QStringLiteral("key") << kUsual;
        return n;
    }();
    return s;
}

void bindText(SqliteStatement &q, int c, const QString &s) {
    if (s.isEmpty())
        q.bindNull(c);
    else
        q.bind(c, s);
}
void bindTime(SqliteStatement &q, int c, const QDateTime &t) {
    if (t.isValid())
        q.bind(c, t.toMSecsSinceEpoch());
    else
        q.bindNull(c);
}
template <typename T> void bindOpt(SqliteStatement &q, int c, const std::optional<T> &v) {
    if (!v)
        q.bindNull(c);
    else if constexpr (std::is_floating_point_v<T>)
        q.bind(c, double(*v));
    else
        q.bind(c, qint64(*v));
}

} // namespace

void bind(SqliteStatement &q, const KeyRecord &k, qint64 syncedAtMs) {
    // Every other field the proxy sent, in one pass over the key (its keys are sorted, so each insert
    // appends): nulls dropped, the usual empty values as one bit each.
    QJsonObject extra;
    qint64 usual = 0;
    for (auto it = k.raw.constBegin(); it != k.raw.constEnd(); ++it) {
        if (it->isNull())
            continue;
        const QString field = it.key();
        if (notExtra().contains(field))
            continue;
        const auto &usuals = usualValues();
        const auto u = std::find_if(usuals.cbegin(), usuals.cend(),
                                    [&field](const auto &fv) { return fv.first == field; });
        if (u != usuals.cend() && u->second == *it) {
            usual |= qint64(1) << (u - usuals.cbegin());
            continue;
        }
        extra.insert(field, *it);
    }
    if (usual)
        extra.insert(kUsual, usual);
    // By position: the upsert's placeholders are in column order.
    q.bind(Token, k.token.toLower());
    bindText(q, KeyName, k.keyName);
    bindText(q, Alias, k.keyAlias);
    bindText(q, User, k.userId);
    bindText(q, Email, k.userEmail);
    bindText(q, Team, k.teamId);
    bindText(q, TeamAlias, k.teamAlias);
    bindText(q, Org, k.orgId);
    q.bind(Spend, k.spend);
    bindOpt(q, TotalSpend, k.totalSpend);
    bindOpt(q, MaxBudget, k.maxBudget);
    bindOpt(q, SoftBudget, k.softBudget);
    bindText(q, BudgetDuration, k.budgetDuration);
    bindTime(q, BudgetResetAt, k.budgetResetAt);
    bindTime(q, Expires, k.expires);
    // NULL only when the proxy sent no list of names: read back as unknown, never as "all models".
    if (k.modelsKnown)
        q.bind(Models,
               QString::fromUtf8(
                   QJsonDocument(QJsonArray::fromStringList(k.models)).toJson(QJsonDocument::Compact)));
    else
        q.bindNull(Models);
    bindOpt(q, Tpm, k.tpmLimit);
    bindOpt(q, Rpm, k.rpmLimit);
    bindOpt(q, Parallel, k.maxParallelRequests);
    if (k.blocked)
        q.bind(Blocked, qint64(*k.blocked));
    else
        q.bindNull(Blocked);
    if (k.metadata.isEmpty())
        q.bindNull(Metadata);
    else
        q.bind(Metadata, compact(k.metadata));
    bindTime(q, CreatedAt, k.createdAt);
    bindTime(q, UpdatedAt, k.updatedAt);
    bindText(q, CreatedBy, k.createdBy);
    bindTime(q, LastActive, k.lastActive);
    bindText(q, KeyType, k.keyType);
    if (extra.isEmpty())
        q.bindNull(Extra);
    else
        q.bind(Extra, compact(extra));
    q.bind(Risks, qint64(riskBits(k)));
    q.bind(SyncedAt, syncedAtMs);
}

KeyRecord read(const QSqlQuery &q) {
    QVariantList values;
    values.reserve(Extra + 1);
    for (int c = Token; c <= Extra; ++c)
        values << q.value(c);
    return fromValues(values);
}

KeyRecord fromValues(const QVariantList &values) {
    const auto value = [&values](int c) { return c < values.size() ? values.at(c) : QVariant(); };
    QJsonObject raw;
    if (const QVariant extra = value(Extra); !extra.isNull())
        raw = QJsonDocument::fromJson(extra.toString().toUtf8()).object();
    const qint64 usual = raw.take(kUsual).toInteger();
    for (qsizetype i = 0; i < usualValues().size(); ++i)
        if (usual & (qint64(1) << i))
            raw.insert(usualValues().at(i).first, usualValues().at(i).second);
    const QStringList &n = names();
    for (int c = Token; c <= KeyType; ++c) {
        const QVariant v = value(c);
        const QString &name = n.at(c);
        if (c == Models) {
            // Text that is not a JSON list stays as it is, which reads as unknown models, never as [].
            const QJsonDocument list = QJsonDocument::fromJson(v.toString().toUtf8());
            raw.insert(name, v.isNull()       ? QJsonValue()
                             : list.isArray() ? QJsonValue(list.array())
                                              : QJsonValue(v.toString()));
        } else if (c == Metadata) {
            raw.insert(name,
                       v.isNull() ? QJsonObject() : QJsonDocument::fromJson(v.toString().toUtf8()).object());
        } else if (v.isNull()) {
            raw.insert(name, QJsonValue());
        } else if (kTimeColumns.contains(name)) {
            raw.insert(name, json::isoUtc(storedTime(v)));
        } else if (c == Blocked) {
            raw.insert(name, storedFlag(v));
        } else if (c == Spend || c == TotalSpend || c == MaxBudget || c == SoftBudget) {
            raw.insert(name, storedAmount(v));
        } else if (c == Tpm || c == Rpm || c == Parallel) {
            raw.insert(name, storedLimit(v));
        } else {
            raw.insert(name, v.toString());
        }
    }
    return keyRecordFromJson(raw);
}

qint64 syncedAt(const QSqlQuery &q) {
    return q.value(SyncedAt).toLongLong();
}

} // namespace indexrow
