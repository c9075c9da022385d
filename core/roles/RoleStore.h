#pragma once

#include "core/roles/Role.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

// Why the role store refused or failed. Callers decide on `kind`; `message` is for people only.
struct RoleStoreError {
    enum class Kind {
        None,
        FileUnreadable, // the roles file exists but cannot be read
        FileNewer,      // written by a newer LiteLLM Desk: left untouched
        FileDamaged,    // not valid JSON: moved aside (see corruptCopy()), or left alone if it could not be
                        // or if a role in it cannot be used as written
        FileBusy,       // another LiteLLM Desk holds the lock
        FileUnwritable, // the change could not be saved
        InvalidRole,    // a role breaks a rule; the message names the field
        NameTaken,      // a rename onto a role that exists
        NoSuchRole,
        NotRoles,  // the document to import holds no roles
        NeedsName, // Vault's output does not say the role's name
    };

    Kind kind = Kind::None;
    QString message;

    bool ok() const { return kind == Kind::None; }
    // The roles file is the problem, not what the caller asked for.
    bool isFileProblem() const { return kind >= Kind::FileUnreadable && kind <= Kind::FileUnwritable; }
};

// The roles file's bytes, read as RoleStore::load() reads them but without the file.
struct RolesFile {
    enum class Status {
        Ok,
        Damaged, // not a JSON object, or "scopes" is not an object: to be moved aside (`problem` says why)
        Newer,   // a version this desk does not know (`version`): to be left untouched
        BadRole, // a role that does not read as written (`problem` names it): to be left untouched
    };
    Status status = Status::Ok;
    QString problem;
    qint64 version = 0;
    QHash<QString, QList<Role>> scopes; // empty unless Ok
};

// Roles of every connection, in one versioned JSON document:
//   {"version": 1, "scopes": {"<profile id>": {"roles": [ ... ]}}}
// Every change takes a lock, re-reads the file (the app and the CLI may both write it) and writes it
// atomically. A file that does not parse is moved aside (roles.json.corrupt-<time>), reported and never
// overwritten in place.
class RoleStore {
    Q_DECLARE_TR_FUNCTIONS(RoleStore)

public:
    static constexpr int kVersion = 1;

    explicit RoleStore(QString path = defaultPath());

    const QString &path() const { return m_path; }
    // Reads the file; a damaged file is moved aside and reported (FileDamaged), the store then starts empty.
    RoleStoreError load();
    QString corruptCopy() const { return m_corruptCopy; }

    QList<Role> roles(const QString &scope) const; // sorted by name
    std::optional<Role> role(const QString &scope, const QString &name) const;

    // Adds or replaces by name after validating; returns the first problem.
    RoleStoreError put(const QString &scope, const Role &role, const QStringList &knownModels = {});
    // Renames when `oldName` differs from the role's name.
    RoleStoreError replace(const QString &scope, const QString &oldName, const Role &role,
                           const QStringList &knownModels = {});
    RoleStoreError remove(const QString &scope, const QString &name);

    // Our own export ({"version":1,"roles":[...]}), one role object, or Vault's `vault read -format=json`
    // output (name from `nameHint`). Validates every role before storing any.
    RoleStoreError importJson(const QString &scope, const QByteArray &json, const QString &nameHint,
                              QStringList *imported = nullptr);
    QByteArray exportJson(const QString &scope, const QStringList &names = {}) const;

    static QString defaultPath();

    // Byte-level readers (no file, no lock): the roles file, and a document to import into the roles
    // of `*roles`, each role read and validated (NotRoles, NeedsName or InvalidRole when not).
    static RolesFile readFile(const QByteArray &data);
    static RoleStoreError readImport(const QByteArray &data, const QString &nameHint, QList<Role> *roles);

private:
    using Scopes = QHash<QString, QList<Role>>;
    // Reads the file into *out. *movedAside says a damaged file was moved aside (then *out is empty and
    // writing a new file is safe); any other error means the file must be left alone.
    RoleStoreError read(Scopes *out, bool *movedAside = nullptr);
    RoleStoreError modify(const std::function<RoleStoreError(QList<Role> &)> &change, const QString &scope);

    QString m_path;
    QString m_corruptCopy;
    Scopes m_scopes;
};
