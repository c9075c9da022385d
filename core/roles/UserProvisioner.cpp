#include "UserProvisioner.h"

#include "core/api/Call.h"
#include "core/api/Json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace {

QStringList droppedFields(const QJsonObject &want, const QJsonObject &got) {
    QStringList out;
    for (auto it = want.begin(); it != want.end(); ++it) {
        const QString f = it.key();
        if (f == u"auto_create_key" || f == u"user_id")
            continue;
        const QJsonValue w = it.value(), g = got.value(f);
        bool same = false;
        if (w.isDouble())
            same = json::optNum(g) && std::abs(*json::optNum(g) - w.toDouble()) < 1e-9;
        else if (w.isArray()) {
            QStringList a = json::strList(w), b = json::strList(g);
            a.sort();
            b.sort();
            same = a == b;
        } else if (w.isObject()) {
            const auto gotObj = json::obj(g);
            same = true;
            const auto wantObj = w.toObject();
            for (auto m = wantObj.begin(); m != wantObj.end(); ++m)
                same = same && gotObj.value(m.key()) == m.value();
        } else {
            same = json::str(w) == json::str(g);
        }
        if (!same)
            out << QStringLiteral("%1 (asked for %2, the proxy has %3)")
                       .arg(f,
                            json::str(w).isEmpty()
                                ? QString::fromUtf8(
                                      QJsonDocument(QJsonArray{w}).toJson(QJsonDocument::Compact))
                                : json::str(w),
                            g.isNull() || g.isUndefined()
                                ? QStringLiteral("nothing")
                                : (json::str(g).isEmpty()
                                       ? QString::fromUtf8(
                                             QJsonDocument(QJsonArray{g}).toJson(QJsonDocument::Compact))
                                       : json::str(g)));
    }
    return out;
}

} // namespace

QString suggestRole(const QList<Role> &roles, const QStringList &userTeams) {
    QString best;
    qsizetype bestIndex = -1;
    for (const auto &r : roles) {
        for (qsizetype i = 0; i < r.teams.size(); ++i) {
            if (!userTeams.contains(r.teams.at(i)))
                continue;
            if (bestIndex < 0 || i < bestIndex || (i == bestIndex && r.name < best)) {
                best = r.name;
                bestIndex = i;
            }
            break;
        }
    }
    return best;
}

std::variant<QJsonObject, QString> userRequest(const NewUser &user, const UserDefaults &d, const Role *role) {
    QString id = user.userId.trimmed();
    if (id.isEmpty())
        return QStringLiteral("Enter a user id.");
    static const QRegularExpression idRe(QStringLiteral("^[A-Za-z0-9._+@-]{1,128}$"));
    if (!idRe.match(id).hasMatch())
        return QStringLiteral("\"%1\" is not a valid user id: use letters, digits and . _ + @ -.").arg(id);
    const QString domain = user.domain.trimmed().remove(u'@');
    if (!domain.isEmpty() && !id.contains(u'@'))
        id += u'@' + domain;
    QString email = user.email.trimmed();
    if (email.isEmpty() && id.contains(u'@'))
        email = id;
    static const QRegularExpression emailRe(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    if (!email.isEmpty() && !emailRe.match(email).hasMatch())
        return QStringLiteral("\"%1\" is not an e-mail address.").arg(email);
    static const QStringList roles{QStringLiteral("proxy_admin"), QStringLiteral("proxy_admin_viewer"),
                                   QStringLiteral("internal_user"), QStringLiteral("internal_user_viewer")};
    if (!roles.contains(user.userRole))
        return QStringLiteral("The user role must be one of %1.").arg(roles.join(QStringLiteral(", ")));

    double maxBudget = d.maxBudget;
    QString budgetDuration = d.budgetDuration;
    QStringList models = d.models;
    auto tpm = d.tpmLimit, rpm = d.rpmLimit;
    QMap<QString, QString> metadata = d.metadata;
    if (role) { // a role's fields win where the role sets them
        if (role->maxBudget > 0)
            maxBudget = role->maxBudget;
        if (!role->budgetDuration.isEmpty())
            budgetDuration = role->budgetDuration;
        if (!role->models.isEmpty())
            models = role->models;
        if (role->tpmLimit)
            tpm = role->tpmLimit;
        if (role->rpmLimit)
            rpm = role->rpmLimit;
        for (auto it = role->metadata.begin(); it != role->metadata.end(); ++it)
            metadata.insert(it.key(), it.value());
    }
    if (maxBudget < 0)
        return QStringLiteral("The budget cannot be negative.");
    QJsonObject meta;
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        meta.insert(it.key(), it.value());
    QStringList teams = user.teams.isEmpty() ? d.teams : user.teams;

    QJsonObject body{{QStringLiteral("user_id"), id},
                     {QStringLiteral("user_role"), user.userRole},
                     {QStringLiteral("models"), QJsonArray::fromStringList(models)},
                     {QStringLiteral("metadata"), meta},
                     {QStringLiteral("auto_create_key"), false}};
    if (!email.isEmpty())
        body.insert(QStringLiteral("user_email"), email);
    if (maxBudget > 0)
        body.insert(QStringLiteral("max_budget"), maxBudget);
    if (!budgetDuration.isEmpty())
        body.insert(QStringLiteral("budget_duration"), budgetDuration);
    if (!teams.isEmpty())
        body.insert(QStringLiteral("teams"), QJsonArray::fromStringList(teams));
    if (tpm)
        body.insert(QStringLiteral("tpm_limit"), *tpm);
    if (rpm)
        body.insert(QStringLiteral("rpm_limit"), *rpm);
    return body;
}

UserProvisioner::UserProvisioner(ProxyClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {}

void UserProvisioner::provision(const QJsonObject &request) {
    if (!m_client)
        return;
    const QString userId = json::str(request.value(u"user_id"));
    emit progress(tr("Creating user %1…").arg(userId));
    api::call<QJsonObject>(*m_client, Request::post(QStringLiteral("/user/new"), request), &json::parseObject,
                           this, [this, request, userId](Expected<QJsonObject> created) {
                               if (created)
                                   return apply(request, true);
                               // A reply that could not be read after the request went out: the user
                               // may exist (a 2xx that did not decode: it does).
                               const ApiError &e = created.error();
                               const bool decoded = e.kind == ApiError::Kind::Decode;
                               const bool unknown = decoded || e.kind == ApiError::Kind::Timeout ||
                                                    e.kind == ApiError::Kind::Network ||
                                                    e.kind == ApiError::Kind::TooLarge ||
                                                    e.httpStatus == 502 || e.httpStatus == 504;
                               if (unknown)
                                   return failAfterCreate(e, userId, decoded);
                               emit failed(e);
                           });
}

void UserProvisioner::finish(const QJsonObject &request) {
    apply(request, false);
}

void UserProvisioner::failAfterCreate(ApiError error, const QString &userId, bool certain) {
    const QString was = error.message;
    error.message =
        certain ? tr("User %1 was created, but its fields were not applied: %2").arg(userId, was)
                : tr("%1 User %2 may have been created all the same, without its fields.").arg(was, userId);
    error.hint = tr("Finish the user, which applies its fields to the user that exists, or delete it.");
    emit leftUnfinished(userId, certain);
    emit failed(error);
}

void UserProvisioner::apply(const QJsonObject &request, bool created) {
    if (!m_client)
        return;
    const QString userId = json::str(request.value(u"user_id"));
    QJsonObject update = request;
    update.remove(QStringLiteral("auto_create_key"));
    update.remove(
        QStringLiteral("teams")); // team membership is set on create; update rejects it in some versions
    emit progress(tr("Applying the user's fields…"));
    api::call<QJsonObject>(
        *m_client, Request::post(QStringLiteral("/user/update"), update), &json::parseObject, this,
        [this, request, userId, created](Expected<QJsonObject> updated) {
            if (!updated) {
                if (created)
                    return failAfterCreate(updated.error(), userId, true);
                emit failed(updated.error());
                return;
            }
            if (!m_client)
                return;
            emit progress(tr("Reading the user back…"));
            QUrlQuery q;
            q.addQueryItem(QStringLiteral("user_id"), userId);
            api::call<QJsonObject>(*m_client, Request::get(QStringLiteral("/user/info"), q),
                                   &json::parseObject, this,
                                   [this, request, userId](Expected<QJsonObject> info) {
                                       if (!info) {
                                           emit failed(info.error());
                                           return;
                                       }
                                       const QJsonObject stored = json::obj(info->value(u"user_info"));
                                       QJsonObject expected = request;
                                       if (!stored.contains(u"teams"))
                                           expected.remove(QStringLiteral("teams"));
                                       emit provisioned(userId, stored, droppedFields(expected, stored));
                                   });
        });
}
