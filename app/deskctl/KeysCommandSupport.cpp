#include "KeysCommandSupport.h"

#include "core/keys/KeyRecord.h"

#include <cstdio>

namespace keyscli {

QString shownKey(const QString &key) {
    if (isKeyHash(key))
        return key.left(12).toLower();
    if (key.startsWith(u"sk-"))
        return QStringLiteral("sk-...") + key.right(4);
    return key;
}

void warn(const QString &message) {
    const QByteArray line = (QStringLiteral("warning: ") + message.simplified() + u'\n').toUtf8();
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

ExitCode exitCodeFor(const QList<KeyActionResult> &results) {
    ExitCode worst = ExitCode::Ok;
    for (const auto &r : results)
        if (!r.ok()) {
            const ExitCode c = ::exitCodeFor(r.error);
            if (static_cast<int>(c) > static_cast<int>(worst) || worst == ExitCode::Ok)
                worst = c;
        }
    return worst;
}

} // namespace keyscli
