// Role documents from outside: our own JSON and Vault's `vault read -format=json` output, then the
// validation every role goes through; and the duration texts a user or Vault may write.
#include "FuzzInput.h"
#include "core/roles/Role.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    const QByteArray bytes = in.rest();
    switch (in.selector() % 3) {
    case 0:
    case 1: {
        const QJsonObject object = QJsonDocument::fromJson(bytes).object();
        const RoleRead read = in.selector() % 3 == 0
                                  ? readRole(object)
                                  : readVaultRole(QStringLiteral("fuzz"), object.value(u"data").toObject());
        (void)describeRoleErrors(read);
        (void)validateRole(read.role);
        (void)read.role.toJson();
        break;
    }
    default: {
        QString why;
        if (const auto d = Duration::parse(QString::fromUtf8(bytes), &why))
            (void)d->toString();
        if (const auto d = Duration::parseTtl(QString::fromUtf8(bytes), &why))
            (void)d->seconds();
        break;
    }
    }
    return 0;
}
