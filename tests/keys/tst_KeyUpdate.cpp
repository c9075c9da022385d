#include "core/keys/KeyUpdate.h"

#include <QJsonArray>
#include <QTest>

// Building, validating and checking a key update.
class TestKeyUpdate : public QObject {
    Q_OBJECT

private slots:
    void validate_data() {
        QTest::addColumn<KeyUpdate>("update");
        QTest::addColumn<bool>("valid");
        KeyUpdate u;
        QTest::newRow("nothing to change") << u << false;
        u = {};
        u.maxBudget = -1;
        QTest::newRow("negative budget") << u << false;
        u = {};
        u.maxBudget = 0;
        QTest::newRow("zero budget") << u << true;
        u = {};
        u.budgetDuration = u"monthly"_qs;
        QTest::newRow("budget duration in words") << u << false;
        u = {};
        u.budgetDuration = u"30d"_qs;
        QTest::newRow("budget duration 30d") << u << true;
        u = {};
        u.expiresIn = u"0d"_qs;
        QTest::newRow("zero expiry") << u << false;
        u = {};
        u.expiresIn = u"2w"_qs;
        QTest::newRow("expiry 2w") << u << true;
        u = {};
        u.expiresIn = QString();
        QTest::newRow("never expires") << u << true;
        u = {};
        u.tpmLimit = -5;
        QTest::newRow("negative tpm") << u << false;
        u = {};
        u.models = QStringList{u"gpt-4o"_qs, u" "_qs};
        QTest::newRow("blank model name") << u << false;
        u = {};
        u.alias = QString();
        QTest::newRow("clearing the alias") << u << true;
    }
    void validate() {
        QFETCH(KeyUpdate, update);
        QFETCH(bool, valid);
        QCOMPARE(!update.validate().has_value(), valid);
    }

    void clearedAliasIsNullNeverEmpty() {
        KeyUpdate u;
        u.alias = u"  "_qs;
        const QJsonObject body = u.toJson();
        QVERIFY(body.contains(u"key_alias"));
        QVERIFY(body.value(u"key_alias").isNull());
    }

    // A budget or limit removed is sent as null; one the reply still has was not applied.
    void removedBudgetAndLimitsAreNull() {
        KeyUpdate u;
        u.clearMaxBudget = true;
        u.clearTpmLimit = true;
        u.clearRpmLimit = true;
        QVERIFY(!u.isEmpty());
        QCOMPARE(u.validate(), std::nullopt);
        const QJsonObject body = u.toJson();
        QCOMPARE(body.keys(), (QStringList{u"max_budget"_qs, u"rpm_limit"_qs, u"tpm_limit"_qs}));
        for (const QJsonValue &v : body)
            QVERIFY(v.isNull());
        KeyRecord cleared;
        QCOMPARE(u.droppedFields(cleared, QDateTime::currentDateTimeUtc()), QStringList());
        KeyRecord kept; // an older proxy ignores a null
        kept.maxBudget = 10;
        kept.tpmLimit = 1000;
        QCOMPARE(u.droppedFields(kept, QDateTime::currentDateTimeUtc()),
                 (QStringList{u"max_budget"_qs, u"tpm_limit"_qs}));
        KeyUpdate both;
        both.maxBudget = 5;
        both.clearMaxBudget = true;
        QVERIFY(both.validate().has_value());
    }

    void onlyGivenFieldsAreSentAndMetadataIsMerged() {
        KeyUpdate u;
        u.maxBudget = 5;
        u.metadata.insert(u"owner"_qs, u"ops"_qs);
        const QJsonObject body = u.toJson(QJsonObject{{u"team"_qs, u"a"_qs}, {u"owner"_qs, u"old"_qs}});
        QCOMPARE(body.keys(), (QStringList{u"max_budget"_qs, u"metadata"_qs}));
        QCOMPARE(body.value(u"metadata").toObject(),
                 (QJsonObject{{u"team"_qs, u"a"_qs}, {u"owner"_qs, u"ops"_qs}}));
        KeyUpdate never;
        never.expiresIn = QString();
        QVERIFY(never.toJson().value(u"duration").isNull());
        QVERIFY(never.toJson().contains(u"duration"));
    }

    void droppedFieldsNamesWhatTheReplyLacks() {
        const QDateTime sent = QDateTime::currentDateTimeUtc();
        KeyUpdate u;
        u.alias = u"ci"_qs;
        u.models = QStringList{u"gpt-4o"_qs};
        u.maxBudget = 10;
        u.metadata.insert(u"owner"_qs, u"ops"_qs);
        u.expiresIn = u"30d"_qs;
        KeyRecord applied;
        applied.keyAlias = u"ci"_qs;
        applied.models = {u"gpt-4o"_qs};
        applied.maxBudget = 10;
        applied.metadata.insert(u"owner"_qs, u"ops"_qs);
        applied.expires = sent.addDays(30);
        QCOMPARE(u.droppedFields(applied, sent), QStringList());
        KeyRecord ignored = applied;
        ignored.keyAlias.clear();
        ignored.maxBudget.reset();
        ignored.metadata = {};
        ignored.expires = {};
        QCOMPARE(u.droppedFields(ignored, sent),
                 (QStringList{u"key_alias"_qs, u"max_budget"_qs, u"metadata"_qs, u"duration"_qs}));
    }
};

QTEST_GUILESS_MAIN(TestKeyUpdate)
#include "tst_KeyUpdate.moc"
