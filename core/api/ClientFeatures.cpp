#include "ClientFeatures.h"

#include <QVariant>

namespace api {

namespace {
QByteArray propertyName(const QString &name) {
    return "desk.feature." + name.toUtf8();
}
} // namespace

std::optional<bool> clientFeature(const ProxyClient &client, const QString &name) {
    const QVariant v = client.property(propertyName(name).constData());
    if (!v.isValid())
        return std::nullopt;
    return v.toBool();
}

void setClientFeature(ProxyClient &client, const QString &name, bool present) {
    client.setProperty(propertyName(name).constData(), present);
}

} // namespace api
