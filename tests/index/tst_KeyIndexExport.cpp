#include "core/index/KeyIndexExport.h"

#include "core/index/KeyIndex.h"
#include "core/keys/KeyExporter.h"
#include "core/keys/KeyRisk.h"
#include "sim/SimDataset.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

// Export from the key index: every matching key, in the query's order, written as the proxy export
// writes them, a chunk at a time, atomically.
class TestKeyIndexExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_index;
    const QDateTime m_now = QDateTime::currentDateTimeUtc();

    static QByteArray read(const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QList<KeyRecord> expected(const KeyIndexQuery &q) const {
        KeyIndex index(m_index);
        return index.open() ? index.keys(q, m_now, 0, 1000000) : QList<KeyRecord>();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_index = m_dir.filePath(u"index.sqlite"_qs);
        KeyIndex index(m_index);
        QVERIFY(index.open());
        SimOptions o;
        o.keys = 2345;
        SimDataset data(o);
        QList<KeyRecord> keys;
        for (qint64 i = 0; i < data.keys().size(); ++i)
            keys << keyRecordFromJson(data.keys().key(i).toJson(true));
        QVERIFY(index.begin());
        QVERIFY(index.store(keys, m_now, false, u"sync"_qs));
        QVERIFY(index.commit());
    }

    void csvHasEveryMatchingKeyInOrder_data() {
        QTest::addColumn<int>("chunk");
        QTest::newRow("one chunk") << 10000;
        QTest::newRow("chunks of 500") << 500;
        QTest::newRow("chunks of 1") << 1; // a chunk boundary after every key
    }
    void csvHasEveryMatchingKeyInOrder() {
        QFETCH(int, chunk);
        KeyIndexQuery q;
        q.sortBy = u"key_alias"_qs;
        q.sortOrder = Qt::AscendingOrder;
        const QString path = m_dir.filePath(u"keys-%1.csv"_qs.arg(chunk));
        qint64 calls = 0;
        const auto outcome = keyindexexport::write(
            m_index, q, m_now, path,
            [&](qint64 done, qint64 total) {
                ++calls;
                return done <= total;
            },
            chunk);
        QVERIFY2(outcome.problem.isEmpty(), qPrintable(outcome.problem));
        QVERIFY(!outcome.canceled);
        const QList<KeyRecord> keys = expected(q);
        QVERIFY(keys.size() > 2000);
        QCOMPARE(outcome.keys, keys.size());
        QCOMPARE(read(path), KeyExporter::serialise(keys, KeyExporter::Format::Csv, m_now));
        QVERIFY(calls >= keys.size() / chunk);
    }

    void jsonIsOneArrayOfTheFilteredKeys() {
        KeyIndexQuery q;
        q.risks = {KeyRisk::Blocked, KeyRisk::OverBudget};
        const QString path = m_dir.filePath(u"keys.json"_qs);
        const auto outcome = keyindexexport::write(m_index, q, m_now, path, {}, 7);
        QVERIFY(outcome.problem.isEmpty());
        const QList<KeyRecord> keys = expected(q);
        QVERIFY(keys.size() > 7 && keys.size() < 1000);
        QCOMPARE(outcome.keys, keys.size());
        QJsonParseError error;
        const QJsonDocument written = QJsonDocument::fromJson(read(path), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(
            written.array(),
            QJsonDocument::fromJson(KeyExporter::serialise(keys, KeyExporter::Format::Json, m_now)).array());
    }

    void nothingMatchingIsAnEmptyFile() {
        KeyIndexQuery q;
        q.text = u"no key has this text"_qs;
        const QString json = m_dir.filePath(u"none.json"_qs);
        QCOMPARE(keyindexexport::write(m_index, q, m_now, json, {}).keys, 0);
        QCOMPARE(QJsonDocument::fromJson(read(json)).array(), QJsonArray());
        const QString csv = m_dir.filePath(u"none.csv"_qs);
        QCOMPARE(keyindexexport::write(m_index, q, m_now, csv, {}).keys, 0);
        QCOMPARE(read(csv), KeyExporter::serialise({}, KeyExporter::Format::Csv, m_now)); // the header
    }

    void aCanceledExportWritesNothing() {
        const QString path = m_dir.filePath(u"canceled.csv"_qs);
        QFile::remove(path);
        const auto outcome = keyindexexport::write(
            m_index, {}, m_now, path, [](qint64 done, qint64) { return done < 1000; }, 500);
        QVERIFY(outcome.canceled);
        QVERIFY(outcome.problem.isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void anUnwritableFolderIsAClearProblem() {
        const auto outcome =
            keyindexexport::write(m_index, {}, m_now, u"/proc/no-such-folder/keys.csv"_qs, {});
        QVERIFY(!outcome.problem.isEmpty());
        QCOMPARE(outcome.keys, 0);
    }
};

QTEST_GUILESS_MAIN(TestKeyIndexExport)
#include "tst_KeyIndexExport.moc"
