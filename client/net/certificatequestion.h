#pragma once
// What the user is asked when a wss:// server's certificate is not trusted: the facts to
// compare with what the server's admin gave them. QML binds to it; Connection fills it.
#include <QDateTime>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>

namespace palaver::client {

/// The certificate decision pending for the account's server (problem None: nothing asked).
class CertificateQuestion : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Problem problem READ problem NOTIFY changed)
    Q_PROPERTY(QString server READ server NOTIFY changed)
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY changed)
    Q_PROPERTY(QString pinnedFingerprint READ pinnedFingerprint NOTIFY changed)
    Q_PROPERTY(QString subject READ subject NOTIFY changed)
    Q_PROPERTY(QString issuer READ issuer NOTIFY changed)
    Q_PROPERTY(QDateTime expiry READ expiry NOTIFY changed)
    Q_PROPERTY(QStringList errors READ errors NOTIFY changed)
public:
    enum Problem {
        None, ///< nothing to decide
        Untrusted, ///< first use: the system does not trust the certificate; trust it?
        Changed, ///< the server's pinned certificate changed: possibly an attack
    };
    Q_ENUM(Problem)

    explicit CertificateQuestion(QObject* parent = nullptr);

    Problem problem() const { return m_problem; }
    /// "host:port" the certificate was presented for.
    QString server() const { return m_server; }
    /// SHA-256 of the presented certificate, "AB:CD:…".
    QString fingerprint() const { return m_fingerprint; }
    /// Changed only: the fingerprint that was trusted before.
    QString pinnedFingerprint() const { return m_pinnedFingerprint; }
    /// The certificate's subject ("CN=…, O=…") and issuer.
    QString subject() const { return m_subject; }
    QString issuer() const { return m_issuer; }
    QDateTime expiry() const { return m_expiry; }
    /// What TLS verification reported, as sentences.
    QStringList errors() const { return m_errors; }
    /// The presented chain, leaf first (what trusting pins).
    QList<QSslCertificate> chain() const { return m_chain; }

    /// Asks about `chain` presented by `server`.
    void ask(Problem problem, const QString& server, const QList<QSslCertificate>& chain,
        const QStringList& errors, const QString& pinnedFingerprint = {});
    /// Nothing to decide any more.
    void clear();

Q_SIGNALS:
    void changed();

private:
    Problem m_problem = None;
    QString m_server;
    QString m_fingerprint;
    QString m_pinnedFingerprint;
    QString m_subject;
    QString m_issuer;
    QDateTime m_expiry;
    QStringList m_errors;
    QList<QSslCertificate> m_chain;
};

} // namespace palaver::client
