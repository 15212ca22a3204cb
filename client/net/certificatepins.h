#pragma once
// The certificates the user chose to trust, one per server (host:port), kept in a JSON file
// of the profile so a restart does not ask again.
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace palaver::client {

/// One trusted server certificate: its chain as presented when the user trusted it.
struct CertificatePin
{
    QList<QSslCertificate> chain; ///< leaf first
    QDateTime trustedAt;

    QSslCertificate leaf() const { return chain.value(0); }
    /// SHA-256 of the leaf: what later connections must present.
    QByteArray digest() const;
};

/// Pinned certificates per server, optionally persisted to a file.
class CertificatePins
{
public:
    /// "host:port" (IPv6 hosts in brackets, port 443 when the URL has none).
    static QString serverKey(const QUrl& url);

    /// Where the pins live; loads them from there (a missing file means no pins). An empty
    /// path keeps pins in memory only.
    void setStorageFile(const QString& path);
    QString storageFile() const { return m_file; }

    bool contains(const QString& server) const { return m_pins.contains(server); }
    /// The pin of `server`, or an empty one.
    CertificatePin pin(const QString& server) const { return m_pins.value(server); }
    /// Trusts `chain` for `server` from now on, replacing any earlier pin; saves at once.
    /// False when the file could not be written (the pin still holds for this run).
    bool trust(const QString& server, const QList<QSslCertificate>& chain);
    /// Forgets the pin of `server`; saves at once.
    bool forget(const QString& server);

private:
    void load();
    bool save() const;

    QString m_file;
    QHash<QString, CertificatePin> m_pins;
};

} // namespace palaver::client
