#include "client/net/certificatecheck.h"

#include <QCryptographicHash>

namespace palaver::client {

QByteArray CertificateCheck::digest(const QSslCertificate& certificate)
{
    return certificate.isNull() ? QByteArray() : certificate.digest(QCryptographicHash::Sha256);
}

QString CertificateCheck::fingerprint(const QSslCertificate& certificate)
{
    return QString::fromLatin1(digest(certificate).toHex(':').toUpper());
}

bool CertificateCheck::isOverridable(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false;
    }
}

QList<QSslError> CertificateCheck::ignorableErrors(const QList<QSslCertificate>& pinnedChain)
{
    static const QSslError::SslError kOverridable[] = {QSslError::SelfSignedCertificate,
        QSslError::SelfSignedCertificateInChain, QSslError::UnableToGetLocalIssuerCertificate,
        QSslError::UnableToGetIssuerCertificate, QSslError::UnableToVerifyFirstCertificate,
        QSslError::CertificateUntrusted, QSslError::HostNameMismatch};
    QList<QSslError> errors;
    // Every certificate of the chain: OpenSSL reports an error against the certificate at the
    // depth where it found it, which for a private CA is the CA, not the leaf.
    for (const QSslCertificate& certificate : pinnedChain) {
        for (QSslError::SslError error : kOverridable)
            errors.append(QSslError(error, certificate));
    }
    return errors;
}

CertificateVerdict CertificateCheck::judge(const QByteArray& pinnedDigest,
    const QSslCertificate& peer, const QList<QSslError>& errors, const QList<QSslError>& ignored)
{
    // QSslSocket reports the errors even when all of them were set to be ignored, and goes on.
    const bool allIgnored = std::all_of(errors.cbegin(), errors.cend(),
        [&](const QSslError& error) { return ignored.contains(error); });
    const QByteArray peerDigest = digest(peer);
    if (!pinnedDigest.isEmpty() && peerDigest != pinnedDigest)
        return CertificateVerdict::Changed;
    if (allIgnored && !pinnedDigest.isEmpty())
        return CertificateVerdict::Proceed;
    const bool overridable = std::all_of(errors.cbegin(), errors.cend(),
        [](const QSslError& error) { return isOverridable(error.error()); });
    // A pinned certificate that still fails has a problem trusting it again would not cure;
    // asking again would only loop.
    if (!overridable || !pinnedDigest.isEmpty() || peer.isNull())
        return CertificateVerdict::Invalid;
    return CertificateVerdict::AskFirstUse;
}

} // namespace palaver::client
