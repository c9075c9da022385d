#include "SimClient.h"

#include "sim/SimActivity.h"
#include "sim/SimDataset.h"
#include "sim/SimKeyStore.h"

#include <QTest>

#include <memory>

// Daily activity routes: paging over raw rows with per-page totals, and the /aggregated variant.
class TestSimActivity : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;
    QString m_range;

    static double sumSpend(const QJsonArray &results) {
        double s = 0;
        for (const auto &r : results)
            s += r.toObject().value(u"metrics").toObject().value(u"spend").toDouble();
        return s;
    }

private slots:
    void initTestCase() {
        SimOptions o;
        o.keys = 400;
        o.days = 14;
        o.today = QDate(2025, 3, 14);
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
        m_range = u"start_date=2025-03-01&end_date=2025-03-14"_qs;
    }

    void datesAreRequired_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("user") << u"/user/daily/activity?start_date=2025-03-01"_qs;
        QTest::newRow("team") << u"/team/daily/activity?end_date=2025-03-01"_qs;
        QTest::newRow("tag") << u"/tag/daily/activity"_qs;
        QTest::newRow("aggregated") << u"/user/daily/activity/aggregated"_qs;
    }

    void datesAreRequired() {
        QFETCH(QString, path);
        SimClient c(*m_sim);
        const auto a = c.get(path);
        QCOMPARE(a.status, 400);
        QCOMPARE(a.object().value(u"detail").toObject().value(u"error").toString(),
                 u"Please provide start_date and end_date"_qs);
    }

    void pagesAreRawRowsWithPageTotals_data() {
        QTest::addColumn<QString>("route");
        QTest::newRow("user") << u"/user/daily/activity"_qs;
        QTest::newRow("team") << u"/team/daily/activity"_qs;
        QTest::newRow("tag") << u"/tag/daily/activity"_qs;
    }

    void pagesAreRawRowsWithPageTotals() {
        QFETCH(QString, route);
        SimClient c(*m_sim);
        const auto all = c.get(route + u"/aggregated?"_qs + m_range).object();
        const double total = all.value(u"metadata").toObject().value(u"total_spend").toDouble();
        QVERIFY(total > 0);
        QCOMPARE(all.value(u"results").toArray().size(), 14); // every day has usage here

        QMap<QString, int> pagesPerDate;
        double merged = 0;
        qint64 mergedRequests = 0;
        int page = 1, totalPages = 0;
        QString lastDate = u"9999"_qs;
        do {
            const auto a = c.get(route + u"?page_size=25&page=%1&"_qs.arg(page) + m_range);
            QCOMPARE(a.status, 200);
            const QJsonObject meta = a.object().value(u"metadata").toObject();
            const QJsonArray results = a.object().value(u"results").toArray();
            QCOMPARE(meta.value(u"page").toInt(), page);
            totalPages = meta.value(u"total_pages").toInt();
            QCOMPARE(meta.value(u"has_more").toBool(), page < totalPages);
            QVERIFY(qAbs(meta.value(u"total_spend").toDouble() - sumSpend(results)) < 1e-6); // this page only
            for (const auto &r : results) {
                const QString date = r.toObject().value(u"date").toString();
                QVERIFY(date <= lastDate); // date descending across pages
                lastDate = date;
                ++pagesPerDate[date];
                const QJsonObject breakdown = r.toObject().value(u"breakdown").toObject();
                QVERIFY(!breakdown.value(u"api_keys").toObject().isEmpty());
                const QJsonObject model = breakdown.value(u"models").toObject().begin()->toObject();
                QVERIFY(model.contains(u"api_key_breakdown"));
                const QJsonObject key = breakdown.value(u"api_keys").toObject().begin()->toObject();
                QVERIFY(key.value(u"metadata").toObject().contains(u"key_alias"));
                QCOMPARE(breakdown.value(u"entities").toObject().isEmpty(), route == u"/user/daily/activity");
            }
            merged += meta.value(u"total_spend").toDouble();
            mergedRequests += meta.value(u"total_api_requests").toInteger();
            ++page;
        } while (page <= totalPages);
        QVERIFY(totalPages > 2);
        QVERIFY2(std::any_of(pagesPerDate.begin(), pagesPerDate.end(), [](int n) { return n > 1; }),
                 "some date must span several pages");
        QVERIFY(qAbs(merged - total) < 1e-6);
        QCOMPARE(mergedRequests, all.value(u"metadata").toObject().value(u"total_api_requests").toInteger());
    }

    void filters() {
        SimClient c(*m_sim);
        const QString team = m_sim->data().teams().at(1).teamId;
        const auto teamOnly =
            c.get(u"/team/daily/activity/aggregated?team_ids="_qs + team + u'&' + m_range).object();
        for (const auto &r : teamOnly.value(u"results").toArray())
            QCOMPARE(r.toObject().value(u"breakdown").toObject().value(u"entities").toObject().keys(),
                     QStringList{team});
        const auto excluded =
            c.get(u"/team/daily/activity/aggregated?exclude_team_ids="_qs + team + u'&' + m_range).object();
        for (const auto &r : excluded.value(u"results").toArray())
            QVERIFY(
                !r.toObject().value(u"breakdown").toObject().value(u"entities").toObject().contains(team));
        const auto model = c.get(u"/user/daily/activity/aggregated?model=gpt-4o&"_qs + m_range).object();
        for (const auto &r : model.value(u"results").toArray())
            QCOMPARE(r.toObject().value(u"breakdown").toObject().value(u"models").toObject().keys(),
                     QStringList{u"gpt-4o"_qs});
        // As in LiteLLM, the model filter matches the deployment, never the public name.
        const auto deployment =
            c.get(u"/user/daily/activity/aggregated?model=claude-3-5-sonnet-20241022&"_qs + m_range).object();
        QVERIFY(!deployment.value(u"results").toArray().isEmpty());
        for (const auto &r : deployment.value(u"results").toArray())
            QCOMPARE(r.toObject().value(u"breakdown").toObject().value(u"model_groups").toObject().keys(),
                     QStringList{u"claude-3-5-sonnet"_qs});
        const auto publicName =
            c.get(u"/user/daily/activity/aggregated?model=claude-3-5-sonnet&"_qs + m_range).object();
        QVERIFY(publicName.value(u"results").toArray().isEmpty());
        const auto tag = c.get(u"/tag/daily/activity/aggregated?tags=batch&"_qs + m_range).object();
        QVERIFY(!tag.value(u"results").toArray().isEmpty());
        for (const auto &r : tag.value(u"results").toArray())
            QCOMPARE(r.toObject().value(u"breakdown").toObject().value(u"entities").toObject().keys(),
                     QStringList{u"batch"_qs});
        const QString key = model.value(u"results")
                                .toArray()
                                .first()
                                .toObject()
                                .value(u"breakdown")
                                .toObject()
                                .value(u"api_keys")
                                .toObject()
                                .keys()
                                .first();
        const auto oneKey =
            c.get(u"/user/daily/activity/aggregated?api_key="_qs + key + u'&' + m_range).object();
        for (const auto &r : oneKey.value(u"results").toArray())
            QCOMPARE(r.toObject().value(u"breakdown").toObject().value(u"api_keys").toObject().keys(),
                     QStringList{key});
    }

    void aggregatedIsOptional() {
        SimOptions o;
        o.keys = 20;
        o.aggregatedActivity = false;
        Simulator old(o);
        QVERIFY(old.listen());
        SimClient c(old);
        QCOMPARE(c.get(u"/user/daily/activity/aggregated?"_qs + m_range).status, 404);
        QCOMPARE(c.get(u"/user/daily/activity?"_qs + m_range).status, 200);
    }

    // As LiteLLM's tag table: a request of a key with two tags is a row under each tag, so the tag route's
    // totals are twice the key's real spend and requests, while the user route counts them once.
    void aKeyWithTwoTagsCountsUnderEach() {
        const SimKeyStore &keys = m_sim->data().keys();
        SimActivityQuery user;
        user.start = QDate(2025, 3, 1);
        user.end = QDate(2025, 3, 14);
        QString token;
        QStringList tags;
        for (qint64 i = 0; i < keys.size() && token.isEmpty(); ++i) {
            const SimKey key = keys.key(i);
            user.apiKey = key.token;
            if (key.tags().size() == 2 && !m_sim->data().activity().rows(user).isEmpty()) {
                token = key.token;
                tags = key.tags();
                tags.sort();
            }
        }
        QVERIFY2(!token.isEmpty(), "the data set has an active key with two tags");
        SimClient c(*m_sim);
        const QString filter = u"api_key="_qs + token + u'&' + m_range;
        const auto once = c.get(u"/user/daily/activity/aggregated?"_qs + filter).object();
        const auto byTag = c.get(u"/tag/daily/activity/aggregated?"_qs + filter).object();
        const QJsonObject real = once.value(u"metadata").toObject();
        const QJsonObject summed = byTag.value(u"metadata").toObject();
        QVERIFY(real.value(u"total_spend").toDouble() > 0);
        QCOMPARE(summed.value(u"total_api_requests").toInteger(),
                 2 * real.value(u"total_api_requests").toInteger());
        QVERIFY(qAbs(summed.value(u"total_spend").toDouble() - 2 * real.value(u"total_spend").toDouble()) <
                1e-9);
        for (const auto &r : byTag.value(u"results").toArray()) {
            const QJsonObject entities =
                r.toObject().value(u"breakdown").toObject().value(u"entities").toObject();
            QCOMPARE(entities.keys(), tags);
            QCOMPARE(entities.value(tags.at(0)).toObject().value(u"metrics"),
                     entities.value(tags.at(1)).toObject().value(u"metrics"));
        }
        // Asking for one of the tags counts the key's requests once.
        const auto oneTag =
            c.get(u"/tag/daily/activity/aggregated?tags="_qs + tags.at(0) + u'&' + filter).object();
        QCOMPARE(oneTag.value(u"metadata").toObject().value(u"total_api_requests").toInteger(),
                 real.value(u"total_api_requests").toInteger());
    }

    void versionsPickProfiles_data() {
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("profile"); // -1: refused
        QTest::addColumn<QString>("reported");
        using P = SimOptions::Profile;
        QTest::newRow("oldest") << u"oldest"_qs << int(P::Oldest) << u"1.65.4"_qs;
        QTest::newRow("1.7x") << u"1.7x"_qs << int(P::V17x) << u"1.74.3"_qs;
        QTest::newRow("newest") << u"newest"_qs << int(P::Newest) << u"1.81.3"_qs;
        QTest::newRow("1.69.9 is oldest") << u"1.69.9"_qs << int(P::Oldest) << u"1.69.9"_qs;
        QTest::newRow("1.70.0 is 1.7x") << u"1.70.0"_qs << int(P::V17x) << u"1.70.0"_qs;
        QTest::newRow("1.79.9 is 1.7x") << u"1.79.9"_qs << int(P::V17x) << u"1.79.9"_qs;
        QTest::newRow("v1.80.0 is newest") << u"v1.80.0"_qs << int(P::Newest) << u"1.80.0"_qs;
        QTest::newRow("2.0 is newest") << u"2.0"_qs << int(P::Newest) << u"2.0"_qs;
        QTest::newRow("words") << u"latest"_qs << -1 << QString();
        QTest::newRow("empty") << QString() << -1 << QString();
    }

    void versionsPickProfiles() {
        QFETCH(QString, version);
        QFETCH(int, profile);
        QFETCH(QString, reported);
        const auto o = SimOptions::forVersion(version);
        QCOMPARE(o.has_value(), profile >= 0);
        if (!o)
            return;
        const SimOptions expected = SimOptions::forVersion(SimOptions::Profile(profile));
        QCOMPARE(o->litellmVersion, reported);
        QCOMPARE(o->aggregatedActivity, expected.aggregatedActivity);
        QCOMPARE(o->activityBreakdownWrapped, expected.activityBreakdownWrapped);
        QCOMPARE(o->activityModelGroups, expected.activityModelGroups);
        QCOMPARE(o->activityKeyLimit, expected.activityKeyLimit);
    }

    // The oldest daily activity maps breakdown names straight to metrics and has no model_groups;
    // the totals are the same in every profile.
    void oldestShape() {
        Simulator old(profileOptions(SimOptions::Profile::Oldest));
        QVERIFY(old.listen());
        SimClient c(old);
        QCOMPARE(c.get(u"/user/daily/activity/aggregated?"_qs + m_range).status, 404);
        const auto page = c.get(u"/team/daily/activity?page_size=1000&"_qs + m_range).object();
        const QJsonArray results = page.value(u"results").toArray();
        QVERIFY(!results.isEmpty());
        for (const auto &r : results) {
            const QJsonObject breakdown = r.toObject().value(u"breakdown").toObject();
            QVERIFY(!breakdown.contains(u"model_groups"));
            for (const char *map : {"models", "providers", "api_keys", "entities"}) {
                const QJsonObject entries = breakdown.value(QLatin1StringView(map)).toObject();
                QVERIFY2(!entries.isEmpty(), map);
                for (const auto &entry : entries) {
                    QVERIFY2(entry.toObject().contains(u"spend"), map);
                    QVERIFY2(!entry.toObject().contains(u"metrics"), map);
                }
            }
        }
        SimClient now(*m_sim);
        const auto current = now.get(u"/team/daily/activity?page_size=1000&"_qs + m_range).object();
        QCOMPARE(page.value(u"metadata").toObject().value(u"total_spend"),
                 current.value(u"metadata").toObject().value(u"total_spend"));
    }

    // The newest /aggregated keeps the top api_key_limit keys by spend (default 100, at most 1000) in
    // api_keys and every api_key_breakdown, and says how many keys there were.
    void newestKeepsTopKeys() {
        Simulator newest(profileOptions(SimOptions::Profile::Newest));
        QVERIFY(newest.listen());
        SimClient c(newest);
        const auto keysIn = [](const QJsonObject &response) {
            QSet<QString> keys, inBreakdowns;
            for (const auto &r : response.value(u"results").toArray()) {
                const QJsonObject breakdown = r.toObject().value(u"breakdown").toObject();
                for (const auto &k : breakdown.value(u"api_keys").toObject().keys())
                    keys.insert(k);
                for (const auto &model : breakdown.value(u"models").toObject())
                    for (const auto &k : model.toObject().value(u"api_key_breakdown").toObject().keys())
                        inBreakdowns.insert(k);
            }
            return std::pair(keys, inBreakdowns);
        };
        const auto all = c.get(u"/user/daily/activity?page_size=1000&"_qs + m_range).object();
        const QSet<QString> allKeys = keysIn(all).first;
        QVERIFY2(allKeys.size() > 100, "the data set must have more keys than the default limit");

        const auto top = c.get(u"/user/daily/activity/aggregated?"_qs + m_range).object();
        const QJsonObject meta = top.value(u"metadata").toObject();
        QCOMPARE(meta.value(u"api_key_limit").toInt(), 100);
        QCOMPARE(meta.value(u"total_api_keys").toInt(), allKeys.size());
        const auto [topKeys, topInBreakdowns] = keysIn(top);
        QCOMPARE(topKeys.size(), 100);
        QVERIFY(!topInBreakdowns.isEmpty() && QSet(topInBreakdowns).subtract(topKeys).isEmpty());
        QCOMPARE(meta.value(u"total_spend"), all.value(u"metadata").toObject().value(u"total_spend"));

        const auto most = c.get(u"/user/daily/activity/aggregated?api_key_limit=1000&"_qs + m_range).object();
        QCOMPARE(most.value(u"metadata").toObject().value(u"api_key_limit").toInt(), 1000);
        QCOMPARE(keysIn(most).first, allKeys);
        QCOMPARE(c.get(u"/user/daily/activity/aggregated?api_key_limit=1001&"_qs + m_range).status, 422);
        QCOMPARE(c.get(u"/user/daily/activity/aggregated?api_key_limit=0&"_qs + m_range).status, 422);
        // The paged route never cuts keys off.
        QVERIFY(!all.value(u"metadata").toObject().contains(u"api_key_limit"));
    }

private:
    static SimOptions profileOptions(SimOptions::Profile profile) {
        SimOptions o = SimOptions::forVersion(profile);
        o.keys = 400;
        o.days = 14;
        o.today = QDate(2025, 3, 14);
        return o;
    }
};

QTEST_GUILESS_MAIN(TestSimActivity)
#include "tst_SimActivity.moc"
