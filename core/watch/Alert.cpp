#include "core/watch/Alert.h"

#include "core/api/Json.h"

#include <array>

namespace {

constexpr std::array kKinds{"spend_spike", "budget_exhausted", "budget_forecast", "expiring",
                            "proxy_unhealthy"};
constexpr std::array kSubjects{"key", "team", "user", "model", "proxy"};

QJsonValue number(const std::optional<double> &v) {
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<double> number(const QJsonValue &v) {
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

} // namespace

QString Alert::identity() const {
    return kindName(kind) + u':' + subjectTypeName(subjectType) + u':' + subject;
}

Alert::Severity Alert::severity() const {
    return kind == Kind::BudgetExhausted || kind == Kind::ProxyUnhealthy ? Severity::Critical
                                                                         : Severity::Warning;
}

bool Alert::isActive(const QDateTime &now) const {
    return isOpen() && !acknowledged.isValid() && !(snoozedUntil.isValid() && snoozedUntil > now);
}

QJsonObject Alert::toJson() const {
    QJsonObject o{
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("subject_type"), subjectTypeName(subjectType)},
        {QStringLiteral("subject"), subject},
        {QStringLiteral("subject_name"), subjectName.isEmpty() ? QJsonValue() : QJsonValue(subjectName)},
        {QStringLiteral("value"), number(value)},
        {QStringLiteral("threshold"), number(threshold)},
        {QStringLiteral("message"), message},
        {QStringLiteral("since"), json::isoUtc(since)}};
    if (day.isValid())
        o.insert(QStringLiteral("day"), day.toString(Qt::ISODate));
    if (!leaseRole.isEmpty())
        o.insert(QStringLiteral("lease_role"), leaseRole);
    return o;
}

Alert Alert::fromJson(const QJsonObject &o) {
    Alert a;
    a.kind = kindFromName(o.value(u"kind").toString()).value_or(Kind::SpendSpike);
    a.subjectType = subjectFromName(o.value(u"subject_type").toString()).value_or(Subject::Key);
    a.subject = o.value(u"subject").toString();
    a.subjectName = o.value(u"subject_name").toString();
    a.value = number(o.value(u"value"));
    a.threshold = number(o.value(u"threshold"));
    a.message = o.value(u"message").toString();
    a.since = json::dateTime(o.value(u"since"));
    a.day = QDate::fromString(o.value(u"day").toString(), Qt::ISODate);
    a.leaseRole = o.value(u"lease_role").toString();
    return a;
}

QString Alert::kindName(Kind kind) {
    return QString::fromLatin1(kKinds.at(size_t(kind)));
}

QString Alert::kindLabel(Kind kind) {
    switch (kind) {
    case Kind::SpendSpike:
        return QStringLiteral("Spend spike");
    case Kind::BudgetExhausted:
        return QStringLiteral("Budget exhausted");
    case Kind::BudgetForecast:
        return QStringLiteral("Budget runs out soon");
    case Kind::Expiring:
        return QStringLiteral("Expiring");
    case Kind::ProxyUnhealthy:
        return QStringLiteral("Proxy unhealthy");
    }
    return {};
}

QString Alert::subjectTypeName(Subject type) {
    return QString::fromLatin1(kSubjects.at(size_t(type)));
}

std::optional<Alert::Kind> Alert::kindFromName(const QString &name) {
    for (size_t i = 0; i < kKinds.size(); ++i)
        if (name == QLatin1String(kKinds.at(i)))
            return Kind(i);
    return std::nullopt;
}

std::optional<Alert::Subject> Alert::subjectFromName(const QString &name) {
    for (size_t i = 0; i < kSubjects.size(); ++i)
        if (name == QLatin1String(kSubjects.at(i)))
            return Subject(i);
    return std::nullopt;
}
