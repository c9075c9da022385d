// Saved connections as ProfileStore reads them back from the settings file: each line of the input is
// one `key=value` of a profile's group, its value typed as QSettings may hand it over (text, a list when
// an INI value has unquoted commas, or a number or bool from a native store). Then the checks a profile
// meets before the desk connects with it: nothing read from the file may make a connection laxer than
// the file says (no plain HTTP confirmed by a stray word, no missing or endless timeout).
#include "FuzzInput.h"
#include "core/connection/Profile.h"

#include <QList>
#include <QStringList>

namespace {

QVariant typed(const QString &value, bool commaLists) {
    if (value.startsWith(u"@i:"))
        return value.mid(3).toLongLong();
    if (value.startsWith(u"@d:"))
        return value.mid(3).toDouble();
    if (value.startsWith(u"@b:"))
        return value.mid(3) == u"1";
    if (commaLists && value.contains(u','))
        return value.split(u',');
    return value;
}

// What a file may say to confirm plain HTTP: true as QSettings writes it, or a number other than 0.
bool confirms(const QVariant &v) {
    if (v.typeId() == QMetaType::Bool)
        return v.toBool();
    if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double)
        return v.toDouble() != 0;
    const QString s = v.toString().trimmed().toLower();
    return s == u"true" || s == u"1";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const FuzzInput in(data, size);
    QVariantMap values;
    for (const QString &line : QString::fromUtf8(in.rest()).split(u'\n')) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq > 0)
            values.insert(line.left(eq), typed(line.mid(eq + 1), in.selector() & 1));
    }
    const Profile p = profileFromSettings(QStringLiteral("0b6f7c1e-2a44-4f3a-9d1e-5c2f0a9b7e11"), values);
    (void)p.validate();
    (void)p.isValid();
    (void)p.isLoopback();
    (void)p.needsPlainHttpConfirmation();
    const ClientConfig config = p.clientConfig();
    if (config.timeoutMs < 1000 || config.timeoutMs > 600 * 1000)
        __builtin_trap();
    if (p.plainHttpConfirmed && !confirms(values.value(QStringLiteral("plainHttpConfirmed"))))
        __builtin_trap();
    // A name the file gives is never read as none, which would drop the connection from the list.
    const QVariant name = values.value(QStringLiteral("name"));
    const QString given =
        name.typeId() == QMetaType::QStringList ? name.toStringList().join(QString()) : name.toString();
    if (!given.trimmed().isEmpty() && p.name.trimmed().isEmpty())
        __builtin_trap();
    return 0;
}
