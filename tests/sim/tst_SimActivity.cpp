#include "SimClient.h"

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
};

QTEST_GUILESS_MAIN(TestSimActivity)
#include "tst_SimActivity.moc"
