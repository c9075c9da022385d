#include "UsageTable.h"

int UsageTable::intern(std::string_view name) {
    const auto it = m_ids.find(name);
    if (it != m_ids.end())
        return it->second;
    const int id = int(m_entries.size());
    m_entries.push_back(Entry{std::string(name), {}, {}, {}});
    m_ids.emplace(std::string(name), id);
    return id;
}

int UsageTable::indexOf(const QString &name) const {
    const QByteArray utf8 = name.toUtf8();
    const auto it = m_ids.find(std::string_view(utf8.constData(), size_t(utf8.size())));
    return it == m_ids.end() ? -1 : it->second;
}

void UsageTable::setLabel(int id, std::string_view label) {
    if (!label.empty())
        m_entries[size_t(id)].label.assign(label);
}

void UsageTable::setTeamId(int id, std::string_view teamId) {
    if (!teamId.empty())
        m_entries[size_t(id)].teamId.assign(teamId);
}

static QString fromUtf8(const std::string &s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString UsageTable::name(int id) const {
    return fromUtf8(m_entries[size_t(id)].name);
}

UsageItem UsageTable::item(int id) const {
    const Entry &e = m_entries[size_t(id)];
    return UsageItem{fromUtf8(e.name), fromUtf8(e.label), fromUtf8(e.teamId), e.metrics};
}

QList<UsageItem> UsageTable::items() const {
    QList<UsageItem> out;
    out.reserve(size());
    for (int id = 0; id < int(m_entries.size()); ++id)
        out << item(id);
    return out;
}
