#pragma once
// The trust-on-first-use rules for a wss:// server's certificate, kept apart from sockets so
// they are unit-tested: which TLS errors a pin may override, and what a handshake's errors
// mean given the pin (if any) for that server.
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

namespace palaver::client {

/// What to do with a handshake that reported TLS errors.
enum class CertificateVerdict {
    Proceed, ///< every error is one the pinned certificate was trusted with
    AskFirstUse, ///< no pin, and the only problem is that the system does not trust it
    Changed, ///< a pin exists and the server presents a different certificate
    Invalid, ///< an error no pin overrides (expired, revoked, …): refuse, do not ask
};

class CertificateCheck
{
public:
    /// "AB:CD:…": the SHA-256 of the DER certificate, as palaver-server prints it.
    static QString fingerprint(const QSslCertificate& certificate);
    /// The raw SHA-256 digest of the DER certificate (what pins compare).
    static QByteArray digest(const QSslCertificate& certificate);

    /// Whether a user's trust may override `error`: only "nobody vouches for this
    /// certificate" and a name mismatch (the pin names the exact certificate, so the name
    /// adds nothing). Expiry, revocation and malformed certificates are never overridden.
    static bool isOverridable(QSslError::SslError error);
    /// The errors to ignore for a pinned chain (QSslError matches type and certificate), so
    /// any other certificate still fails the handshake.
    static QList<QSslError> ignorableErrors(const QList<QSslCertificate>& pinnedChain);

    /// The verdict for a handshake of `peer` that reported `errors`, given the leaf digest
    /// pinned for this server (empty: none) and the errors that were set to be ignored.
    static CertificateVerdict judge(const QByteArray& pinnedDigest, const QSslCertificate& peer,
        const QList<QSslError>& errors, const QList<QSslError>& ignored);
};

} // namespace palaver::client
