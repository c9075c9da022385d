#include "Sanitizers.h"
#include "SimClient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

// The key store at a million keys: lazily generated rows, sorted orders built once, little memory.
class TestSimKeyStore : public QObject {
    Q_OBJECT

    static qint64 residentKiB() {
        QFile f(u"/proc/self/status"_qs);
        if (!f.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        return 0;
    }

private slots:
    // /key/list writes rows as text; they must say exactly what the JSON object of the row says.
    void rowTextMatchesTheRowObject() {
        SimOptions o;
        o.keys = 400;
        Simulator sim(o);
        const SimKeyStore &keys = sim.data().keys();
        for (qint64 i = 0; i < 400; ++i) {
            SimKey k = keys.key(i);
            if (i % 7 == 0) {
                k.alias = u"quote \" back\\slash\ttab é ✓"_qs;
                k.metadata.insert(u"note"_qs, u"line\nbreak"_qs);
            }
            if (i % 11 == 0) {
                k.deleted = true;
                k.deletedAt = k.createdAt + 1000;
                k.deletedBy = u"admin"_qs;
            }
            for (bool list : {false, true}) {
                QJsonParseError error;
                const QJsonDocument text = QJsonDocument::fromJson(k.toJsonBytes(list), &error);
                QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
                QCOMPARE(text.object(), k.toJson(list));
            }
        }
        SimKey withExtra = keys.key(1);
        withExtra.extra.insert(u"aliases"_qs, QJsonObject{{u"a"_qs, u"b"_qs}});
        QCOMPARE(QJsonDocument::fromJson(withExtra.toJsonBytes(true)).object(), withExtra.toJson(true));
    }

    void millionKeys() {
        SimOptions o;
        o.keys = 1000000;
        o.users = 2000;
        o.teams = 40;
        Simulator sim(o);
        QVERIFY(sim.listen());
        SimClient c(sim);
        // How fast it answers is bench/keys_list_bench's figure; here, that it answers right.
        const auto first = c.get(u"/key/list?sort_by=spend&return_full_object=true&size=100"_qs);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.object().value(u"total_count").toInt(), 1000000);
        const QJsonArray keys = first.object().value(u"keys").toArray();
        QCOMPARE(keys.size(), 100);
        for (qsizetype i = 1; i < keys.size(); ++i)
            QVERIFY(keys.at(i - 1).toObject().value(u"spend").toDouble() >=
                    keys.at(i).toObject().value(u"spend").toDouble());

        const auto second = c.get(u"/key/list?sort_by=spend&sort_order=asc&page=500&size=100"_qs);
        QCOMPARE(second.status, 200);
        const QString user = sim.data().users().at(3).userId;
        const auto filtered =
            c.get(u"/key/list?sort_by=spend&user_id="_qs + user + u"&return_full_object=true"_qs);
        QCOMPARE(filtered.status, 200);
        QVERIFY(filtered.object().value(u"total_count").toInt() > 0);
        for (const auto &k : filtered.object().value(u"keys").toArray())
            QCOMPARE(k.toObject().value(u"user_id").toString(), user);
        QCOMPARE(c.get(u"/key/list?page=1"_qs).status, 200); // default order needs no sort

        // A virtual key authenticates by its derivable raw key without an index of all hashes.
        SimClient user0(sim);
        qint64 usable = 0;
        while (sim.data().keys().key(usable).blocked.value_or(false) || sim.data().keys().key(usable).expires)
            ++usable;
        user0.setKey(sim.data().keys().baseRawKey(usable).toUtf8());
        QCOMPARE(user0.get(u"/key/info"_qs).status, 200);

        const qint64 rss = residentKiB();
        QVERIFY2(rss == 0 || rss < 400 * 1024 * sanitizers::kMemoryFactor,
                 qPrintable(u"resident %1 KiB"_qs.arg(rss)));
    }

    void writesInvalidateSortedOrders() {
        SimOptions o;
        o.keys = 200;
        SimDataset data(o);
        SimKeyQuery q;
        q.sortBy = u"spend"_qs;
        const SimKey top = data.keys().list(q, 0, 1).rows.first();
        SimKey low = data.keys().key(5);
        low.spend = top.spend + 1;
        data.keys().put(low);
        QCOMPARE(data.keys().list(q, 0, 1).rows.first().index, 5);
        q.alias = top.alias;
        QCOMPARE(data.keys().list(q, 0, 10).total, top.alias.isNull() ? 0 : 1);
    }

    void lookupByHashAndAlias() {
        SimOptions o;
        o.keys = 5000;
        SimDataset data(o);
        for (qint64 i : {0, 17, 4999}) {
            const SimKey k = data.keys().key(i);
            QCOMPARE(data.keys().find(k.token), std::optional<qint64>(i));
            QCOMPARE(data.keys().find(data.keys().baseRawKey(i)), std::optional<qint64>(i));
            if (!k.alias.isNull())
                QCOMPARE(data.keys().findLiveByAlias(k.alias), std::optional<qint64>(i));
        }
        QVERIFY(!data.keys().find(u"sk-sim-42-5000"_qs));
        QVERIFY(!data.keys().find(QString(64, u'a')));
    }
};

QTEST_GUILESS_MAIN(TestSimKeyStore)
#include "tst_SimKeyStore.moc"
