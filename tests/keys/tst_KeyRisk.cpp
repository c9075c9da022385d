#include "core/keys/KeyRisk.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <limits>

// The risk rules and status, at a fixed "now".
class TestKeyRisk : public QObject {
    Q_OBJECT

    const QDateTime m_now = QDateTime(QDate(2025, 6, 15), QTime(12, 0), QTimeZone::utc());

    // A key with a budget, an expiry a month out, restricted models and recent use: no risks.
    KeyRecord safeKey() const {
        KeyRecord k;
        k.token = QStringLiteral("t");
        k.spend = 10;
        k.maxBudget = 100;
        k.expires = m_now.addDays(30);
        k.models = {QStringLiteral("gpt-4o")};
        k.lastActive = m_now.addDays(-1);
        return k;
    }

private slots:
    void risks_data() {
        QTest::addColumn<KeyRecord>("key");
        QTest::addColumn<QStringList>("expected");
        KeyRecord k = safeKey();
        QTest::newRow("safe key has none") << k << QStringList();
        k = safeKey();
        k.spend = 100;
        QTest::newRow("spend equal to budget is over") << k << QStringList{u"over_budget"_qs};
        k = safeKey();
        k.spend = 150;
        QTest::newRow("spend above budget is over, not near") << k << QStringList{u"over_budget"_qs};
        k = safeKey();
        k.spend = 80;
        QTest::newRow("exactly 80% is not near") << k << QStringList();
        k = safeKey();
        k.spend = 80.01;
        QTest::newRow("above 80% is near") << k << QStringList{u"near_budget"_qs};
        k = safeKey();
        k.maxBudget.reset();
        QTest::newRow("no budget") << k << QStringList{u"no_budget"_qs};
        k = safeKey();
        k.maxBudget = 0;
        k.spend = 0;
        QTest::newRow("zero budget is over") << k << QStringList{u"over_budget"_qs};
        k = safeKey();
        k.expires = {};
        QTest::newRow("never expires") << k << QStringList{u"never_expires"_qs};
        k = safeKey();
        k.expires = m_now.addDays(6);
        QTest::newRow("expires in 6 days") << k << QStringList{u"expires_soon"_qs};
        k = safeKey();
        k.expires = m_now.addDays(7);
        QTest::newRow("expires in exactly 7 days is soon") << k << QStringList{u"expires_soon"_qs};
        k = safeKey();
        k.expires = m_now.addDays(7).addSecs(1);
        QTest::newRow("expires a second after 7 days is fine") << k << QStringList();
        k = safeKey();
        k.expires = m_now.addDays(8);
        QTest::newRow("expires in 8 days is fine") << k << QStringList();
        k = safeKey();
        k.expires = m_now.addDays(-1);
        QTest::newRow("already expired is not 'soon'") << k << QStringList();
        k = safeKey();
        k.models.clear();
        QTest::newRow("empty models without a team is unrestricted")
            << k << QStringList{u"unrestricted_models"_qs};
        k.teamId = QStringLiteral("team-1");
        QTest::newRow("empty models on a team key are the team's") << k << QStringList();
        k.models = {QStringLiteral("all-proxy-models")};
        QTest::newRow("all-proxy-models on a team key is unrestricted")
            << k << QStringList{u"unrestricted_models"_qs};
        k.models = {QStringLiteral("all-team-models")};
        QTest::newRow("all-team-models is the team's") << k << QStringList();
        k = safeKey();
        k.models.clear();
        k.modelsKnown = false;
        QTest::newRow("unknown models are not all models") << k << QStringList();
        k = safeKey();
        k.maxBudget = std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("NaN budget is no budget") << k << QStringList{u"no_budget"_qs};
        k = safeKey();
        k.blocked = true;
        QTest::newRow("blocked") << k << QStringList{u"blocked"_qs};
        k = safeKey();
        k.blocked = false;
        QTest::newRow("blocked false is fine") << k << QStringList();
        k = safeKey();
        k.lastActive = m_now.addDays(-31);
        QTest::newRow("not used for 31 days is idle") << k << QStringList{u"idle"_qs};
        k = safeKey();
        k.lastActive = m_now.addDays(-29);
        QTest::newRow("used 29 days ago is not idle") << k << QStringList();
        k = safeKey();
        k.lastActive = m_now.addDays(-30);
        QTest::newRow("used exactly 30 days ago is not idle") << k << QStringList();
        k = safeKey();
        k.lastActive = m_now.addDays(-30).addSecs(-1);
        QTest::newRow("used 30 days and a second ago is idle") << k << QStringList{u"idle"_qs};
        k = safeKey();
        k.lastActive = {};
        QTest::newRow("unknown last use is not idle") << k << QStringList();
        k = safeKey();
        k.maxBudget.reset();
        k.expires = {};
        k.models.clear();
        k.blocked = true;
        k.lastActive = m_now.addDays(-90);
        QTest::newRow("several at once, in order")
            << k
            << QStringList{u"no_budget"_qs, u"never_expires"_qs, u"unrestricted_models"_qs, u"blocked"_qs,
                           u"idle"_qs};
        QTest::newRow("hash-only row has no known risks")
            << keyRecordFromHash(QString(64, u'a')) << QStringList();
    }
    void risks() {
        QFETCH(KeyRecord, key);
        QFETCH(QStringList, expected);
        QCOMPARE(keyrisk::names(keyrisk::risks(key, m_now)), expected);
    }

    void modelsAsLiteLlmMeansThem_data() {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<int>("scope");
        QTest::addColumn<QString>("text");
        QTest::newRow("listed") << QByteArray(R"({"models":["gpt-4o","claude"]})") << int(ModelScope::Listed)
                                << u"gpt-4o, claude"_qs;
        QTest::newRow("[] without team")
            << QByteArray(R"({"models":[]})") << int(ModelScope::AllProxyModels) << u"All proxy models"_qs;
        QTest::newRow("[] on a team key") << QByteArray(R"({"models":[],"team_id":"t1"})")
                                          << int(ModelScope::TeamModels) << u"Team models"_qs;
        QTest::newRow("all-team-models") << QByteArray(R"({"models":["all-team-models"],"team_id":"t1"})")
                                         << int(ModelScope::TeamModels) << u"Team models"_qs;
        QTest::newRow("all-proxy-models") << QByteArray(R"({"models":["all-proxy-models"],"team_id":"t1"})")
                                          << int(ModelScope::AllProxyModels) << u"All proxy models"_qs;
        QTest::newRow("null") << QByteArray(R"({"models":null})") << int(ModelScope::Unknown)
                              << u"Unknown"_qs;
        QTest::newRow("missing") << QByteArray(R"({"spend":1})") << int(ModelScope::Unknown) << u"Unknown"_qs;
        QTest::newRow("a number") << QByteArray(R"({"models":7})") << int(ModelScope::Unknown)
                                  << u"Unknown"_qs;
        QTest::newRow("a list of numbers")
            << QByteArray(R"({"models":[1]})") << int(ModelScope::Unknown) << u"Unknown"_qs;
    }
    void modelsAsLiteLlmMeansThem() {
        QFETCH(QByteArray, row);
        QFETCH(int, scope);
        QFETCH(QString, text);
        const KeyRecord k = keyRecordFromJson(QJsonDocument::fromJson(row).object());
        QCOMPARE(int(k.modelScope()), scope);
        QCOMPARE(k.modelsText(), text);
        QCOMPARE(keyrisk::isUnrestricted(k), scope == int(ModelScope::AllProxyModels));
    }

    void softBudgetAndEmailWhereTheProxySendsThem() {
        // /key/info keeps the soft budget in the key's budget row; expand=user nests the user.
        const KeyRecord info =
            keyRecordFromJson(QJsonDocument::fromJson(
                                  R"({"models":[],"litellm_budget_table":{"soft_budget":7.5,"max_budget":10},
                "user":{"user_id":"u1","user_email":"ada@example.com"}})")
                                  .object());
        QCOMPARE(info.softBudget.value_or(0), 7.5);
        QCOMPARE(info.userEmail, u"ada@example.com"_qs);
        const KeyRecord flat = keyRecordFromJson(
            QJsonDocument::fromJson(
                R"({"soft_budget":2,"user_email":"bob@example.com","litellm_budget_table":{"soft_budget":7.5}})")
                .object());
        QCOMPARE(flat.softBudget.value_or(0), 2.0);
        QCOMPARE(flat.userEmail, u"bob@example.com"_qs);
        QVERIFY(!keyRecordFromJson(QJsonObject{}).softBudget);
    }

    // The Overview's "active keys" and the Keys page's filter: the other side of idle, for known use.
    void recentlyUsedIsTheOtherSideOfIdle() {
        KeyRecord k = safeKey();
        k.lastActive = m_now.addDays(-30);
        QVERIFY(keyrisk::isRecentlyUsed(k, m_now)); // exactly 30 days ago still counts
        QVERIFY(!keyrisk::isIdle(k, m_now));
        k.lastActive = m_now.addDays(-30).addMSecs(-1);
        QVERIFY(!keyrisk::isRecentlyUsed(k, m_now));
        QVERIFY(keyrisk::isIdle(k, m_now));
        k.lastActive = m_now;
        QVERIFY(keyrisk::isRecentlyUsed(k, m_now));
        k.lastActive = {};
        QVERIFY(!keyrisk::isRecentlyUsed(k, m_now)); // unknown use is neither
        QVERIFY(!keyrisk::isIdle(k, m_now));
    }

    void status_data() {
        QTest::addColumn<KeyRecord>("key");
        QTest::addColumn<QString>("expected");
        KeyRecord k = safeKey();
        QTest::newRow("active") << k << u"active"_qs;
        k.expires = m_now.addSecs(-1);
        QTest::newRow("expired") << k << u"expired"_qs;
        k.blocked = true;
        QTest::newRow("blocked wins over expired") << k << u"blocked"_qs;
        k.deletedAt = m_now;
        QTest::newRow("deleted wins over all") << k << u"deleted"_qs;
    }
    void status() {
        QFETCH(KeyRecord, key);
        QFETCH(QString, expected);
        QCOMPARE(keyrisk::name(keyrisk::status(key, m_now)), expected);
        QCOMPARE(keyrisk::statusFromName(expected), keyrisk::status(key, m_now));
    }

    void namesRoundTripAndLabelsAreDistinct() {
        QSet<QString> labels;
        for (const KeyRisk r : keyrisk::allRisks()) {
            QCOMPARE(keyrisk::riskFromName(keyrisk::name(r)), r);
            labels.insert(keyrisk::label(r));
        }
        QCOMPARE(labels.size(), keyrisk::allRisks().size());
        QVERIFY(!keyrisk::riskFromName(u"nonsense"_qs));
    }
};

QTEST_GUILESS_MAIN(TestKeyRisk)
#include "tst_KeyRisk.moc"
