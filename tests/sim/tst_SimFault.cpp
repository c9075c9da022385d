#include "SimClient.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

// Each fault kind, observed by a real HTTP client.
class TestSimFault : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Simulator> m_sim;

private slots:
    void init() {
        SimOptions o;
        o.keys = 50;
        m_sim = std::make_unique<Simulator>(o);
        QVERIFY(m_sim->listen());
    }

    void parse_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::newRow("status") << u"/key/list=status:500"_qs << true;
        QTest::newRow("delay once") << u"/v2/model/info=delay:2000x1"_qs << true;
        QTest::newRow("everything drops") << u"*=drop"_qs << true;
        QTest::newRow("no path") << u"drop"_qs << false;
        QTest::newRow("unknown kind") << u"/x=explode"_qs << false;
        QTest::newRow("status without code") << u"/x=status"_qs << false;
    }

    void parse() {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QString why;
        QCOMPARE(SimFault::parse(spec, &why).has_value(), valid);
        QCOMPARE(why.isEmpty(), valid);
    }

    void status() {
        m_sim->addFault(*SimFault::parse(u"/key/list=status:503x1"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, 503);
        QCOMPARE(a.object().value(u"error").toObject().value(u"code").toString(), u"503"_qs);
        QCOMPARE(c.get(u"/key/list"_qs).status, 200); // only once
    }

    void delay() {
        m_sim->addFault(*SimFault::parse(u"/key/list=delay:400"_qs));
        SimClient c(*m_sim);
        QElapsedTimer t;
        t.start();
        QCOMPARE(c.get(u"/key/list"_qs).status, 200);
        QVERIFY(t.elapsed() >= 380);
    }

    void hangMeetsClientTimeout() {
        m_sim->addFault(*SimFault::parse(u"/key/list=hang"_qs));
        SimClient c(*m_sim);
        c.setTimeout(300);
        const auto a = c.get(u"/key/list"_qs);
        QVERIFY(a.finished);
        QCOMPARE(a.status, 0);
        QVERIFY(a.error == QNetworkReply::OperationCanceledError || a.error == QNetworkReply::TimeoutError);
    }

    void drop() {
        m_sim->addFault(*SimFault::parse(u"*=drop"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, 0);
        QVERIFY(a.error != QNetworkReply::NoError);
    }

    void truncate() {
        m_sim->addFault(*SimFault::parse(u"/key/list=truncate"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list?size=50"_qs);
        QVERIFY(a.error != QNetworkReply::NoError);
        QVERIFY(!a.isJson());
    }

    void badJson() {
        m_sim->addFault(*SimFault::parse(u"/key/list=bad-json"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, 200);
        QVERIFY(!a.body.isEmpty());
        QVERIFY(!a.isJson());
    }

    void wrongTypes() {
        m_sim->addFault(*SimFault::parse(u"/key/list=wrong-types"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(u"/key/list"_qs);
        QCOMPARE(a.status, 200);
        QVERIFY(a.object().value(u"total_count").isString());
        QCOMPARE(a.object().value(u"total_count").toString(), u"50"_qs);
    }

    void endlessPaging_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("hasMoreField");
        QTest::newRow("key list") << u"/key/list?page=5&size=100"_qs << QString();
        QTest::newRow("user list") << u"/user/list?page=3&page_size=100"_qs << QString();
        QTest::newRow("activity")
            << u"/user/daily/activity?start_date=2000-01-01&end_date=2000-01-02&page=2"_qs << u"has_more"_qs;
    }

    void endlessPaging() {
        QFETCH(QString, path);
        QFETCH(QString, hasMoreField);
        m_sim->addFault(*SimFault::parse(u"*=endless-paging"_qs));
        SimClient c(*m_sim);
        const auto a = c.get(path);
        QCOMPARE(a.status, 200);
        QJsonObject o = a.object();
        if (o.contains(u"metadata"))
            o = o.value(u"metadata").toObject();
        const int page =
            o.contains(u"current_page") ? o.value(u"current_page").toInt() : o.value(u"page").toInt();
        QVERIFY(o.value(u"total_pages").toInt() > page);
        if (!hasMoreField.isEmpty())
            QVERIFY(o.value(hasMoreField).toBool());
    }
};

QTEST_GUILESS_MAIN(TestSimFault)
#include "tst_SimFault.moc"
