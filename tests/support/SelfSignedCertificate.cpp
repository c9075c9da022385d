#include "SelfSignedCertificate.h"

#include <QDir>
#include <QFile>
#include <QProcess>

QString SelfSignedCertificate::sha256() const {
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QSslConfiguration SelfSignedCertificate::serverConfiguration() const {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    return tls;
}

SelfSignedCertificate SelfSignedCertificate::create(const QString &dir) {
    SelfSignedCertificate out;
    QProcess openssl;
    openssl.setWorkingDirectory(dir);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                   QStringLiteral("-keyout"), QStringLiteral("key.pem"), QStringLiteral("-out"),
                   QStringLiteral("cert.pem")});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return out;
    out.certificateFile = QDir(dir).filePath(QStringLiteral("cert.pem"));
    QFile certFile(out.certificateFile), keyFile(QDir(dir).filePath(QStringLiteral("key.pem")));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return out;
    out.certificate = QSslCertificate(&certFile, QSsl::Pem);
    out.key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
    return out;
}
