#include "RoleStore.h"

#include "core/api/Json.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

RoleStore::RoleStore(QString path)
    : m_path(std::move(path)) {}

QString RoleStore::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/roles.json");
}

QString RoleStore::read(Scopes *out, bool *movedAside) {
    out->clear();
    if (movedAside)
        *movedAside = false;
    QFile f(m_path);
    if (!f.exists())
        return {};
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("The roles file %1 cannot be read: %2").arg(m_path, f.errorString());
    const QByteArray data = f.readAll();
    f.close();
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(data, &err);
    const auto root = doc.object();
    QString problem;
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        problem = QStringLiteral("it is not valid JSON (%1)").arg(err.errorString());
    else if (json::integer(root.value(u"version")) > kVersion)
        return QStringLiteral("The roles file %1 was written by a newer LiteLLM Desk (version %2); it is "
                              "left untouched.")
            .arg(m_path)
            .arg(json::integer(root.value(u"version")));
    else if (!root.value(u"scopes").isObject() && root.contains(u"scopes"))
        problem = QStringLiteral("its \"scopes\" is not an object");
    if (!problem.isEmpty()) {
        m_corruptCopy = m_path + QStringLiteral(".corrupt-") +
                        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(m_path, m_corruptCopy))
            return QStringLiteral(
                       "The roles file %1 is damaged (%2) and could not be moved aside; fix or remove it.")
                .arg(m_path, problem);
        if (movedAside)
            *movedAside = true;
        return QStringLiteral("The roles file was damaged (%1). It was kept as %2 and a new one is started.")
            .arg(problem, m_corruptCopy);
    }
    const auto scopes = json::obj(root.value(u"scopes"));
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        QList<Role> roles;
        for (const auto &r : json::obj(it.value()).value(u"roles").toArray()) {
            // A role that does not read as written is never used in a wider form: the file is left for
            // the user to fix.
            const RoleRead read = readRole(r.toObject());
            if (!read.errors.isEmpty()) {
                out->clear();
                return QStringLiteral("The roles file %1 has a role that cannot be used (%2); it is left "
                                      "untouched: fix or remove that role.")
                    .arg(m_path, describeRoleErrors(read));
            }
            roles << read.role;
        }
        out->insert(it.key(), roles);
    }
    return {};
}

QString RoleStore::load() {
    return read(&m_scopes);
}

QList<Role> RoleStore::roles(const QString &scope) const {
    QList<Role> out = m_scopes.value(scope);
    std::sort(out.begin(), out.end(), [](const Role &a, const Role &b) { return a.name < b.name; });
    return out;
}

std::optional<Role> RoleStore::role(const QString &scope, const QString &name) const {
    const QString n = normalizeRoleName(name);
    for (const auto &r : m_scopes.value(scope))
        if (r.name == n)
            return r;
    return std::nullopt;
}

QString RoleStore::modify(const std::function<QString(QList<Role> &)> &change, const QString &scope) {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(5000))
        return QStringLiteral("The roles file is being changed by another LiteLLM Desk; try again.");
    Scopes current;
    bool movedAside = false;
    if (const QString e = read(&current, &movedAside); !e.isEmpty() && !movedAside)
        return e;
    QList<Role> roles = current.value(scope);
    if (const QString e = change(roles); !e.isEmpty())
        return e;
    current.insert(scope, roles);

    QJsonObject scopes;
    for (auto it = current.begin(); it != current.end(); ++it) {
        QList<Role> sorted = it.value();
        std::sort(sorted.begin(), sorted.end(), [](const Role &a, const Role &b) { return a.name < b.name; });
        QJsonArray arr;
        for (const auto &r : sorted)
            arr << r.toJson();
        scopes.insert(it.key(), QJsonObject{{QStringLiteral("roles"), arr}});
    }
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("The roles file %1 cannot be written: %2").arg(m_path, f.errorString());
    f.write(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), kVersion}, {QStringLiteral("scopes"), scopes}})
            .toJson(QJsonDocument::Indented));
    if (!f.commit())
        return QStringLiteral("The roles file %1 cannot be written: %2").arg(m_path, f.errorString());
    m_scopes = current;
    return {};
}

namespace {

QString firstError(const Role &role, const QStringList &knownModels) {
    const auto errors = validateRole(role, knownModels);
    return errors.isEmpty() ? QString() : errors.first().message;
}

} // namespace

QString RoleStore::put(const QString &scope, const Role &role, const QStringList &knownModels) {
    return replace(scope, role.name, role, knownModels);
}

QString RoleStore::replace(const QString &scope, const QString &oldName, const Role &input,
                           const QStringList &knownModels) {
    Role role = input;
    role.name = normalizeRoleName(role.name);
    if (const QString e = firstError(role, knownModels); !e.isEmpty())
        return e;
    const QString old = normalizeRoleName(oldName);
    return modify(
        [&](QList<Role> &roles) -> QString {
            if (old != role.name &&
                std::any_of(roles.begin(), roles.end(), [&](const Role &r) { return r.name == role.name; }))
                return QStringLiteral("A role named \"%1\" already exists.").arg(role.name);
            roles.removeIf([&](const Role &r) { return r.name == old || r.name == role.name; });
            roles << role;
            return {};
        },
        scope);
}

QString RoleStore::remove(const QString &scope, const QString &name) {
    const QString n = normalizeRoleName(name);
    return modify(
        [&](QList<Role> &roles) -> QString {
            if (roles.removeIf([&](const Role &r) { return r.name == n; }) == 0)
                return QStringLiteral("There is no role named \"%1\".").arg(n);
            return {};
        },
        scope);
}

QString RoleStore::importJson(const QString &scope, const QByteArray &data, const QString &nameHint,
                              QStringList *imported) {
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return QStringLiteral("The file is not a JSON object (%1).").arg(err.errorString());
    const auto root = doc.object();
    QList<RoleRead> reads;
    if (root.value(u"roles").isArray()) {
        for (const auto &r : root.value(u"roles").toArray())
            reads << readRole(r.toObject());
    } else if (root.value(u"data").isObject()) { // vault read -format=json
        if (nameHint.isEmpty())
            return QStringLiteral("A Vault role has no name in it; give the role's name.");
        reads << readVaultRole(nameHint, root.value(u"data").toObject());
    } else if (root.contains(u"name")) {
        reads << readRole(root);
    } else {
        return QStringLiteral(
            "The file holds no roles: expected {\"roles\": [...]}, one role, or Vault's JSON.");
    }
    QList<Role> incoming;
    for (const auto &read : reads) {
        if (!read.errors.isEmpty())
            return QStringLiteral("Nothing was imported: %1").arg(describeRoleErrors(read));
        incoming << read.role;
    }
    const QString e = modify(
        [&](QList<Role> &roles) -> QString {
            for (const auto &r : incoming) {
                roles.removeIf([&](const Role &old) { return old.name == r.name; });
                roles << r;
            }
            return {};
        },
        scope);
    if (e.isEmpty() && imported)
        for (const auto &r : incoming)
            *imported << r.name;
    return e;
}

QByteArray RoleStore::exportJson(const QString &scope, const QStringList &names) const {
    QJsonArray arr;
    for (const auto &r : roles(scope))
        if (names.isEmpty() || names.contains(r.name))
            arr << r.toJson();
    return QJsonDocument(QJsonObject{{QStringLiteral("version"), kVersion}, {QStringLiteral("roles"), arr}})
        .toJson(QJsonDocument::Indented);
}
