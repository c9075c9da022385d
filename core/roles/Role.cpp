#include "Role.h"

#include "core/api/Json.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {

Duration durationFrom(const QJsonValue &v) {
    if (v.isDouble())
        return Duration::fromSeconds(static_cast<qint64>(v.toDouble()));
    if (const auto d = Duration::parse(json::str(v)))
        return *d;
    if (const auto n = json::optInt(v))
        return Duration::fromSeconds(*n);
    return {};
}

QJsonValue optional(const std::optional<qint64> &v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QMap<QString, QString> metadataFrom(const QJsonValue &v) {
    QMap<QString, QString> out;
    const auto o = json::obj(v);
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), json::str(it.value()));
    return out;
}

} // namespace

QString normalizeRoleName(const QString &name) {
    return name.trimmed().toLower();
}

QJsonObject Role::toJson() const {
    QJsonObject meta;
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        meta.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("models"), QJsonArray::fromStringList(models)},
        {QStringLiteral("max_budget"), maxBudget},
        {QStringLiteral("budget_duration"),
         budgetDuration.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(budgetDuration)},
        {QStringLiteral("key_alias_prefix"), keyAliasPrefix},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("ttl"), ttl.toString()},
        {QStringLiteral("max_ttl"), maxTtl.toString()},
        {QStringLiteral("tpm_limit"), optional(tpmLimit)},
        {QStringLiteral("rpm_limit"), optional(rpmLimit)},
        {QStringLiteral("max_parallel_requests"), optional(maxParallelRequests)},
        {QStringLiteral("team_id"), teamId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(teamId)},
        {QStringLiteral("teams"), QJsonArray::fromStringList(teams)},
    };
}

Role Role::fromJson(const QJsonObject &o) {
    Role r;
    r.name = normalizeRoleName(json::str(o.value(u"name")));
    r.models = json::strList(o.value(u"models"));
    r.maxBudget = json::num(o.value(u"max_budget"));
    r.budgetDuration = json::str(o.value(u"budget_duration"));
    if (o.contains(u"key_alias_prefix"))
        r.keyAliasPrefix = json::str(o.value(u"key_alias_prefix"));
    r.metadata = metadataFrom(o.value(u"metadata"));
    r.ttl = durationFrom(o.value(u"ttl"));
    r.maxTtl = durationFrom(o.value(u"max_ttl"));
    r.tpmLimit = json::optInt(o.value(u"tpm_limit"));
    r.rpmLimit = json::optInt(o.value(u"rpm_limit"));
    r.maxParallelRequests = json::optInt(o.value(u"max_parallel_requests"));
    r.teamId = json::str(o.value(u"team_id"));
    r.teams = json::strList(o.value(u"teams"));
    return r;
}

Role Role::fromVault(const QString &name, const QJsonObject &data) {
    Role r = fromJson(data);
    r.name = normalizeRoleName(name);
    if (!data.contains(u"key_alias_prefix") || json::str(data.value(u"key_alias_prefix")).isEmpty())
        r.keyAliasPrefix = QStringLiteral("desk");
    return r;
}

QList<FieldError> validateRole(const Role &role, const QStringList &knownModels) {
    QList<FieldError> errors;
    static const QRegularExpression nameRe(QStringLiteral("^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$"));
    if (role.name.isEmpty())
        errors.append({QStringLiteral("name"), QStringLiteral("Give the role a name.")});
    else if (!nameRe.match(role.name).hasMatch())
        errors.append(
            {QStringLiteral("name"),
             QStringLiteral(
                 "\"%1\" is not a valid role name: use lowercase letters, digits, '-', '_' and '.', "
                 "starting and ending with a letter or digit.")
                 .arg(role.name)});
    else if (role.name.size() > 64)
        errors.append(
            {QStringLiteral("name"), QStringLiteral("The role name is too long (64 characters at most).")});

    if (!(role.maxBudget >= 0)) // also catches NaN
        errors.append({QStringLiteral("max_budget"),
                       QStringLiteral("The budget cannot be negative (0 means unlimited).")});
    if (!role.budgetDuration.isEmpty()) {
        QString why;
        const auto d = Duration::parse(role.budgetDuration, &why);
        if (!d)
            errors.append({QStringLiteral("budget_duration"), why});
        else if (d->isZero())
            errors.append({QStringLiteral("budget_duration"),
                           QStringLiteral("The budget period must be longer than zero.")});
    }
    static const QRegularExpression prefixRe(QStringLiteral("^[A-Za-z0-9._-]{1,32}$"));
    if (!prefixRe.match(role.keyAliasPrefix).hasMatch())
        errors.append({QStringLiteral("key_alias_prefix"),
                       QStringLiteral("The alias prefix must be 1 to 32 letters, digits, '-', '_' or '.'.")});
    if (!role.maxTtl.isZero() && role.ttl.seconds() > role.maxTtl.seconds())
        errors.append(
            {QStringLiteral("ttl"), QStringLiteral("The TTL (%1) is longer than the maximum TTL (%2).")
                                        .arg(role.ttl.toDisplay(), role.maxTtl.toDisplay())});
    const auto checkLimit = [&](const std::optional<qint64> &v, const char *field, const char *label) {
        if (v && *v < 0)
            errors.append({QString::fromLatin1(field),
                           QStringLiteral("The %1 cannot be negative.").arg(QLatin1String(label))});
    };
    checkLimit(role.tpmLimit, "tpm_limit", "TPM limit");
    checkLimit(role.rpmLimit, "rpm_limit", "RPM limit");
    checkLimit(role.maxParallelRequests, "max_parallel_requests", "parallel request limit");
    if (!knownModels.isEmpty()) {
        QStringList unknown;
        for (const auto &m : role.models)
            if (!knownModels.contains(m))
                unknown << m;
        if (!unknown.isEmpty())
            errors.append({QStringLiteral("models"),
                           QStringLiteral("The proxy has no model named %1.")
                               .arg(QStringLiteral("\"") + unknown.join(QStringLiteral("\", \"")) + u'"')});
    }
    for (auto it = role.metadata.begin(); it != role.metadata.end(); ++it)
        if (it.key().trimmed().isEmpty())
            errors.append(
                {QStringLiteral("metadata"), QStringLiteral("A metadata entry has an empty name.")});
    return errors;
}

std::optional<QMap<QString, QString>> parseMetadataPairs(const QStringList &pairs, QString *why) {
    QMap<QString, QString> out;
    for (const auto &pair : pairs) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0 || pair.left(eq).trimmed().isEmpty()) {
            if (why)
                *why = QStringLiteral("Metadata must be written key=value, got \"%1\".").arg(pair);
            return std::nullopt;
        }
        out.insert(pair.left(eq).trimmed(), pair.mid(eq + 1).trimmed());
    }
    return out;
}

QStringList splitList(const QString &text) {
    QStringList out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        if (const QString t = part.trimmed(); !t.isEmpty() && !out.contains(t))
            out << t;
    return out;
}
