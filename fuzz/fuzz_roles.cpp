// Role documents from outside: our own JSON and Vault's `vault read -format=json` output, then the
// validation every role goes through; the duration texts a user or Vault may write; the roles file as
// the store reads it back; and a document given to `roles import`.
#include "FuzzInput.h"
#include "core/roles/Role.h"
#include "core/roles/RoleStore.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray bytes = in.rest();
    switch (in.selector() % 5) {
    case 0:
    case 1: {
        const QJsonObject object = QJsonDocument::fromJson(bytes).object();
        const RoleRead read = in.selector() % 5 == 0
                                  ? readRole(object)
                                  : readVaultRole(QStringLiteral("fuzz"), object.value(u"data").toObject());
        (void)describeRoleErrors(read);
        (void)validateRole(read.role);
        (void)read.role.toJson();
        break;
    }
    case 2: {
        QString why;
        if (const auto d = Duration::parse(QString::fromUtf8(bytes), &why))
            (void)d->toString();
        if (const auto d = Duration::parseTtl(QString::fromUtf8(bytes), &why))
            (void)d->seconds();
        break;
    }
    case 3: {
        // Every role the store would use has no problem left: nothing is read wider than written.
        const RolesFile file = RoleStore::readFile(bytes);
        for (const auto &roles : file.scopes)
            for (const Role &role : roles)
                if (!validateRole(role).isEmpty() || readRole(role.toJson()).role.toJson() != role.toJson())
                    __builtin_trap();
        break;
    }
    default: {
        QList<Role> roles;
        const RoleStoreError e =
            RoleStore::readImport(bytes, (in.selector() & 0x80) ? QString() : QStringLiteral("fuzz"), &roles);
        if (!e.ok() && !roles.isEmpty())
            __builtin_trap();
        for (const Role &role : roles)
            if (!validateRole(role).isEmpty())
                __builtin_trap();
        break;
    }
    }
    return 0;
}
