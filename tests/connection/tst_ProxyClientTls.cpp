// TLS against the simulator serving HTTPS with a self-signed certificate made for the test.
#include "SelfSignedCertificate.h"
#include "core/api/HealthApi.h"
#include "core/api/ProxyClient.h"
#include "sim/Simulator.h"

#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

class TestProxyClientTls : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void selfSignedIsRefusedWithItsFingerprint();
    void pinnedFingerprintIsTrusted();
    void wrongPinIsRefused();
    void customCaIsTrusted();
    void unreadableCaFileSaysSo();

private:
    Expected<Readiness> readinessWith(ClientConfig config);

    QTemporaryDir m_dir;
    SelfSignedCertificate m_tls;
    QString m_sha;
    std::unique_ptr<Simulator> m_sim;
};

void TestProxyClientTls::initTestCase() {
    m_tls = SelfSignedCertificate::create(m_dir.path());
    QVERIFY(!m_tls.isNull());
    m_sha = m_tls.sha256();
}

void TestProxyClientTls::init() {
    m_sim = std::make_unique<Simulator>(SimOptions{});
    QVERIFY(m_sim->listenTls(m_tls.serverConfiguration()));
    QCOMPARE(m_sim->url().scheme(), QStringLiteral("https"));
}

Expected<Readiness> TestProxyClientTls::readinessWith(ClientConfig config) {
    config.baseUrl = m_sim->url();
    config.timeoutMs = 10000;
    ProxyClient client(config, m_sim->masterKey());
    std::optional<Expected<Readiness>> out;
    api::readiness(client, this, [&](Expected<Readiness> r) { out = r; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000); }();
    return out ? *out : Expected<Readiness>(Unexpected(ApiError{}));
}

void TestProxyClientTls::selfSignedIsRefusedWithItsFingerprint() {
    const auto r = readinessWith({});
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Tls);
    QVERIFY2(r.error().message.contains(u"not trusted"), qPrintable(r.error().message));
    QCOMPARE(r.error().certificateSha256, m_sha);
    QVERIFY(r.error().certificateSummary.contains(u"127.0.0.1"));
    QVERIFY(r.error().hint.contains(u"pin"));
}

void TestProxyClientTls::pinnedFingerprintIsTrusted() {
    ClientConfig c;
    // Written the way tools print it: upper case with colons.
    QString colons;
    for (int i = 0; i < m_sha.size(); i += 2)
        colons += (i ? QStringLiteral(":") : QString()) + m_sha.mid(i, 2).toUpper();
    c.pinnedSha256 = colons;
    const auto r = readinessWith(c);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->litellmVersion, SimOptions{}.litellmVersion);
}

void TestProxyClientTls::wrongPinIsRefused() {
    ClientConfig c;
    c.pinnedSha256 = QString(64, u'a');
    const auto r = readinessWith(c);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Tls);
    QVERIFY(r.error().hint.contains(u"does not match"));
}

void TestProxyClientTls::customCaIsTrusted() {
    ClientConfig c;
    c.caFile = m_tls.certificateFile;
    const auto r = readinessWith(c);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
}

void TestProxyClientTls::unreadableCaFileSaysSo() {
    ClientConfig c;
    c.caFile = m_dir.filePath(QStringLiteral("key-not-a-cert.txt"));
    const auto r = readinessWith(c);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, ApiError::Kind::Tls);
    QVERIFY(r.error().message.contains(u"holds no PEM certificate"));
    QCOMPARE(m_sim->requestsServed(), 0); // nothing was sent with weaker trust
}

QTEST_GUILESS_MAIN(TestProxyClientTls)
#include "tst_ProxyClientTls.moc"
