#include "IndexRow.h"

#include "core/api/Json.h"
#include "core/keys/KeyRisk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

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

QVariant text(const QString &s) {
    return s.isEmpty() ? QVariant() : QVariant(s);
}
QVariant time(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
}
template <typename T> QVariant opt(const std::optional<T> &v) {
    return v ? QVariant::fromValue(*v) : QVariant();
}
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
            values << u':' + n;
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

void bind(QSqlQuery &q, const KeyRecord &k, qint64 syncedAtMs) {
    QJsonObject extra = k.raw;
    for (const QString &n : names())
        extra.remove(n);
    extra.remove(QStringLiteral("key")); // what a route echoed back, maybe a raw key
    for (auto it = extra.begin(); it != extra.end();)
        it = it->isNull() ? extra.erase(it) : it + 1;
    const QString *n = names().constData();
    q.bindValue(u':' + n[Token], k.token.toLower());
    q.bindValue(u':' + n[KeyName], text(k.keyName));
    q.bindValue(u':' + n[Alias], text(k.keyAlias));
    q.bindValue(u':' + n[User], text(k.userId));
    q.bindValue(u':' + n[Email], text(k.userEmail));
    q.bindValue(u':' + n[Team], text(k.teamId));
    q.bindValue(u':' + n[TeamAlias], text(k.teamAlias));
    q.bindValue(u':' + n[Org], text(k.orgId));
    q.bindValue(u':' + n[Spend], k.spend);
    q.bindValue(u':' + n[TotalSpend], opt(k.totalSpend));
    q.bindValue(u':' + n[MaxBudget], opt(k.maxBudget));
    q.bindValue(u':' + n[SoftBudget], opt(k.softBudget));
    q.bindValue(u':' + n[BudgetDuration], text(k.budgetDuration));
    q.bindValue(u':' + n[BudgetResetAt], time(k.budgetResetAt));
    q.bindValue(u':' + n[Expires], time(k.expires));
    // NULL only when the proxy sent no list of names: read back as unknown, never as "all models".
    q.bindValue(
        u':' + n[Models],
        !k.modelsKnown
            ? QVariant()
            : QVariant(QString::fromUtf8(
                  QJsonDocument(QJsonArray::fromStringList(k.models)).toJson(QJsonDocument::Compact))));
    q.bindValue(u':' + n[Tpm], opt(k.tpmLimit));
    q.bindValue(u':' + n[Rpm], opt(k.rpmLimit));
    q.bindValue(u':' + n[Parallel], opt(k.maxParallelRequests));
    q.bindValue(u':' + n[Blocked], k.blocked ? QVariant(int(*k.blocked)) : QVariant());
    q.bindValue(u':' + n[Metadata], k.metadata.isEmpty() ? QVariant() : QVariant(compact(k.metadata)));
    q.bindValue(u':' + n[CreatedAt], time(k.createdAt));
    q.bindValue(u':' + n[UpdatedAt], time(k.updatedAt));
    q.bindValue(u':' + n[CreatedBy], text(k.createdBy));
    q.bindValue(u':' + n[LastActive], time(k.lastActive));
    q.bindValue(u':' + n[KeyType], text(k.keyType));
    q.bindValue(u':' + n[Extra], extra.isEmpty() ? QVariant() : QVariant(compact(extra)));
    q.bindValue(u':' + n[Risks], riskBits(k));
    q.bindValue(u':' + n[SyncedAt], syncedAtMs);
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
