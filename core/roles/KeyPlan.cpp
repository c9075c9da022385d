#include "KeyPlan.h"

#include "core/api/Json.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cmath>

QString randomSuffix() {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    for (int i = 0; i < 8; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]);
    return s;
}

PlanResult planKey(const Role &role, const IssueChoices &c, const QDateTime &now, const QString &suffix) {
    PlanResult result;
    auto fail = [&](const char *field, const QString &msg) {
        result.errors.append({QString::fromLatin1(field), msg});
    };

    static const QRegularExpression labelRe(QStringLiteral("^[A-Za-z0-9._-]{1,40}$"));
    const QString label = c.label.trimmed();
    if (!label.isEmpty() && !labelRe.match(label).hasMatch())
        fail("label", QStringLiteral("The label may use letters, digits, '-', '_' and '.' (40 at most)."));

    QString team = c.teamId.trimmed();
    if (!role.teamId.isEmpty()) {
        if (!team.isEmpty() && team != role.teamId)
            fail("team_id",
                 QStringLiteral("Role \"%1\" issues keys for team %2 only.").arg(role.name, role.teamId));
        team = role.teamId;
    }

    QStringList models = c.models;
    if (models.isEmpty())
        models = role.models;
    if (!role.models.isEmpty()) {
        QStringList outside;
        for (const auto &m : models)
            if (!role.models.contains(m))
                outside << m;
        if (!outside.isEmpty())
            fail("models", QStringLiteral("Role \"%1\" does not allow %2.")
                               .arg(role.name, outside.join(QStringLiteral(", "))));
    }

    double budget = c.maxBudget.value_or(role.maxBudget);
    if (!std::isfinite(budget) || budget < 0) // an infinite budget would go out as null: no budget at all
        fail("max_budget", QStringLiteral("The budget cannot be negative or infinite."));
    else if (role.maxBudget > 0 && budget > role.maxBudget)
        fail("max_budget", QStringLiteral("This role allows at most $%1.").arg(role.maxBudget, 0, 'f', 2));
    else if (role.maxBudget > 0 && budget == 0)
        fail("max_budget", QStringLiteral("The budget must be more than $0 (this role allows at most $%1).")
                               .arg(role.maxBudget, 0, 'f', 2));

    Duration ttl = c.ttl.value_or(role.ttl);
    if (!role.maxTtl.isZero()) {
        if (ttl.seconds() > role.maxTtl.seconds())
            fail("ttl", QStringLiteral("The TTL (%1) is longer than the role's maximum (%2).")
                            .arg(ttl.toDisplay(), role.maxTtl.toDisplay()));
        if (ttl.isZero()) // no TTL but a maximum: the key expires at the maximum
            ttl = role.maxTtl;
    }
    if (!result.errors.isEmpty())
        return result;

    KeyPlan plan;
    plan.issuedAt = now.toUTC();
    plan.alias = role.keyAliasPrefix + u'-' + role.name + u'-' + (label.isEmpty() ? suffix : label);
    QJsonObject meta;
    for (auto it = role.metadata.begin(); it != role.metadata.end(); ++it)
        meta.insert(it.key(), it.value());
    meta.insert(leasekeys::role, role.name);
    meta.insert(leasekeys::issuedAt, json::isoUtc(plan.issuedAt));
    meta.insert(leasekeys::ttl, role.ttl.toString()); // renewals extend by the role's TTL
    meta.insert(leasekeys::maxTtl, role.maxTtl.toString());

    QJsonObject &b = plan.body;
    b.insert(QStringLiteral("key_alias"), plan.alias);
    b.insert(QStringLiteral("models"), QJsonArray::fromStringList(models));
    b.insert(QStringLiteral("metadata"), meta);
    b.insert(QStringLiteral("duration"),
             ttl.isZero() ? QJsonValue(QJsonValue::Null) : QJsonValue(ttl.toString()));
    if (budget > 0)
        b.insert(QStringLiteral("max_budget"), budget);
    if (!role.budgetDuration.isEmpty())
        b.insert(QStringLiteral("budget_duration"), role.budgetDuration);
    if (role.tpmLimit)
        b.insert(QStringLiteral("tpm_limit"), *role.tpmLimit);
    if (role.rpmLimit)
        b.insert(QStringLiteral("rpm_limit"), *role.rpmLimit);
    if (role.maxParallelRequests)
        b.insert(QStringLiteral("max_parallel_requests"), *role.maxParallelRequests);
    if (!team.isEmpty())
        b.insert(QStringLiteral("team_id"), team);
    if (!c.userId.trimmed().isEmpty())
        b.insert(QStringLiteral("user_id"), c.userId.trimmed());
    if (!ttl.isZero())
        plan.expectedExpiry = ttl.addTo(plan.issuedAt);
    result.plan = plan;
    return result;
}

QStringList compareKeyReply(const QJsonObject &request, const QJsonObject &reply) {
    QStringList problems;
    const auto differs = [&](const QString &field) {
        return request.contains(field) && reply.contains(field) && request.value(field) != reply.value(field);
    };
    if (request.contains(u"key_alias") &&
        json::str(reply.value(u"key_alias")) != json::str(request.value(u"key_alias")))
        problems << QStringLiteral("The proxy set the alias to \"%1\" instead of \"%2\".")
                        .arg(json::str(reply.value(u"key_alias")), json::str(request.value(u"key_alias")));
    if (request.contains(u"models")) {
        QStringList want = json::strList(request.value(u"models")),
                    got = json::strList(reply.value(u"models"));
        want.sort();
        got.sort();
        if (want != got)
            problems << QStringLiteral("The proxy allowed models [%1] instead of [%2].")
                            .arg(got.join(QStringLiteral(", ")), want.join(QStringLiteral(", ")));
    }
    if (request.contains(u"max_budget")) {
        const auto want = json::optNum(request.value(u"max_budget"));
        const auto got = json::optNum(reply.value(u"max_budget"));
        if (want.has_value() != got.has_value() || (want && std::abs(*want - *got) > 1e-9))
            problems << QStringLiteral("The proxy set the budget to %1 instead of %2.")
                            .arg(got ? QString::number(*got) : QStringLiteral("none"),
                                 want ? QString::number(*want) : QStringLiteral("none"));
    }
    for (const char *field :
         {"budget_duration", "team_id", "user_id", "tpm_limit", "rpm_limit", "max_parallel_requests"}) {
        const QString f = QString::fromLatin1(field);
        if (differs(f) || (request.contains(f) && !request.value(f).isNull() && reply.value(f).isNull()))
            problems << QStringLiteral("The proxy did not keep %1 (sent %2, got %3).")
                            .arg(f, json::str(request.value(f)),
                                 json::str(reply.value(f)).isEmpty() ? QStringLiteral("nothing")
                                                                     : json::str(reply.value(f)));
    }
    if (request.contains(u"duration")) {
        const bool wantsExpiry =
            !request.value(u"duration").isNull() && json::str(request.value(u"duration")) != u"-1";
        const bool hasExpiry = json::dateTime(reply.value(u"expires")).isValid();
        if (wantsExpiry != hasExpiry)
            problems << (wantsExpiry
                             ? QStringLiteral("The proxy set no expiry although one was asked for.")
                             : QStringLiteral("The proxy set an expiry although none was asked for."));
    }
    if (request.contains(u"metadata")) {
        const auto want = json::obj(request.value(u"metadata"));
        const auto got = json::obj(reply.value(u"metadata"));
        QStringList missing;
        for (auto it = want.begin(); it != want.end(); ++it)
            if (got.value(it.key()) != it.value())
                missing << it.key();
        if (!missing.isEmpty())
            problems << QStringLiteral("The proxy did not keep the metadata %1.")
                            .arg(missing.join(QStringLiteral(", ")));
    }
    return problems;
}
