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
    return m_days.empty() ? QDate() : QDate::fromJulianDay(m_firstDay);
}

QDate UsageReport::to() const {
    return m_days.empty() ? QDate() : QDate::fromJulianDay(m_firstDay + qint64(m_days.size()) - 1);
}

void UsageReport::includeRange(QDate from, QDate to) {
    if (!from.isValid() || !to.isValid() || to < from)
        return;
    dayAt(from.toJulianDay());
    dayAt(to.toJulianDay());
}

UsageMetrics &UsageReport::dayAt(qint64 julianDay) {
    if (m_days.empty()) {
        m_firstDay = julianDay;
        m_days.resize(1);
    } else if (julianDay < m_firstDay) {
        m_days.insert(m_days.begin(), size_t(m_firstDay - julianDay), UsageMetrics());
        m_firstDay = julianDay;
    } else if (julianDay >= m_firstDay + qint64(m_days.size())) {
        m_days.resize(size_t(julianDay - m_firstDay + 1));
    }
    return m_days[size_t(julianDay - m_firstDay)];
}

QList<QPair<QDate, UsageMetrics>> UsageReport::days() const {
    QList<QPair<QDate, UsageMetrics>> out;
    out.reserve(dayCount());
    for (size_t i = 0; i < m_days.size(); ++i)
        out.append({QDate::fromJulianDay(m_firstDay + qint64(i)), m_days[i]});
    return out;
}

UsageMetrics UsageReport::day(QDate date) const {
    const qint64 i = date.toJulianDay() - m_firstDay;
    return date.isValid() && i >= 0 && i < qint64(m_days.size()) ? m_days[size_t(i)] : UsageMetrics();
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
