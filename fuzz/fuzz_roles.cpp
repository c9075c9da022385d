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
        const Role role = in.selector() % 3 == 0 ? Role::fromJson(object)
                                                 : Role::fromVault(QStringLiteral("fuzz"), object.value(u"data").toObject());
        (void)validateRole(role);
        (void)role.toJson();
        break;
    }
    default: {
        QString why;
        if (const auto d = Duration::parse(QString::fromUtf8(bytes), &why))
            (void)d->toString();
        break;
    }
    }
    return 0;
}
