#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

// A certificate and key for 127.0.0.1 made with openssl in `dir`, for HTTPS tests of the simulator.
struct SelfSignedCertificate {
    QSslCertificate certificate;
    QSslKey key;
    QString certificateFile; // PEM, usable as a connection's CA file

    bool isNull() const { return certificate.isNull() || key.isNull(); }
    QString sha256() const;
    // A server configuration presenting this certificate.
    QSslConfiguration serverConfiguration() const;

    static SelfSignedCertificate create(const QString &dir);
};
