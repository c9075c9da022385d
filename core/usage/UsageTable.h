#pragma once

#include "core/usage/UsageMetrics.h"

#include <QList>
#include <QString>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// One row of a usage table: a model, model group, provider, key (name = token hash, label = key
// alias) or team/tag (name = id, label = alias), and what it used.
struct UsageItem {
    QString name;
    QString label;
    QString teamId;
    UsageMetrics metrics;
};

// Names seen in activity, interned to small ids in first-seen order, with their figures. Lookups take
// the UTF-8 bytes straight from the parser, so adding to an existing row allocates nothing.
class UsageTable {
public:
    int intern(std::string_view name);
    int indexOf(const QString &name) const; // -1 if never seen
    qsizetype size() const { return qsizetype(m_entries.size()); }

    UsageMetrics &metrics(int id) { return m_entries[size_t(id)].metrics; }
    const UsageMetrics &metrics(int id) const { return m_entries[size_t(id)].metrics; }
    // A non-empty label or team replaces the one seen before (later pages describe a key best).
    void setLabel(int id, std::string_view label);
    void setTeamId(int id, std::string_view teamId);

    QString name(int id) const;
    UsageItem item(int id) const;
    QList<UsageItem> items() const; // in first-seen order

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct Entry {
        std::string name;
        std::string label;
        std::string teamId;
        UsageMetrics metrics;
    };
    std::unordered_map<std::string, int, Hash, std::equal_to<>> m_ids;
    std::vector<Entry> m_entries;
};
