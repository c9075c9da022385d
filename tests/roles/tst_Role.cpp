#include "core/roles/Role.h"

#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(Role)

class TestRole : public QObject {
    Q_OBJECT
private slots:
    void splitList_data();
    void splitList();
    void validation_data();
    void validation();
    void durations_data();
    void durations();
    void jsonRoundTrip();
    void vaultData();
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
    const Role back = Role::fromJson(r.toJson());
    QCOMPARE(QJsonDocument(back.toJson()).toJson(), QJsonDocument(r.toJson()).toJson());
    QCOMPARE(back.ttl.toString(), QStringLiteral("1h"));
    QVERIFY(!back.rpmLimit.has_value());
}

void TestRole::vaultData() {
    const auto data = QJsonDocument::fromJson(R"({"models":["gpt-4o","gpt-4o-mini"],"max_budget":25.5,
        "key_alias_prefix":"vault","metadata":{"owner":"platform"},"ttl":3600,"max_ttl":86400})")
                          .object();
    const Role r = Role::fromVault(QStringLiteral("CI"), data);
    QCOMPARE(r.name, QStringLiteral("ci"));
    QCOMPARE(r.models.size(), 2);
    QCOMPARE(r.maxBudget, 25.5);
    QCOMPARE(r.keyAliasPrefix, QStringLiteral("vault"));
    QCOMPARE(r.metadata.value(QStringLiteral("owner")), QStringLiteral("platform"));
    QCOMPARE(r.ttl.toString(), QStringLiteral("1h"));
    QCOMPARE(r.maxTtl.toString(), QStringLiteral("1d"));
    QVERIFY(validateRole(r).isEmpty());
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

void TestRole::splitList_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty") << QString() << QStringList();
    QTest::newRow("one") << u"gpt-4o"_qs << QStringList{u"gpt-4o"_qs};
    QTest::newRow("trimmed, in order") << u" b , a,c "_qs << QStringList{u"b"_qs, u"a"_qs, u"c"_qs};
    QTest::newRow("empty values dropped") << u",a,, ,b,"_qs << QStringList{u"a"_qs, u"b"_qs};
    QTest::newRow("repeats dropped") << u"a, b, a ,b"_qs << QStringList{u"a"_qs, u"b"_qs};
    QTest::newRow("case kept apart") << u"A,a"_qs << QStringList{u"A"_qs, u"a"_qs};
}

void TestRole::splitList() {
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QCOMPARE(::splitList(text), expected);
}

QTEST_GUILESS_MAIN(TestRole)
#include "tst_Role.moc"
