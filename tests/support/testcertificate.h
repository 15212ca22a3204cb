#pragma once
// A throwaway self-signed TLS certificate for tests: made by the openssl command-line tool so
// the test helpers need no OpenSSL headers, valid for two days, for 127.0.0.1, ::1 and
// localhost.
#include <QByteArray>
#include <QSslCertificate>
#include <QString>

struct TestCertificate
{
    QString certPath; ///< PEM certificate
    QString keyPath; ///< PEM private key (EC P-256, unencrypted)
    QSslCertificate certificate;
    QByteArray sha256; ///< raw SHA-256 digest of the DER certificate
    QString fingerprint; ///< the same digest as "AB:CD:…" (what a client shows and pins)
    QString error; ///< why create() failed; empty on success

    bool ok() const { return error.isEmpty() && !certificate.isNull(); }

    /// Writes `<name>.crt` and `<name>.key` into `folder` (which must exist). Each call makes a
    /// new key pair, so two calls give two different fingerprints.
    static TestCertificate create(
        const QString& folder, const QString& name = QStringLiteral("server"));

    /// "AB:CD:…" of a digest, the format clients show and pin.
    static QString formatFingerprint(const QByteArray& digest);
};
