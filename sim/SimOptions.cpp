#include "SimOptions.h"

#include <QRegularExpression>

#include <utility>

SimOptions SimOptions::forVersion(Profile profile) {
    SimOptions o;
    switch (profile) {
    case Profile::Oldest:
        o.litellmVersion = QStringLiteral("1.65.4");
        o.aggregatedActivity = false;
        o.pagedModelInfo = false;
        o.activityBreakdownWrapped = false;
        o.activityModelGroups = false;
        break;
    case Profile::V17x:
        break;
    case Profile::Newest:
        o.litellmVersion = QStringLiteral("1.81.3");
        o.activityKeyLimit = 100;
        o.activityKeyLimitMax = 1000;
        o.userInfoMissingAsEmpty = false;
        o.userDeleteLeavesTeams = false;
        o.activityModelWithProvider = true;
        o.keyUpdateFullRow = true;      // update_data returns the whole row, metadata as an object
        o.readinessDetailsRoute = true; // details need a key unless allow_public_health_readiness_details
        break;
    }
    return o;
}

std::optional<SimOptions> SimOptions::forVersion(const QString &version) {
    const QString v = version.trimmed().toLower();
    if (v == u"oldest")
        return forVersion(Profile::Oldest);
    if (v == u"1.7x")
        return forVersion(Profile::V17x);
    if (v == u"newest")
        return forVersion(Profile::Newest);
    static const QRegularExpression number(QStringLiteral("^v?(\\d{1,4})\\.(\\d{1,4})(\\.\\d{1,4})?$"));
    const auto m = number.match(v);
    if (!m.hasMatch())
        return std::nullopt;
    const std::pair release(m.captured(1).toInt(), m.captured(2).toInt());
    const Profile profile = release < std::pair(1, 70)   ? Profile::Oldest
                            : release < std::pair(1, 80) ? Profile::V17x
                                                         : Profile::Newest;
    SimOptions o = forVersion(profile);
    o.litellmVersion = v.startsWith(u'v') ? v.mid(1) : v;
    o.userDeleteLeavesTeams = release < std::pair(1, 75);
    o.teamInfoKeyLimit = release >= std::pair(1, 95);
    return o;
}

QString SimOptions::versionHelp() {
    return QStringLiteral("oldest, 1.7x, newest or a version number such as 1.74.3");
}
