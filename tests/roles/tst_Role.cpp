#include "core/roles/Role.h"

#include <QJsonDocument>
#include <QTimeZone>

#include <QTest>
#include <limits>

Q_DECLARE_METATYPE(Role)

class TestRole : public QObject {
    Q_OBJECT
private slots:
    void validation_data();
    void validation();
    void durations_data();
    void durations();
    void zeroAndMonths();
    void ttlForms_data();
    void ttlForms();
    void jsonRoundTrip();
    void vaultData();
    void vaultDefaultPrefix_data();
    void vaultDefaultPrefix();
    void refusedFields_data();
    void refusedFields();
    void metadataPairs();
};

namespace {
Role base() {
    Role r;
    r.name = QStringLiteral("ci-bot");
    r.models = {QStringLiteral("gpt-4o")};
    r.maxBudget = 10;
    r.ttl = *Duration::parse(QStringLiteral("1h"));
    r.maxTtl = *Duration::parse(QStringLiteral("24h"));
    return r;
}
} // namespace

void TestRole::validation_data() {
    QTest::addColumn<Role>("role");
    QTest::addColumn<QString>("field"); // empty: valid
    QTest::addColumn<QString>("words");
    const QStringList known{QStringLiteral("gpt-4o"), QStringLiteral("claude-3-5-sonnet")};

    QTest::newRow("valid") << base() << ""
                           << "";
    Role r = base();
    r.name = QStringLiteral("Team.Alpha_1");
    r.name = normalizeRoleName(r.name);
    QTest::newRow("uppercase name is lowercased") << r << ""
                                                  << "";
    r = base();
    r.name.clear();
    QTest::newRow("empty name") << r << "name"
                                << "name";
    r = base();
    r.name = QStringLiteral("-bot");
    QTest::newRow("name starts with dash") << r << "name"
                                           << "starting and ending";
    r = base();
    r.name = QStringLiteral("bot.");
    QTest::newRow("name ends with dot") << r << "name"
                                        << "starting and ending";
    r = base();
    r.name = QStringLiteral("my bot");
    QTest::newRow("name with space") << r << "name"
                                     << "not a valid role name";
    r = base();
    r.maxBudget = -1;
    QTest::newRow("negative budget") << r << "max_budget"
                                     << "negative";
    r = base();
    r.ttl = *Duration::parse(QStringLiteral("2d"));
    QTest::newRow("ttl above max ttl") << r << "ttl"
                                       << "longer than the maximum";
    r = base();
    r.maxTtl = {};
    r.ttl = *Duration::parse(QStringLiteral("90d"));
    QTest::newRow("ttl without max is fine") << r << ""
                                             << "";
    r = base();
    r.budgetDuration = QStringLiteral("monthly");
    QTest::newRow("bad budget duration") << r << "budget_duration"
                                         << "not a duration";
    r = base();
    r.budgetDuration = QStringLiteral("0d");
    QTest::newRow("zero budget duration") << r << "budget_duration"
                                          << "longer than zero";
    r = base();
    r.models = {QStringLiteral("gpt-5-ultra")};
    QTest::newRow("unknown model") << r << "models"
                                   << "gpt-5-ultra";
    r = base();
    r.maxBudget = std::numeric_limits<double>::infinity(); // roles write --max-budget inf
    QTest::newRow("infinite budget") << r << "max_budget"
                                     << "infinite";
    r = base();
    r.maxBudget = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("NaN budget") << r << "max_budget"
                                << "number of dollars";
    r = base();
    r.maxBudget = 0;
    QTest::newRow("zero budget is unlimited") << r << ""
                                              << "";
    r = base();
    r.tpmLimit = 0;
    r.rpmLimit = 0;
    QTest::newRow("zero limits are limits") << r << ""
                                            << "";
    r = base();
    r.tpmLimit = -1;
    QTest::newRow("tpm below zero") << r << "tpm_limit"
                                    << "negative";
    r = base();
    r.keyAliasPrefix = QString();
    QTest::newRow("empty alias prefix") << r << "key_alias_prefix"
                                        << "prefix";
    r = base();
    r.keyAliasPrefix = QStringLiteral("has space");
    QTest::newRow("bad alias prefix") << r << "key_alias_prefix"
                                      << "prefix";
    r = base();
    r.rpmLimit = -5;
    QTest::newRow("negative rpm") << r << "rpm_limit"
                                  << "RPM";
    Q_UNUSED(known);
}

void TestRole::validation() {
    QFETCH(Role, role);
    QFETCH(QString, field);
    QFETCH(QString, words);
    const auto errors = validateRole(role, {QStringLiteral("gpt-4o"), QStringLiteral("claude-3-5-sonnet")});
    if (field.isEmpty()) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first().message));
        return;
    }
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(words, Qt::CaseInsensitive), qPrintable(errors.first().message));
}

void TestRole::durations_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("seconds") << "30s" << true << qint64(30) << "30s";
    QTest::newRow("minutes") << "15m" << true << qint64(900) << "15m";
    QTest::newRow("hours") << "12h" << true << qint64(43200) << "12h";
    QTest::newRow("days") << "30d" << true << qint64(2592000) << "30d";
    QTest::newRow("weeks") << "2w" << true << qint64(1209600) << "2w";
    QTest::newRow("month") << "1mo" << true << qint64(2592000) << "1mo";
    QTest::newRow("bare number is seconds") << "3600" << true << qint64(3600) << "3600s";
    QTest::newRow("upper case") << "24H" << true << qint64(86400) << "24h";
    QTest::newRow("unit only") << "d" << false << qint64(0) << "";
    QTest::newRow("negative") << "-1d" << false << qint64(0) << "";
    QTest::newRow("year") << "1y" << false << qint64(0) << "";
    QTest::newRow("empty") << "" << false << qint64(0) << "";
}

void TestRole::durations() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, seconds);
    QFETCH(QString, canonical);
    QString why;
    const auto d = Duration::parse(text, &why);
    QCOMPARE(d.has_value(), valid);
    if (!valid) {
        QVERIFY(why.contains(u"30d"));
        return;
    }
    QCOMPARE(d->seconds(), seconds);
    QCOMPARE(d->toString(), canonical);
}

void TestRole::jsonRoundTrip() {
    Role r = base();
    r.budgetDuration = QStringLiteral("30d");
    r.keyAliasPrefix = QStringLiteral("acme");
    r.metadata = {{QStringLiteral("env"), QStringLiteral("prod")}};
    r.tpmLimit = 1000;
    r.teamId = QStringLiteral("team-a");
    r.teams = {QStringLiteral("team-a"), QStringLiteral("team-b")};
    const RoleRead read = readRole(r.toJson());
    QVERIFY(read.errors.isEmpty());
    const Role &back = read.role;
    QCOMPARE(QJsonDocument(back.toJson()).toJson(), QJsonDocument(r.toJson()).toJson());
    QCOMPARE(back.ttl.toString(), QStringLiteral("1h"));
    QVERIFY(!back.rpmLimit.has_value());
}

void TestRole::vaultData() {
    const auto data = QJsonDocument::fromJson(R"({"models":["gpt-4o","gpt-4o-mini"],"max_budget":25.5,
        "key_alias_prefix":"vault","metadata":{"owner":"platform"},"ttl":3600,"max_ttl":86400})")
                          .object();
    const RoleRead read = readVaultRole(QStringLiteral("CI"), data);
    QVERIFY(read.errors.isEmpty());
    const Role &r = read.role;
    QCOMPARE(r.name, QStringLiteral("ci"));
    QCOMPARE(r.models.size(), 2);
    QCOMPARE(r.maxBudget, 25.5);
    QCOMPARE(r.keyAliasPrefix, QStringLiteral("vault"));
    QCOMPARE(r.metadata.value(QStringLiteral("owner")), QStringLiteral("platform"));
    QCOMPARE(r.ttl.toString(), QStringLiteral("1h"));
    QCOMPARE(r.maxTtl.toString(), QStringLiteral("1d"));
    QVERIFY(validateRole(r).isEmpty());
}

void TestRole::zeroAndMonths() {
    // No TTL is written "0s", never "0w" (every unit divides zero).
    QCOMPARE(Duration::fromSeconds(0).toString(), QStringLiteral("0s"));
    QCOMPARE(Duration::fromSeconds(604800).toString(), QStringLiteral("1w"));
    // Months are calendar months, as LiteLLM adds them, not 30 days.
    const auto month = *Duration::parse(QStringLiteral("1mo"));
    const QDateTime march(QDate(2025, 3, 1), QTime(12, 0), QTimeZone::utc());
    QCOMPARE(month.addTo(march), QDateTime(QDate(2025, 4, 1), QTime(12, 0), QTimeZone::utc()));
    const QDateTime february(QDate(2025, 2, 1), QTime(0, 0), QTimeZone::utc());
    QCOMPARE(month.addTo(february), QDateTime(QDate(2025, 3, 1), QTime(0, 0), QTimeZone::utc()));
}

void TestRole::ttlForms_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds"); // -1: refused
    QTest::newRow("LiteLLM days") << "30d" << qint64(2592000);
    QTest::newRow("Go hours and minutes") << "1h30m" << qint64(5400);
    QTest::newRow("Go seconds") << "90s" << qint64(90);
    QTest::newRow("Go h m s") << "2h45m30s" << qint64(9930);
    QTest::newRow("Go fraction") << "1.5h" << qint64(5400);
    QTest::newRow("whole seconds") << "5400" << qint64(5400);
    QTest::newRow("zero") << "0" << qint64(0);
    QTest::newRow("negative Go") << "-1h" << qint64(-1);
    QTest::newRow("negative seconds") << "-3600" << qint64(-1);
    QTest::newRow("words") << "abc" << qint64(-1);
    QTest::newRow("sub-second") << "1500ms" << qint64(-1);
    QTest::newRow("gap between parts") << "1h 30m" << qint64(-1);
    QTest::newRow("too long") << "1000000000h" << qint64(-1);
    QTest::newRow("2^63 seconds") << "9223372036854775808" << qint64(-1);
}

void TestRole::ttlForms() {
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QString why;
    const auto d = Duration::parseTtl(text, &why);
    QCOMPARE(d.has_value(), seconds >= 0);
    if (d)
        QCOMPARE(d->seconds(), seconds);
    else
        QVERIFY2(!why.isEmpty(), qPrintable(text));
}

void TestRole::vaultDefaultPrefix_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("missing") << QByteArray(R"({"ttl":"1h"})");
    QTest::newRow("empty") << QByteArray(R"({"ttl":"1h","key_alias_prefix":""})");
    QTest::newRow("null") << QByteArray(R"({"ttl":"1h","key_alias_prefix":null})");
}

void TestRole::vaultDefaultPrefix() {
    QFETCH(QByteArray, data);
    const RoleRead read = readVaultRole(QStringLiteral("ci"), QJsonDocument::fromJson(data).object());
    QVERIFY(read.errors.isEmpty());
    // Keys issued by Vault and by the desk from the same role carry the same prefix.
    QCOMPARE(read.role.keyAliasPrefix, QStringLiteral("vault"));
    QCOMPARE(read.role.ttl.seconds(), qint64(3600));
    // Our own JSON keeps the desk's default.
    QCOMPARE(readRole(QJsonObject{{QStringLiteral("name"), QStringLiteral("ci")}}).role.keyAliasPrefix,
             QStringLiteral("desk"));
}

void TestRole::refusedFields_data() {
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("field");
    QTest::newRow("models is a number") << QByteArray(R"("models":7)") << "models";
    QTest::newRow("models is null") << QByteArray(R"("models":null)") << "models";
    QTest::newRow("models holds a number") << QByteArray(R"("models":["gpt-4o",3])") << "models";
    QTest::newRow("budget is true") << QByteArray(R"("max_budget":true)") << "max_budget";
    QTest::newRow("budget is words") << QByteArray(R"("max_budget":"abc")") << "max_budget";
    QTest::newRow("budget is infinite") << QByteArray(R"("max_budget":"inf")") << "max_budget";
    QTest::newRow("budget is negative") << QByteArray(R"("max_budget":-5)") << "max_budget";
    QTest::newRow("ttl negative seconds") << QByteArray(R"("ttl":-3600)") << "ttl";
    QTest::newRow("ttl a list") << QByteArray(R"("ttl":[1])") << "ttl";
    QTest::newRow("ttl words") << QByteArray(R"("ttl":"abc")") << "ttl";
    QTest::newRow("ttl 2^63") << QByteArray(R"("ttl":9223372036854775808)") << "ttl";
    QTest::newRow("ttl 1e30") << QByteArray(R"("ttl":1e30)") << "ttl";
    QTest::newRow("ttl negative Go") << QByteArray(R"("ttl":"-1h")") << "ttl";
    QTest::newRow("ttl fraction of a second") << QByteArray(R"("ttl":1.5)") << "ttl";
    QTest::newRow("max_ttl a bool") << QByteArray(R"("max_ttl":true)") << "max_ttl";
    QTest::newRow("tpm fraction") << QByteArray(R"("tpm_limit":1.5)") << "tpm_limit";
    QTest::newRow("tpm negative") << QByteArray(R"("tpm_limit":-1)") << "tpm_limit";
    QTest::newRow("rpm a bool") << QByteArray(R"("rpm_limit":true)") << "rpm_limit";
    QTest::newRow("rpm 1e30") << QByteArray(R"("rpm_limit":1e30)") << "rpm_limit";
    QTest::newRow("parallel words") << QByteArray(R"("max_parallel_requests":"many")")
                                    << "max_parallel_requests";
    QTest::newRow("metadata a list") << QByteArray(R"("metadata":["a"])") << "metadata";
    QTest::newRow("metadata nested") << QByteArray(R"("metadata":{"a":{"b":1}})") << "metadata";
    QTest::newRow("prefix a number") << QByteArray(R"("key_alias_prefix":5)") << "key_alias_prefix";
    QTest::newRow("team a list") << QByteArray(R"("team_id":["t"])") << "team_id";
}

void TestRole::refusedFields() {
    QFETCH(QByteArray, fields);
    QFETCH(QString, field);
    const QJsonObject data = QJsonDocument::fromJson("{" + fields + "}").object();
    QVERIFY(!data.isEmpty());
    // The same rule from our JSON and from Vault's: refused, naming the field.
    QJsonObject ours = data;
    ours.insert(QStringLiteral("name"), QStringLiteral("ci"));
    for (const RoleRead &read : {readRole(ours), readVaultRole(QStringLiteral("ci"), data)}) {
        QVERIFY2(!read.errors.isEmpty(), fields.constData());
        QCOMPARE(read.errors.first().field, field);
        QVERIFY(describeRoleErrors(read).contains(field));
    }
}

void TestRole::metadataPairs() {
    QString why;
    const auto ok = parseMetadataPairs(
        {QStringLiteral("env=prod"), QStringLiteral("owner = platform team"), QStringLiteral("empty=")},
        &why);
    QVERIFY(ok.has_value());
    QCOMPARE(ok->value(QStringLiteral("owner")), QStringLiteral("platform team"));
    QCOMPARE(ok->value(QStringLiteral("empty")), QString());
    QVERIFY(!parseMetadataPairs({QStringLiteral("novalue")}, &why));
    QVERIFY(why.contains(u"key=value"));
    QVERIFY(!parseMetadataPairs({QStringLiteral("=x")}, &why));
}

QTEST_GUILESS_MAIN(TestRole)
#include "tst_Role.moc"
