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

namespace {

using Kind = RoleStoreError::Kind;

RoleStoreError failure(Kind kind, const QString &message) {
    return {kind, message};
}

} // namespace

RoleStore::RoleStore(QString path)
    : m_path(std::move(path)) {}

QString RoleStore::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/roles.json");
}

RoleStoreError RoleStore::read(Scopes *out, bool *movedAside) {
    out->clear();
    if (movedAside)
        *movedAside = false;
    QFile f(m_path);
    if (!f.exists())
        return {};
    if (!f.open(QIODevice::ReadOnly))
        return failure(Kind::FileUnreadable,
                       tr("The roles file %1 cannot be read: %2").arg(m_path, f.errorString()));
    const QByteArray data = f.readAll();
    f.close();
    RolesFile file = readFile(data);
    switch (file.status) {
    case RolesFile::Status::Ok:
        *out = std::move(file.scopes);
        return {};
    case RolesFile::Status::Newer:
        return failure(Kind::FileNewer,
                       tr("The roles file %1 was written by a newer LiteLLM Desk (version %2); it is left "
                          "untouched.")
                           .arg(m_path)
                           .arg(file.version));
    case RolesFile::Status::BadRole:
        // A role that does not read as written is never used in a wider form: the file is left for the
        // user to fix.
        return failure(Kind::FileDamaged,
                       tr("The roles file %1 has a role that cannot be used (%2); it is left "
                          "untouched: fix or remove that role.")
                           .arg(m_path, file.problem));
    case RolesFile::Status::Damaged:
        break;
    }
    m_corruptCopy = m_path + QStringLiteral(".corrupt-") +
                    QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(m_path, m_corruptCopy))
        return failure(Kind::FileDamaged,
                       tr("The roles file %1 is damaged (%2) and could not be moved aside; fix or remove it.")
                           .arg(m_path, file.problem));
    if (movedAside)
        *movedAside = true;
    return failure(Kind::FileDamaged,
                   tr("The roles file was damaged (%1). It was kept as %2 and a new one is started.")
                       .arg(file.problem, m_corruptCopy));
}

RolesFile RoleStore::readFile(const QByteArray &data) {
    RolesFile file;
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(data, &err);
    const auto root = doc.object();
    file.version = json::integer(root.value(u"version"));
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        file.status = RolesFile::Status::Damaged;
        file.problem = tr("it is not valid JSON (%1)").arg(err.errorString());
        return file;
    }
    if (file.version > kVersion) {
        file.status = RolesFile::Status::Newer;
        return file;
    }
    if (!root.value(u"scopes").isObject() && root.contains(u"scopes")) {
        file.status = RolesFile::Status::Damaged;
        file.problem = tr("its \"scopes\" is not an object");
        return file;
    }
    const auto scopes = json::obj(root.value(u"scopes"));
    for (auto it = scopes.begin(); it != scopes.end(); ++it) {
        QList<Role> roles;
        for (const auto &r : json::obj(it.value()).value(u"roles").toArray()) {
            const RoleRead read = readRole(r.toObject());
            if (!read.errors.isEmpty()) {
                file.status = RolesFile::Status::BadRole;
                file.problem = describeRoleErrors(read);
                file.scopes.clear();
                return file;
            }
            roles << read.role;
        }
        file.scopes.insert(it.key(), roles);
    }
    return file;
}

RoleStoreError RoleStore::load() {
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

RoleStoreError RoleStore::modify(const std::function<RoleStoreError(QList<Role> &)> &change,
                                 const QString &scope) {
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(5000))
        return failure(Kind::FileBusy,
                       tr("The roles file is being changed by another LiteLLM Desk; try again."));
    Scopes current;
    bool movedAside = false;
    if (const auto e = read(&current, &movedAside); !e.ok() && !movedAside)
        return e;
    QList<Role> roles = current.value(scope);
    if (const auto e = change(roles); !e.ok())
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
        return failure(Kind::FileUnwritable,
                       tr("The roles file %1 cannot be written: %2").arg(m_path, f.errorString()));
    f.write(
        QJsonDocument(QJsonObject{{QStringLiteral("version"), kVersion}, {QStringLiteral("scopes"), scopes}})
            .toJson(QJsonDocument::Indented));
    if (!f.commit())
        return failure(Kind::FileUnwritable,
                       tr("The roles file %1 cannot be written: %2").arg(m_path, f.errorString()));
    m_scopes = current;
    return {};
}

namespace {

RoleStoreError firstError(const Role &role, const QStringList &knownModels) {
    const auto errors = validateRole(role, knownModels);
    return errors.isEmpty() ? RoleStoreError() : failure(Kind::InvalidRole, errors.first().message);
}

} // namespace

RoleStoreError RoleStore::put(const QString &scope, const Role &role, const QStringList &knownModels) {
    return replace(scope, role.name, role, knownModels);
}

RoleStoreError RoleStore::replace(const QString &scope, const QString &oldName, const Role &input,
                                  const QStringList &knownModels) {
    Role role = input;
    role.name = normalizeRoleName(role.name);
    if (const auto e = firstError(role, knownModels); !e.ok())
        return e;
    const QString old = normalizeRoleName(oldName);
    return modify(
        [&](QList<Role> &roles) -> RoleStoreError {
            if (old != role.name &&
                std::any_of(roles.begin(), roles.end(), [&](const Role &r) { return r.name == role.name; }))
                return failure(Kind::NameTaken, tr("A role named \"%1\" already exists.").arg(role.name));
            roles.removeIf([&](const Role &r) { return r.name == old || r.name == role.name; });
            roles << role;
            return {};
        },
        scope);
}

RoleStoreError RoleStore::remove(const QString &scope, const QString &name) {
    const QString n = normalizeRoleName(name);
    return modify(
        [&](QList<Role> &roles) -> RoleStoreError {
            if (roles.removeIf([&](const Role &r) { return r.name == n; }) == 0)
                return failure(Kind::NoSuchRole, tr("There is no role named \"%1\".").arg(n));
            return {};
        },
        scope);
}

RoleStoreError RoleStore::readImport(const QByteArray &data, const QString &nameHint, QList<Role> *roles) {
    roles->clear();
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(data, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return failure(Kind::NotRoles, tr("The file is not a JSON object (%1).").arg(err.errorString()));
    const auto root = doc.object();
    QList<RoleRead> reads;
    if (root.value(u"roles").isArray()) {
        for (const auto &r : root.value(u"roles").toArray())
            reads << readRole(r.toObject());
    } else if (root.value(u"data").isObject()) { // vault read -format=json
        if (nameHint.isEmpty())
            return failure(Kind::NeedsName, tr("A Vault role has no name in it; give the role's name."));
        reads << readVaultRole(nameHint, root.value(u"data").toObject());
    } else if (root.contains(u"name")) {
        reads << readRole(root);
    } else {
        return failure(
            Kind::NotRoles,
            tr("The file holds no roles: expected {\"roles\": [...]}, one role, or Vault's JSON."));
    }
    QList<Role> incoming;
    for (const auto &read : reads) {
        if (!read.errors.isEmpty())
            return failure(Kind::InvalidRole, tr("Nothing was imported: %1").arg(describeRoleErrors(read)));
        if (const auto e = firstError(read.role, {}); !e.ok())
            return failure(e.kind,
                           tr("Nothing was imported: role \"%1\": %2").arg(read.role.name, e.message));
        incoming << read.role;
    }
    *roles = std::move(incoming);
    return {};
}

RoleStoreError RoleStore::importJson(const QString &scope, const QByteArray &data, const QString &nameHint,
                                     QStringList *imported) {
    QList<Role> incoming;
    if (const auto e = readImport(data, nameHint, &incoming); !e.ok())
        return e;
    const auto e = modify(
        [&](QList<Role> &roles) -> RoleStoreError {
            for (const auto &r : incoming) {
                roles.removeIf([&](const Role &old) { return old.name == r.name; });
                roles << r;
            }
            return {};
        },
        scope);
    if (e.ok() && imported)
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
