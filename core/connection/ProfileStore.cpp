#include "ProfileStore.h"

#include <QSettings>

#include <algorithm>

namespace {
const QString kGroup = QStringLiteral("profiles");
}

ProfileStore::ProfileStore(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settings(settingsFile.isEmpty() ? new QSettings()
                                        : new QSettings(settingsFile, QSettings::IniFormat)) {}

ProfileStore::~ProfileStore() {
    delete m_settings;
}

QString ProfileStore::fileName() const {
    return m_settings->fileName();
}

QList<Profile> ProfileStore::profiles() const {
    QList<Profile> out;
    m_settings->beginGroup(kGroup);
    const QStringList ids = m_settings->childGroups();
    for (const QString &id : ids) {
        m_settings->beginGroup(id);
        QVariantMap values;
        for (const QString &key : m_settings->childKeys())
            values.insert(key, m_settings->value(key));
        m_settings->endGroup();
        const Profile p = profileFromSettings(id, values);
        if (p.isValid())
            out << p;
    }
    m_settings->endGroup();
    std::sort(out.begin(), out.end(), [](const Profile &a, const Profile &b) {
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return out;
}

std::optional<Profile> ProfileStore::byId(const QString &id) const {
    for (const auto &p : profiles())
        if (p.id == id)
            return p;
    return std::nullopt;
}

std::optional<Profile> ProfileStore::find(const QString &nameOrId) const {
    const auto all = profiles();
    for (const auto &p : all)
        if (p.name.compare(nameOrId, Qt::CaseInsensitive) == 0)
            return p;
    for (const auto &p : all)
        if (p.id == nameOrId)
            return p;
    return std::nullopt;
}

QString ProfileStore::save(const Profile &input) {
    Profile p = input;
    if (p.id.isEmpty())
        p.id = Profile::newId();
    p.name = p.name.trimmed();
    if (const QString why = p.validate(); !why.isEmpty())
        return why;
    p.baseUrl = normalizeBaseUrl(p.baseUrl.toString());
    for (const auto &other : profiles())
        if (other.id != p.id && other.name.compare(p.name, Qt::CaseInsensitive) == 0)
            return QStringLiteral("A connection named \"%1\" already exists.").arg(other.name);
    m_settings->beginGroup(kGroup + u'/' + p.id);
    m_settings->setValue(QStringLiteral("name"), p.name);
    m_settings->setValue(QStringLiteral("url"), p.baseUrl.toString());
    m_settings->setValue(QStringLiteral("auth"), authStyleName(p.authStyle));
    m_settings->setValue(QStringLiteral("environment"), p.environment);
    m_settings->setValue(QStringLiteral("color"),
                         p.color.isEmpty() ? Profile::defaultColor(p.environment) : p.color);
    m_settings->setValue(QStringLiteral("caFile"), p.caFile);
    m_settings->setValue(QStringLiteral("pinnedSha256"), p.pinnedSha256);
    m_settings->setValue(QStringLiteral("plainHttpConfirmed"), p.plainHttpConfirmed);
    m_settings->setValue(QStringLiteral("timeoutSeconds"), p.timeoutSeconds);
    m_settings->endGroup();
    m_settings->sync();
    emit changed();
    return m_settings->status() == QSettings::NoError
               ? QString()
               : QStringLiteral("The settings file could not be written.");
}

bool ProfileStore::remove(const QString &id) {
    if (!byId(id))
        return false;
    m_settings->remove(kGroup + u'/' + id);
    if (lastUsedId() == id)
        m_settings->remove(QStringLiteral("lastProfile"));
    m_settings->sync();
    emit changed();
    return true;
}

QString ProfileStore::lastUsedId() const {
    return m_settings->value(QStringLiteral("lastProfile")).toString();
}

void ProfileStore::setLastUsedId(const QString &id) {
    m_settings->setValue(QStringLiteral("lastProfile"), id);
    m_settings->sync();
}
