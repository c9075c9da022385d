#include "sim/SimParams.h"
#include "sim/Simulator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <cmath>

using namespace simparams;

namespace {

const QStringList kSortFields{QStringLiteral("spend"),      QStringLiteral("max_budget"),
                              QStringLiteral("created_at"), QStringLiteral("updated_at"),
                              QStringLiteral("token"),      QStringLiteral("key_alias")};
// Request fields a key row keeps as sent.
const QStringList kExtraFields{QStringLiteral("aliases"),
                               QStringLiteral("config"),
                               QStringLiteral("permissions"),
                               QStringLiteral("allowed_cache_controls"),
                               QStringLiteral("allowed_routes"),
                               QStringLiteral("key_type"),
                               QStringLiteral("soft_budget"),
                               QStringLiteral("model_rpm_limit"),
                               QStringLiteral("model_tpm_limit"),
                               QStringLiteral("tpm_limit_type"),
                               QStringLiteral("rpm_limit_type"),
                               QStringLiteral("enforced_params"),
                               QStringLiteral("allowed_passthrough_routes")};

qint64 now() {
    return QDateTime::currentMSecsSinceEpoch();
}

QString randomRawKey() {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out = QStringLiteral("sk-");
    for (int i = 0; i < 22; ++i)
        out += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return out;
}

SimReply notFound() {
    return SimReply::error(404, QStringLiteral("Key not found in database"),
                           QStringLiteral("not_found_error"));
}

bool canWrite(const SimCaller &c) {
    return c.role == u"proxy_admin" || c.role == u"internal_user" || c.role == u"org_admin";
}
bool owns(const SimCaller &c, const SimKey &row) {
    return c.isAdmin() || (!c.userId.isEmpty() && row.userId == c.userId);
}
bool mayRead(const SimCaller &c, const SimKey &row) {
    return c.isAdminViewer() || (!c.userId.isEmpty() && row.userId == c.userId) ||
           (!c.keyHash.isEmpty() && row.token == c.keyHash);
}

std::optional<SimKey> liveKey(SimDataset &data, const QString &rawOrHash) {
    const auto i = data.keys().find(rawOrHash);
    if (!i || !data.keys().isLive(*i))
        return std::nullopt;
    return data.keys().key(*i);
}

// Applies the fields present in `body` to `row`, as /key/generate and /key/update do. An error answer if
// a field is refused.
std::optional<SimReply> apply(SimDataset &data, SimKey &row, const QJsonObject &body,
                              const SimCaller &caller) {
    const bool premium = data.options().enterprise;
    if (body.contains(QStringLiteral("tags")) && !body.value(QStringLiteral("tags")).isNull() && !premium)
        return notPremium(QStringLiteral("Setting tags on keys"));
    if (body.contains(QStringLiteral("model_max_budget")) &&
        !body.value(QStringLiteral("model_max_budget")).toObject().isEmpty() && !premium)
        return notPremium(QStringLiteral("Setting model_max_budget on keys"));
    if (body.contains(QStringLiteral("guardrails")) && !body.value(QStringLiteral("guardrails")).isNull() &&
        !premium)
        return notPremium(QStringLiteral("Setting guardrails on keys"));
    if (body.contains(QStringLiteral("key_alias"))) {
        const QString alias = optString(body.value(QStringLiteral("key_alias")));
        if (!alias.isNull()) {
            const auto other = data.keys().findLiveByAlias(alias);
            if (other && *other != row.index)
                return SimReply::error(400,
                                       QStringLiteral("Key with alias '%1' already exists. Unique key "
                                                      "aliases across all keys are required.")
                                           .arg(alias),
                                       QStringLiteral("bad_request_error"), QStringLiteral("key_alias"));
        }
        row.alias = alias;
    }
    if (body.contains(QStringLiteral("duration"))) {
        const QJsonValue d = body.value(QStringLiteral("duration"));
        if (d.isNull() || d.toString() == u"-1") {
            row.expires.reset();
        } else {
            const auto e = expiryFrom(d.isDouble() ? QString::number(d.toInteger()) : d.toString(), now());
            if (!e)
                return SimReply::error(400, QStringLiteral("Invalid duration format: %1").arg(d.toString()),
                                       QStringLiteral("bad_request_error"), QStringLiteral("duration"));
            row.expires = e;
        }
    }
    if (body.contains(QStringLiteral("models")))
        row.models = stringList(body.value(QStringLiteral("models")));
    if (body.contains(QStringLiteral("max_budget")))
        row.maxBudget = optDouble(body.value(QStringLiteral("max_budget")));
    if (body.contains(QStringLiteral("spend")) && body.value(QStringLiteral("spend")).isDouble())
        row.spend = body.value(QStringLiteral("spend")).toDouble();
    // LiteLLM keeps a key's budget_duration when it is sent empty or null (it puts it back only when it
    // is a non-empty string), while max_budget, tpm_limit and rpm_limit sent as null are cleared.
    if (!optString(body.value(QStringLiteral("budget_duration"))).isEmpty()) {
        row.budgetDuration = optString(body.value(QStringLiteral("budget_duration")));
        row.budgetResetAt =
            row.budgetDuration.isNull() ? std::nullopt : expiryFrom(row.budgetDuration, now());
    }
    if (body.contains(QStringLiteral("tpm_limit")))
        row.tpmLimit = optInt(body.value(QStringLiteral("tpm_limit")));
    if (body.contains(QStringLiteral("rpm_limit")))
        row.rpmLimit = optInt(body.value(QStringLiteral("rpm_limit")));
    if (body.contains(QStringLiteral("max_parallel_requests")))
        row.maxParallelRequests = optInt(body.value(QStringLiteral("max_parallel_requests")));
    if (body.contains(QStringLiteral("blocked"))) {
        const QJsonValue b = body.value(QStringLiteral("blocked"));
        row.blocked = b.isBool() ? std::optional<bool>(b.toBool()) : std::nullopt;
    }
    if (body.contains(QStringLiteral("user_id")))
        row.userId = caller.isAdmin() ? optString(body.value(QStringLiteral("user_id"))) : caller.userId;
    if (body.contains(QStringLiteral("team_id"))) {
        row.teamId = optString(body.value(QStringLiteral("team_id")));
        const int t = row.teamId.isNull() ? -1 : data.teamIndex(row.teamId);
        if (t >= 0 && row.orgId.isNull())
            row.orgId = data.teams().at(t).orgId;
    }
    if (body.contains(QStringLiteral("organization_id")))
        row.orgId = optString(body.value(QStringLiteral("organization_id")));
    if (body.contains(QStringLiteral("metadata")))
        row.metadata = body.value(QStringLiteral("metadata")).toObject();
    if (premium && body.value(QStringLiteral("tags")).isArray())
        row.metadata.insert(QStringLiteral("tags"), body.value(QStringLiteral("tags")));
    if (premium && body.value(QStringLiteral("guardrails")).isArray())
        row.metadata.insert(QStringLiteral("guardrails"), body.value(QStringLiteral("guardrails")));
    if (premium && body.contains(QStringLiteral("model_max_budget")))
        row.extra.insert(QStringLiteral("model_max_budget"), body.value(QStringLiteral("model_max_budget")));
    for (const QString &name : kExtraFields)
        if (body.contains(name))
            row.extra.insert(name, body.value(name));
    row.updatedAt = now();
    row.updatedBy = caller.userId;
    return std::nullopt;
}

QJsonObject generateResponse(const QJsonObject &body, const SimKey &row, const QString &raw) {
    QJsonObject out = body;
    const QJsonObject json = row.toJson();
    for (auto it = json.begin(); it != json.end(); ++it)
        out.insert(it.key(), it.value());
    out.insert(QStringLiteral("key"), raw);
    out.insert(QStringLiteral("key_name"), simKeyName(raw));
    out.insert(QStringLiteral("token_id"), row.token);
    out.insert(QStringLiteral("token"), row.token);
    return out;
}

// What LiteLLM's update_data echoes: the fields sent, as stored (a duration becomes `expires`, a budget
// duration adds `budget_reset_at`), every dict written as JSON text (jsonify_object), and the token.
QJsonObject changedFields(const QJsonObject &body, const SimKey &row) {
    const QJsonObject stored = row.toJson();
    QJsonObject out;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString name = it.key() == u"duration" ? QStringLiteral("expires") : it.key();
        const QJsonValue v = stored.contains(name) ? stored.value(name) : it.value();
        out.insert(name, v.isObject() ? QJsonValue(QString::fromUtf8(
                                            QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)))
                                      : v);
    }
    if (body.contains(QStringLiteral("budget_duration")))
        out.insert(QStringLiteral("budget_reset_at"), stored.value(QStringLiteral("budget_reset_at")));
    out.insert(QStringLiteral("token"), row.token);
    return out;
}

SimReply listKeys(Simulator &sim, SimRequest &r) {
    SimReply error;
    const auto page = intQuery(r, QStringLiteral("page"), 1, 1, INT_MAX, &error);
    if (!page)
        return error;
    const auto size = intQuery(r, QStringLiteral("size"), 10, 1, 100, &error);
    if (!size)
        return error;
    SimKeyQuery q;
    const QString status = stringQuery(r, QStringLiteral("status"));
    if (!status.isNull() && status != u"deleted")
        return SimReply::error(400,
                               QStringLiteral("Invalid status value. Currently only 'deleted' is supported."),
                               QStringLiteral("bad_request_error"), QStringLiteral("status"));
    q.deletedOnly = !status.isNull();
    const QString expires = stringQuery(r, QStringLiteral("expires"));
    if (!expires.isNull()) {
        if (expires != u"expired" && expires != u"active")
            return SimReply::error(400,
                                   QStringLiteral("Invalid expires value. Must be 'expired' or 'active'."),
                                   QStringLiteral("bad_request_error"), QStringLiteral("expires"));
        q.expiry = expires == u"expired" ? SimKeyQuery::Expiry::Expired : SimKeyQuery::Expiry::Active;
    }
    // LiteLLM's _validate_sort_params: these columns, and its own wording.
    q.sortBy = stringQuery(r, QStringLiteral("sort_by"));
    if (!q.sortBy.isNull() && !kSortFields.contains(q.sortBy))
        return SimReply::error(
            400, QStringLiteral("Invalid sort column. Must be one of: %1").arg(kSortFields.join(u", ")),
            QStringLiteral("bad_request_error"), QStringLiteral("sort_by"));
    const QString order = stringQuery(r, QStringLiteral("sort_order"));
    if (!order.isNull() && order.toLower() != u"asc" && order.toLower() != u"desc")
        return SimReply::error(400, QStringLiteral("Invalid sort order. Must be 'asc' or 'desc'"),
                               QStringLiteral("bad_request_error"), QStringLiteral("sort_order"));
    q.descending = order.isNull() || order.toLower() == u"desc";
    q.userId = stringQuery(r, QStringLiteral("user_id"));
    q.teamId = stringQuery(r, QStringLiteral("team_id"));
    q.orgId = stringQuery(r, QStringLiteral("organization_id"));
    q.alias = stringQuery(r, QStringLiteral("key_alias"));
    q.aliasSubstring = boolQuery(r, QStringLiteral("substring_matching"), false);
    q.keyHash = stringQuery(r, QStringLiteral("key_hash"));
    if (!r.caller.isAdminViewer())
        q.userId = r.caller.userId.isEmpty() ? QStringLiteral("") : r.caller.userId;
    const bool full = boolQuery(r, QStringLiteral("return_full_object"), false) ||
                      r.query(QStringLiteral("expand")) == u"user";

    const SimKeyPage result = sim.data().keys().list(q, qint64(*page - 1) * *size, *size);
    qint64 totalPages = (result.total + *size - 1) / *size;
    if (r.endlessPaging)
        totalPages = std::max<qint64>(totalPages, *page + 1);
    // Written as text: building a QJsonObject per row cost more than everything else on a page.
    QByteArray body = "{\"current_page\":" + QByteArray::number(*page) + ",\"keys\":[";
    body.reserve(result.rows.size() * (full ? 1400 : 70) + 120);
    for (qsizetype i = 0; i < result.rows.size(); ++i) {
        if (i)
            body += ',';
        body += full ? result.rows.at(i).toJsonBytes(true) : '"' + result.rows.at(i).token.toLatin1() + '"';
    }
    body += "],\"total_count\":" + QByteArray::number(result.total) +
            ",\"total_pages\":" + QByteArray::number(totalPages) + '}';
    return SimReply::raw(std::move(body));
}

SimReply keyInfo(Simulator &sim, SimRequest &r) {
    const bool given = r.http.query.hasQueryItem(QStringLiteral("key"));
    const QString wanted = given ? r.query(QStringLiteral("key")) : r.caller.keyHash;
    const auto row = liveKey(sim.data(), wanted);
    if (!row)
        return notFound();
    if (!mayRead(r.caller, *row))
        return SimReply::error(
            403,
            QStringLiteral("You are not allowed to access this key's info. Your role=%1").arg(r.caller.role),
            QStringLiteral("auth_error"));
    QJsonObject info = row->toJson();
    info.remove(QStringLiteral("token"));
    return SimReply::json(
        QJsonObject{{QStringLiteral("key"), given ? wanted : row->token}, {QStringLiteral("info"), info}});
}

SimReply generateKey(Simulator &sim, SimRequest &r) {
    if (!canWrite(r.caller))
        return forbidden(r, QStringLiteral("generate, delete, update info for new keys/users/teams"));
    SimDataset &data = sim.data();
    QString raw = randomRawKey();
    if (r.body.value(QStringLiteral("key")).isString()) {
        raw = r.body.value(QStringLiteral("key")).toString();
        if (!raw.startsWith(u"sk-"))
            return SimReply::error(
                400, QStringLiteral("Invalid key format. LiteLLM Virtual Key must start with 'sk-'."),
                QStringLiteral("bad_request_error"), QStringLiteral("key"));
        if (data.keys().find(raw))
            return SimReply::error(
                400, QStringLiteral("Unique constraint violation: a key with this value already exists."),
                QStringLiteral("bad_request_error"));
    }
    SimKey row;
    row.token = simTokenOf(raw);
    row.keyName = simKeyName(raw);
    row.createdAt = now();
    row.createdBy = r.caller.userId;
    row.userId = r.caller.isAdmin() ? QString() : r.caller.userId;
    row.timeStyle = SimTimeStyle::Microseconds;
    QJsonObject body = r.body;
    body.remove(QStringLiteral("key"));
    if (auto refused = apply(data, row, body, r.caller))
        return *refused;
    data.keys().add(row);
    data.keysChanged();
    const auto stored = data.keys().find(row.token);
    return SimReply::json(generateResponse(body, data.keys().key(*stored), raw));
}

SimReply updateKey(Simulator &sim, SimRequest &r) {
    if (!r.body.value(QStringLiteral("key")).isString())
        return SimReply::validation(QStringLiteral("body"), QStringLiteral("key"),
                                    QStringLiteral("Field required"));
    if (!canWrite(r.caller))
        return forbidden(r, QStringLiteral("generate, delete, update info for new keys/users/teams"));
    SimDataset &data = sim.data();
    const QString passed = r.body.value(QStringLiteral("key")).toString();
    auto row = liveKey(data, passed);
    if (!row) { // LiteLLM's message here talks about a team
        const QString team = optString(r.body.value(QStringLiteral("team_id")));
        return SimReply::error(404,
                               QStringLiteral("Team not found, passed team_id=%1")
                                   .arg(team.isNull() ? QStringLiteral("None") : team),
                               QStringLiteral("not_found_error"));
    }
    if (!owns(r.caller, *row))
        return SimReply::error(
            403, QStringLiteral("User can only update their own keys. Your role=%1").arg(r.caller.role),
            QStringLiteral("auth_error"));
    QJsonObject body = r.body;
    body.remove(QStringLiteral("key"));
    if (auto refused = apply(data, *row, body, r.caller))
        return *refused;
    data.keys().put(*row);
    data.keysChanged();
    QJsonObject out = sim.options().keyUpdateFullRow ? row->toJson() : changedFields(body, *row);
    out.insert(QStringLiteral("key"), passed);
    return SimReply::json(out);
}

SimReply deleteKeys(Simulator &sim, SimRequest &r) {
    const bool byKeys = r.body.value(QStringLiteral("keys")).isArray();
    const bool byAlias = r.body.value(QStringLiteral("key_aliases")).isArray();
    if (!byKeys && !byAlias)
        return SimReply::validation(QStringLiteral("body"), QStringLiteral("keys"),
                                    QStringLiteral("Field required"));
    if (!canWrite(r.caller))
        return forbidden(r, QStringLiteral("generate, delete, update info for new keys/users/teams"));
    SimDataset &data = sim.data();
    const QJsonArray passed =
        r.body.value(byKeys ? QStringLiteral("keys") : QStringLiteral("key_aliases")).toArray();
    QList<SimKey> rows;
    for (const auto &v : passed) {
        std::optional<SimKey> row;
        if (byKeys) {
            row = liveKey(data, v.toString());
        } else if (const auto i = data.keys().findLiveByAlias(v.toString())) {
            row = data.keys().key(*i);
        }
        if (!row && rows.isEmpty()) // LiteLLM str()s its HTTPException detail into the envelope
            return SimReply::error(404, QStringLiteral("{'error': 'No keys found'}"),
                                   QStringLiteral("internal_server_error"));
        if (!row)
            return SimReply::error(
                404,
                QStringLiteral("Failed to delete all keys. Tried to delete %1 keys, found %2 of them.")
                    .arg(passed.size())
                    .arg(rows.size()),
                QStringLiteral("not_found_error"));
        if (!owns(r.caller, *row))
            return SimReply::error(
                403,
                QStringLiteral("You are not allowed to delete this key. Your role=%1").arg(r.caller.role),
                QStringLiteral("auth_error"));
        rows << *row;
    }
    for (SimKey &row : rows) {
        row.deleted = true;
        row.deletedAt = now();
        row.deletedBy = r.caller.userId;
        data.keys().put(row);
    }
    data.keysChanged();
    return SimReply::json(QJsonObject{{QStringLiteral("deleted_keys"), passed}});
}

SimReply setBlocked(Simulator &sim, SimRequest &r, bool blocked) {
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("block or unblock keys"));
    auto row = liveKey(sim.data(), r.body.value(QStringLiteral("key")).toString());
    if (!row)
        return notFound();
    row->blocked = blocked;
    row->updatedAt = now();
    sim.data().keys().put(*row);
    return SimReply::json(row->toJson());
}

SimReply regenerate(Simulator &sim, SimRequest &r, const QString &passed) {
    if (!sim.options().enterprise)
        return SimReply::error(
            403,
            QStringLiteral(
                "Regenerating Virtual Keys is an Enterprise feature, You must be a LiteLLM Enterprise user "
                "to "
                "use this feature. If you have a license please set `LITELLM_LICENSE` in your env. Get a 7 "
                "day trial key here: https://www.litellm.ai/#trial. Pricing: "
                "https://www.litellm.ai/#pricing"),
            QStringLiteral("auth_error"));
    if (!canWrite(r.caller))
        return forbidden(r, QStringLiteral("regenerate keys"));
    SimDataset &data = sim.data();
    auto row = liveKey(data, passed);
    if (!row)
        return notFound();
    if (!owns(r.caller, *row))
        return SimReply::error(
            403,
            QStringLiteral("You are not allowed to regenerate this key. Your role=%1").arg(r.caller.role),
            QStringLiteral("auth_error"));
    QString raw = randomRawKey();
    if (r.body.value(QStringLiteral("new_key")).isString()) {
        raw = r.body.value(QStringLiteral("new_key")).toString();
        if (!raw.startsWith(u"sk-"))
            return SimReply::error(400, QStringLiteral("New key must start with 'sk-'."),
                                   QStringLiteral("bad_request_error"), QStringLiteral("new_key"));
    }
    QJsonObject body = r.body;
    for (const char *name : {"key", "new_key", "new_master_key", "grace_period"})
        body.remove(QLatin1String(name));
    if (auto refused = apply(data, *row, body, r.caller))
        return *refused;
    row->token = simTokenOf(raw);
    row->keyName = simKeyName(raw);
    data.keys().put(*row);
    data.keysChanged();
    return SimReply::json(generateResponse(body, *row, raw));
}

SimReply resetSpend(Simulator &sim, SimRequest &r) {
    if (!r.caller.isAdmin())
        return forbidden(r, QStringLiteral("reset key spend"));
    auto row = liveKey(sim.data(), r.params.value(QStringLiteral("key")));
    if (!row)
        return notFound();
    const double resetTo = r.body.value(QStringLiteral("reset_to")).toDouble(0);
    if (resetTo < 0 || resetTo > row->spend || (row->maxBudget && resetTo > *row->maxBudget))
        return SimReply::error(
            400,
            QStringLiteral("reset_to (%1) must be >= 0, <= current spend (%2) and <= max_budget")
                .arg(resetTo)
                .arg(row->spend),
            QStringLiteral("bad_request_error"), QStringLiteral("reset_to"));
    const double previous = row->spend;
    row->spend = resetTo;
    sim.data().keys().put(*row);
    sim.data().keysChanged();
    return SimReply::json(QJsonObject{
        {QStringLiteral("key_hash"), row->token},
        {QStringLiteral("spend"), row->spend},
        {QStringLiteral("previous_spend"), previous},
        {QStringLiteral("max_budget"), row->maxBudget ? QJsonValue(*row->maxBudget) : QJsonValue()},
        {QStringLiteral("budget_reset_at"), simTimestamp(row->budgetResetAt)}});
}

SimReply topKeys(Simulator &sim, SimRequest &r) {
    bool ok = false;
    int limit = r.query(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0)
        limit = 10;
    SimKeyQuery q;
    q.sortBy = QStringLiteral("spend");
    const SimKeyPage page = sim.data().keys().list(q, 0, limit);
    QJsonArray out;
    for (const auto &row : page.rows)
        out << QJsonObject{
            {QStringLiteral("api_key"), row.token},
            {QStringLiteral("key_alias"), row.alias.isNull() ? QJsonValue() : QJsonValue(row.alias)},
            {QStringLiteral("key_name"), row.keyName},
            {QStringLiteral("total_spend"), row.spend}};
    return SimReply::json(out);
}

} // namespace

void registerKeyRoutes(Simulator &sim) {
    sim.addRoute("GET", QStringLiteral("/key/list"), [&sim](SimRequest &r) { return listKeys(sim, r); });
    sim.addRoute("GET", QStringLiteral("/key/info"), [&sim](SimRequest &r) { return keyInfo(sim, r); });
    sim.addRoute("POST", QStringLiteral("/key/generate"),
                 [&sim](SimRequest &r) { return generateKey(sim, r); });
    sim.addRoute("POST", QStringLiteral("/key/update"), [&sim](SimRequest &r) { return updateKey(sim, r); });
    sim.addRoute("POST", QStringLiteral("/key/delete"), [&sim](SimRequest &r) { return deleteKeys(sim, r); });
    sim.addRoute("POST", QStringLiteral("/key/block"),
                 [&sim](SimRequest &r) { return setBlocked(sim, r, true); });
    sim.addRoute("POST", QStringLiteral("/key/unblock"),
                 [&sim](SimRequest &r) { return setBlocked(sim, r, false); });
    sim.addRoute("POST", QStringLiteral("/key/regenerate"), [&sim](SimRequest &r) {
        return regenerate(sim, r, r.body.value(QStringLiteral("key")).toString());
    });
    sim.addRoute("POST", QStringLiteral("/key/{key}/regenerate"),
                 [&sim](SimRequest &r) { return regenerate(sim, r, r.params.value(QStringLiteral("key"))); });
    sim.addRoute("POST", QStringLiteral("/key/{key}/reset_spend"),
                 [&sim](SimRequest &r) { return resetSpend(sim, r); });
    sim.addRoute("GET", QStringLiteral("/global/spend/keys"),
                 [&sim](SimRequest &r) { return topKeys(sim, r); });
}
