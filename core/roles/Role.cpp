#include "Role.h"

#include "core/api/Json.h"
#include "core/format/CommaList.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace {

QJsonValue optional(const std::optional<qint64> &v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QString tr(const char *text) {
    return QCoreApplication::translate("Role", text);
}

// Reads one role object field by field; every reader records an error instead of guessing.
class FieldReader {
public:
    explicit FieldReader(const QJsonObject &o)
        : m_o(o) {}

    QList<FieldError> errors;

    bool has(const char *field) const { return !value(field).isUndefined() && !value(field).isNull(); }
    QJsonValue value(const char *field) const { return m_o.value(QLatin1String(field)); }
    void fail(const char *field, const QString &message) {
        errors.append({QString::fromLatin1(field), message});
    }

    QString text(const char *field) {
        const QJsonValue v = value(field);
        if (v.isString())
            return v.toString().trimmed();
        if (has(field))
            fail(field, tr("expected text, got %1.").arg(describe(v)));
        return {};
    }

    QStringList list(const char *field) {
        const QJsonValue v = value(field);
        if (v.isUndefined())
            return {};
        if (v.isString()) // Vault's comma-separated form
            return splitList(v.toString());
        if (!v.isArray()) {
            fail(field, tr("expected a list of names ([] for none), got %1.").arg(describe(v)));
            return {};
        }
        QStringList out;
        for (const auto &item : v.toArray()) {
            if (!item.isString() || item.toString().trimmed().isEmpty()) {
                fail(field, tr("every entry must be a name, got %1.").arg(describe(item)));
                return {};
            }
            out << item.toString().trimmed();
        }
        return out;
    }

    std::optional<double> number(const char *field) {
        const QJsonValue v = value(field);
        if (!has(field))
            return std::nullopt;
        bool ok = v.isDouble();
        double d = v.toDouble();
        if (v.isString())
            d = v.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(d)) {
            fail(field, tr("expected a number, got %1.").arg(describe(v)));
            return std::nullopt;
        }
        return d;
    }

    std::optional<qint64> whole(const char *field) {
        const auto d = number(field);
        if (!d)
            return std::nullopt;
        if (*d != std::floor(*d) || *d < 0 || *d > double(kMaxRoleLimit)) {
            fail(field, tr("expected a whole number from 0 to %1, got %2.")
                            .arg(kMaxRoleLimit)
                            .arg(describe(value(field))));
            return std::nullopt;
        }
        return static_cast<qint64>(*d);
    }

    Duration duration(const char *field) {
        const QJsonValue v = value(field);
        if (!has(field))
            return {};
        QString why;
        std::optional<Duration> d;
        if (v.isDouble())
            d = Duration::fromJsonSeconds(v.toDouble(), &why);
        else if (v.isString())
            d = Duration::parseTtl(v.toString(), &why);
        else
            why = tr("expected a duration such as 30d or 1h30m, got %1.").arg(describe(v));
        if (!d)
            fail(field, why);
        return d.value_or(Duration{});
    }

    QMap<QString, QString> metadata(const char *field) {
        QMap<QString, QString> out;
        const QJsonValue v = value(field);
        if (!has(field))
            return out;
        if (!v.isObject()) {
            fail(field, tr("expected an object of names and values, got %1.").arg(describe(v)));
            return out;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isString())
                out.insert(it.key(), it.value().toString());
            else if (it.value().isDouble() || it.value().isBool())
                out.insert(it.key(), json::str(it.value()));
            else
                fail(field,
                     tr("the value of \"%1\" must be text, got %2.").arg(it.key(), describe(it.value())));
        }
        return out;
    }

private:
    static QString describe(const QJsonValue &v) {
        switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double:
            return QString::number(v.toDouble(), 'g', 17);
        case QJsonValue::String:
            return u'"' + v.toString().left(40) + u'"';
        case QJsonValue::Array:
            return tr("a list");
        case QJsonValue::Object:
            return tr("an object");
        case QJsonValue::Undefined:
            break;
        }
        return tr("nothing");
    }

    QJsonObject m_o;
};

RoleRead readFields(const QJsonObject &o, const char *defaultPrefix) {
    FieldReader f(o);
    Role r;
    r.name = normalizeRoleName(f.text("name"));
    if (f.value("models").isNull())
        f.fail("models", QCoreApplication::translate(
                             "Role", "expected a list of models ([] for all models), got null."));
    r.models = f.list("models");
    r.maxBudget = f.number("max_budget").value_or(0);
    r.budgetDuration = f.text("budget_duration");
    r.keyAliasPrefix = f.text("key_alias_prefix");
    if (r.keyAliasPrefix.isEmpty())
        r.keyAliasPrefix = QString::fromLatin1(defaultPrefix);
    r.metadata = f.metadata("metadata");
    r.ttl = f.duration("ttl");
    r.maxTtl = f.duration("max_ttl");
    r.tpmLimit = f.whole("tpm_limit");
    r.rpmLimit = f.whole("rpm_limit");
    r.maxParallelRequests = f.whole("max_parallel_requests");
    r.teamId = f.text("team_id");
    r.teams = f.list("teams");
    return {r, f.errors};
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

namespace {

// The rules every role meets, after the reading errors (one message per field).
RoleRead checked(RoleRead read) {
    for (const FieldError &e : validateRole(read.role))
        if (std::none_of(read.errors.begin(), read.errors.end(),
                         [&e](const FieldError &known) { return known.field == e.field; }))
            read.errors.append(e);
    return read;
}

} // namespace

QString describeRoleErrors(const RoleRead &read) {
    QStringList parts;
    for (const FieldError &e : read.errors)
        parts << e.field + QStringLiteral(": ") + e.message;
    const QString name = read.role.name.isEmpty() ? QStringLiteral("(no name)") : read.role.name;
    return QStringLiteral("role \"%1\": %2").arg(name, parts.join(QStringLiteral("; ")));
}

RoleRead readRole(const QJsonObject &o) {
    return checked(readFields(o, "desk"));
}

RoleRead readVaultRole(const QString &name, const QJsonObject &data) {
    QJsonObject named = data;
    named.insert(QStringLiteral("name"), name);
    return checked(readFields(named, kVaultAliasPrefix));
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

    if (!std::isfinite(role.maxBudget) || role.maxBudget < 0) // NaN and infinity are no budget
        errors.append(
            {QStringLiteral("max_budget"),
             QStringLiteral("The budget must be a number of dollars, 0 or more (0 means unlimited); "
                            "the budget cannot be negative or infinite.")});
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
    for (const auto &[d, field] : {std::pair{role.ttl, "ttl"}, std::pair{role.maxTtl, "max_ttl"}})
        if (d.count < 0 || d.seconds() > Duration::kMaxTtlSeconds)
            errors.append(
                {QString::fromLatin1(field), QStringLiteral("A TTL must be between 0 and 100 years.")});
    if (!role.maxTtl.isZero() && role.ttl.seconds() > role.maxTtl.seconds())
        errors.append(
            {QStringLiteral("ttl"), QStringLiteral("The TTL (%1) is longer than the maximum TTL (%2).")
                                        .arg(role.ttl.toDisplay(), role.maxTtl.toDisplay())});
    const auto checkLimit = [&](const std::optional<qint64> &v, const char *field, const char *label) {
        if (v && *v < 0)
            errors.append({QString::fromLatin1(field),
                           QStringLiteral("The %1 cannot be negative.").arg(QLatin1String(label))});
        else if (v && *v > kMaxRoleLimit)
            errors.append({QString::fromLatin1(field), QStringLiteral("The %1 is too large (at most %2).")
                                                           .arg(QLatin1String(label))
                                                           .arg(kMaxRoleLimit)});
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
