#pragma once

#include "core/api/ProxyClient.h"

#include <optional>

namespace api {

// What was found out about one proxy's routes (e.g. "has /v2/team/list"), kept on its ProxyClient so a
// probe is made once per connection. Unknown until set.
std::optional<bool> clientFeature(const ProxyClient &client, const QString &name);
void setClientFeature(ProxyClient &client, const QString &name, bool present);

} // namespace api
