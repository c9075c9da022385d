#pragma once

#include "core/roles/Role.h"

#include <QHash>
#include <QList>
#include <QString>

// Roles of every connection, in one versioned JSON document:
//   {"version": 1, "scopes": {"<profile id>": {"roles": [ ... ]}}}
// Every change takes a lock, re-reads the file (the app and the CLI may both write it) and writes it
// atomically. A file that does not parse is moved aside (roles.json.corrupt-<time>), reported and never
// overwritten in place.
class RoleStore {
public:
    static constexpr int kVersion = 1;

    explicit RoleStore(QString path = defaultPath());

    const QString &path() const { return m_path; }
    // Reads the file; returns an error for the user (a corrupt file, moved aside), empty when fine.
    QString load();
    QString corruptCopy() const { return m_corruptCopy; }

    QList<Role> roles(const QString &scope) const; // sorted by name
    std::optional<Role> role(const QString &scope, const QString &name) const;

    // Adds or replaces by name after validating; returns the first problem, empty on success.
    QString put(const QString &scope, const Role &role, const QStringList &knownModels = {});
    // Renames when `oldName` differs from the role's name.
    QString replace(const QString &scope, const QString &oldName, const Role &role,
                    const QStringList &knownModels = {});
    QString remove(const QString &scope, const QString &name);

    // Our own export ({"version":1,"roles":[...]}), one role object, or Vault's `vault read -format=json`
    // output (name from `nameHint`). Validates every role before storing any.
    QString importJson(const QString &scope, const QByteArray &json, const QString &nameHint,
                       QStringList *imported = nullptr);
    QByteArray exportJson(const QString &scope, const QStringList &names = {}) const;

    static QString defaultPath();

private:
    using Scopes = QHash<QString, QList<Role>>;
    // Reads the file into *out. *movedAside says a damaged file was moved aside (then *out is empty and
    // writing a new file is safe); any other error means the file must be left alone.
    QString read(Scopes *out, bool *movedAside = nullptr);
    QString modify(const std::function<QString(QList<Role> &)> &change, const QString &scope);

    QString m_path;
    QString m_corruptCopy;
    Scopes m_scopes;
};
