#include "UsageReport.h"

#include <QJsonArray>

#include <algorithm>

namespace {

const char *const dimensionNames[] = {"model", "model_group", "provider", "key", "entity"};

bool bySpend(const UsageItem &a, const UsageItem &b) {
    if (a.metrics.spend != b.metrics.spend)
        return a.metrics.spend > b.metrics.spend;
    return a.name < b.name;
}

} // namespace

std::optional<UsageReport::Dimension> UsageReport::dimensionFromName(QStringView name) {
    for (int d = 0; d < DimensionCount; ++d)
        if (name == QLatin1StringView(dimensionNames[d]))
            return Dimension(d);
    if (name == u"team" || name == u"tag")
        return Dimension::Entity;
    if (name == u"api_key")
        return Dimension::Key;
    return std::nullopt;
}

QString UsageReport::dimensionName(Dimension dimension) {
    return QString::fromLatin1(dimensionNames[int(dimension)]);
}

QDate UsageReport::from() const {
    const bool range = m_rangeFirst <= m_rangeLast;
    if (m_days.empty())
        return range ? QDate::fromJulianDay(m_rangeFirst) : QDate();
    const qint64 first = m_days.begin()->first;
    return QDate::fromJulianDay(range ? std::min(first, m_rangeFirst) : first);
}

QDate UsageReport::to() const {
    const bool range = m_rangeFirst <= m_rangeLast;
    if (m_days.empty())
        return range ? QDate::fromJulianDay(m_rangeLast) : QDate();
    const qint64 last = m_days.rbegin()->first;
    return QDate::fromJulianDay(range ? std::max(last, m_rangeLast) : last);
}

void UsageReport::includeRange(QDate from, QDate to) {
    if (!from.isValid() || !to.isValid() || to < from)
        return;
    const bool range = m_rangeFirst <= m_rangeLast;
    m_rangeFirst = range ? std::min(m_rangeFirst, from.toJulianDay()) : from.toJulianDay();
    m_rangeLast = range ? std::max(m_rangeLast, to.toJulianDay()) : to.toJulianDay();
}

void UsageReport::noteKeyLimit(qint64 limit, qint64 total) {
    if (limit <= 0 || total <= limit)
        return;
    if (!m_keyTruncation || total > m_keyTruncation->total)
        m_keyTruncation = KeyTruncation{limit, total};
}

std::vector<qint64> UsageReport::dayNumbers() const {
    std::vector<qint64> out;
    const QDate first = from();
    if (!first.isValid())
        return out;
    const auto fill = [&](qint64 a, qint64 b) {
        for (qint64 j = a; j <= b; ++j)
            out.push_back(j);
    };
    const qint64 lo = first.toJulianDay(), hi = to().toJulianDay();
    if (hi - lo < kMaxFilledDays) {
        fill(lo, hi);
        return out;
    }
    if (m_rangeFirst <= m_rangeLast && m_rangeLast - m_rangeFirst < kMaxFilledDays)
        fill(m_rangeFirst, m_rangeLast);
    for (const auto &entry : m_days)
        out.push_back(entry.first);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QList<QPair<QDate, UsageMetrics>> UsageReport::days() const {
    const std::vector<qint64> numbers = dayNumbers();
    QList<QPair<QDate, UsageMetrics>> out;
    out.reserve(qsizetype(numbers.size()));
    auto it = m_days.begin();
    for (const qint64 j : numbers) {
        while (it != m_days.end() && it->first < j)
            ++it;
        out.append(
            {QDate::fromJulianDay(j), it != m_days.end() && it->first == j ? it->second : UsageMetrics()});
    }
    return out;
}

UsageMetrics UsageReport::day(QDate date) const {
    if (!date.isValid())
        return {};
    const auto it = m_days.find(date.toJulianDay());
    return it == m_days.end() ? UsageMetrics() : it->second;
}

QList<UsageItem> UsageReport::items(Dimension d) const {
    if (const auto &sorted = m_sorted[size_t(d)])
        return *sorted;
    QList<UsageItem> out = table(d).items();
    std::sort(out.begin(), out.end(), bySpend);
    return out;
}

void UsageReport::sortItems() {
    for (int d = 0; d < DimensionCount; ++d) {
        m_sorted[size_t(d)].reset();
        m_sorted[size_t(d)] = items(Dimension(d));
    }
}

UsageReport UsageReport::withModelsGrouped(const QHash<QString, QString> &groupOf) const {
    UsageReport out = *this;
    const UsageTable &models = table(Dimension::Model);
    UsageTable grouped;
    std::vector<int> groupId(size_t(models.size()));
    for (int id = 0; id < int(models.size()); ++id) {
        const QString name = models.name(id);
        const int g = grouped.intern(groupOf.value(name, name).toStdString());
        grouped.metrics(g) += models.metrics(id);
        groupId[size_t(id)] = g;
    }
    out.mutableTable(Dimension::Model) = std::move(grouped);
    QHash<quint64, UsageMetrics> cells;
    const auto &old = m_cells[size_t(Dimension::Model)];
    for (auto it = old.cbegin(); it != old.cend(); ++it)
        cells[(it.key() & ~quint64(0xffffffff)) | quint32(groupId[size_t(quint32(it.key()))])] += it.value();
    out.m_cells[size_t(Dimension::Model)] = std::move(cells);
    return out;
}

QList<UsageCell> UsageReport::cells(Dimension d) const {
    const UsageTable &t = table(d);
    QList<UsageCell> out;
    const auto &map = m_cells[size_t(d)];
    out.reserve(map.size());
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.append(UsageCell{QDate::fromJulianDay(qint64(it.key() >> 32)), t.name(int(quint32(it.key()))),
                             it.value()});
    std::sort(out.begin(), out.end(), [](const UsageCell &a, const UsageCell &b) {
        if (a.date != b.date)
            return a.date < b.date;
        if (a.metrics.spend != b.metrics.spend)
            return a.metrics.spend > b.metrics.spend;
        return a.name < b.name;
    });
    return out;
}

UsageMetrics UsageReport::cell(Dimension d, QDate date, const QString &name) const {
    const int id = table(d).indexOf(name);
    if (id < 0 || !date.isValid())
        return {};
    return m_cells[size_t(d)].value((quint64(date.toJulianDay()) << 32) | quint32(id));
}

QJsonObject UsageReport::toJson(Dimension by) const {
    QJsonArray days;
    for (const auto &[date, metrics] : this->days()) {
        QJsonObject o = metrics.toJson();
        o.insert(QStringLiteral("date"), date.toString(Qt::ISODate));
        days.append(o);
    }
    QJsonArray items;
    for (const UsageItem &item : this->items(by)) {
        QJsonObject o = item.metrics.toJson();
        o.insert(QStringLiteral("name"), item.name);
        if (!item.label.isEmpty())
            o.insert(QStringLiteral("label"), item.label);
        if (!item.teamId.isEmpty())
            o.insert(QStringLiteral("team_id"), item.teamId);
        items.append(o);
    }
    return QJsonObject{{QStringLiteral("from"), from().toString(Qt::ISODate)},
                       {QStringLiteral("to"), to().toString(Qt::ISODate)},
                       {QStringLiteral("totals"), m_totals.toJson()},
                       {QStringLiteral("days"), days},
                       {QStringLiteral("by"), dimensionName(by)},
                       {QStringLiteral("items"), items}};
}
