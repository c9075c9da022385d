#include "core/connection/ProfileStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestProfileStore : public QObject {
    Q_OBJECT
private slots:
    void savesAndReadsBack();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void namesAreUnique();
    void removeForgetsLastUsed();
    void plainHttpNeedsConfirmation_data();
    void plainHttpNeedsConfirmation();
    void handEditedFileIsReadNoLaxer_data();
    void handEditedFileIsReadNoLaxer();

private:
    QTemporaryDir m_dir;
    QString file(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestProfileStore::savesAndReadsBack() {
    ProfileStore store(file("a.ini"));
    QSignalSpy changed(&store, &ProfileStore::changed);
    Profile p;
    p.name = QStringLiteral("Production");
    p.baseUrl = QUrl(QStringLiteral("https://llm.example.com//api/"));
    p.authStyle = AuthStyle::LiteLlmHeader;
    p.environment = QStringLiteral("prod");
    p.pinnedSha256 = QString(64, u'a');
    p.timeoutSeconds = 45;
    QCOMPARE(store.save(p), QString());
    QCOMPARE(changed.count(), 1);

    ProfileStore again(file("a.ini"));
    const auto all = again.profiles();
    QCOMPARE(all.size(), 1);
    const Profile &r = all.first();
    QVERIFY(!r.id.isEmpty());
    QCOMPARE(r.name, QStringLiteral("Production"));
    QCOMPARE(r.baseUrl.toString(), QStringLiteral("https://llm.example.com/api"));
    QCOMPARE(r.authStyle, AuthStyle::LiteLlmHeader);
    QCOMPARE(r.color, QStringLiteral("#c62828")); // production is red unless chosen otherwise
    QCOMPARE(r.timeoutSeconds, 45);
    QCOMPARE(r.secretKey(), QStringLiteral("profile/") + r.id);
    QVERIFY(again.find(QStringLiteral("production")).has_value());
    QVERIFY(again.find(r.id).has_value());
}

void TestProfileStore::rejectsInvalid_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<QString>("pin");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no name") << ""
                             << "https://a.example" << 30 << ""
                             << "name";
    QTest::newRow("ftp url") << "x"
                             << "ftp://a.example" << 30 << ""
                             << "http";
    QTest::newRow("no host") << "x"
                             << "https://" << 30 << ""
                             << "not a valid URL";
    QTest::newRow("timeout zero") << "x"
                                  << "https://a.example" << 0 << ""
                                  << "timeout";
    QTest::newRow("short pin") << "x"
                               << "https://a.example" << 30 << "abcd"
                               << "SHA-256";
}

void TestProfileStore::rejectsInvalid() {
    QFETCH(QString, name);
    QFETCH(QString, url);
    QFETCH(int, timeout);
    QFETCH(QString, pin);
    QFETCH(QString, expected);
    ProfileStore store(file("invalid.ini"));
    Profile p;
    p.name = name;
    p.baseUrl = QUrl(url);
    p.timeoutSeconds = timeout;
    p.pinnedSha256 = pin;
    const QString why = store.save(p);
    QVERIFY2(why.contains(expected, Qt::CaseInsensitive), qPrintable(why));
    QCOMPARE(store.profiles().size(), 0);
}

void TestProfileStore::namesAreUnique() {
    ProfileStore store(file("unique.ini"));
    Profile a;
    a.name = QStringLiteral("Staging");
    a.baseUrl = QUrl(QStringLiteral("https://s.example"));
    QCOMPARE(store.save(a), QString());
    Profile b = a;
    b.id.clear();
    b.name = QStringLiteral("staging");
    QVERIFY(store.save(b).contains(u"already exists"));
    // Saving the same profile again (same id) is an edit, not a duplicate.
    Profile edited = store.profiles().first();
    edited.baseUrl = QUrl(QStringLiteral("https://s2.example"));
    QCOMPARE(store.save(edited), QString());
    QCOMPARE(store.profiles().size(), 1);
    QCOMPARE(store.profiles().first().baseUrl.host(), QStringLiteral("s2.example"));
}

void TestProfileStore::removeForgetsLastUsed() {
    ProfileStore store(file("remove.ini"));
    Profile a;
    a.name = QStringLiteral("Dev");
    a.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:4000"));
    QCOMPARE(store.save(a), QString());
    const QString id = store.profiles().first().id;
    store.setLastUsedId(id);
    QCOMPARE(store.lastUsedId(), id);
    QVERIFY(store.remove(id));
    QVERIFY(store.lastUsedId().isEmpty());
    QVERIFY(store.profiles().isEmpty());
    QVERIFY(!store.remove(id));
}

void TestProfileStore::plainHttpNeedsConfirmation_data() {
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<bool>("needs");
    QTest::newRow("https") << "https://llm.example.com" << false << false;
    QTest::newRow("http loopback v4") << "http://127.0.0.1:4000" << false << false;
    QTest::newRow("http localhost") << "http://localhost:4000" << false << false;
    QTest::newRow("http loopback v6") << "http://[::1]:4000" << false << false;
    QTest::newRow("http remote") << "http://llm.internal:4000" << false << true;
    QTest::newRow("http remote confirmed") << "http://llm.internal:4000" << true << false;
}

void TestProfileStore::plainHttpNeedsConfirmation() {
    QFETCH(QString, url);
    QFETCH(bool, confirmed);
    QFETCH(bool, needs);
    Profile p;
    p.baseUrl = QUrl(url);
    p.plainHttpConfirmed = confirmed;
    QCOMPARE(p.needsPlainHttpConfirmation(), needs);
}

void TestProfileStore::handEditedFileIsReadNoLaxer_data() {
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("confirmed");
    QTest::addColumn<int>("timeout");
    QTest::newRow("as written") << QByteArray("name=Edge\nplainHttpConfirmed=true\ntimeoutSeconds=45\n")
                                << "Edge" << true << 45;
    QTest::newRow("a stray word confirms nothing")
        << QByteArray("name=Edge\nplainHttpConfirmed=no\n") << "Edge" << false << 30;
    QTest::newRow("1 confirms") << QByteArray("name=Edge\nplainHttpConfirmed=1\n") << "Edge" << true << 30;
    QTest::newRow("timeout 0 is no timeout: the default")
        << QByteArray("name=Edge\ntimeoutSeconds=0\n") << "Edge" << false << 30;
    QTest::newRow("timeout not a number")
        << QByteArray("name=Edge\ntimeoutSeconds=soon\n") << "Edge" << false << 30;
    QTest::newRow("timeout past the limit")
        << QByteArray("name=Edge\ntimeoutSeconds=9999999\n") << "Edge" << false << 600;
    QTest::newRow("unquoted comma in the name") << QByteArray("name=Edge, EU\n") << "Edge, EU" << false << 30;
}

// A settings file edited by hand is read as it says or narrower, and a connection in it is not lost.
void TestProfileStore::handEditedFileIsReadNoLaxer() {
    QFETCH(QByteArray, lines);
    QFETCH(QString, name);
    QFETCH(bool, confirmed);
    QFETCH(int, timeout);
    QString tag = QString::fromLatin1(QTest::currentDataTag());
    for (QChar &c : tag)
        if (!c.isLetterOrNumber())
            c = u'-';
    const QString path = m_dir.filePath(tag + QStringLiteral(".ini"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[profiles]\n");
    for (const QByteArray &line : lines.split('\n'))
        if (!line.isEmpty())
            f.write("0b6f7c1e\\" + line + "\n");
    f.write("0b6f7c1e\\url=http://llm.internal:4000\n");
    f.close();
    ProfileStore store(path);
    const auto all = store.profiles();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().name, name);
    QCOMPARE(all.first().plainHttpConfirmed, confirmed);
    QCOMPARE(all.first().timeoutSeconds, timeout);
    QCOMPARE(all.first().clientConfig().timeoutMs, timeout * 1000);
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_ProfileStore.moc"
