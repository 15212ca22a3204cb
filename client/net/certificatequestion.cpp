#include "client/net/certificatequestion.h"

#include "client/net/certificatecheck.h"

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
// "CN=palaver.lan, O=Example": the fields a person recognises, in the usual order.
QString describe(const QSslCertificate& certificate, bool issuer)
{
    static const QSslCertificate::SubjectInfo kFields[] = {QSslCertificate::CommonName,
        QSslCertificate::Organization, QSslCertificate::OrganizationalUnitName,
        QSslCertificate::CountryName};
    static const char* const kLabels[] = {"CN", "O", "OU", "C"};
    QStringList parts;
    for (size_t i = 0; i < std::size(kFields); ++i) {
        const QStringList values =
            issuer ? certificate.issuerInfo(kFields[i]) : certificate.subjectInfo(kFields[i]);
        for (const QString& value : values)
            parts.append(QString::fromLatin1(kLabels[i]) + u'=' + value);
    }
    return parts.join(u", "_s);
}
} // namespace

CertificateQuestion::CertificateQuestion(QObject* parent)
    : QObject(parent)
{ }

void CertificateQuestion::ask(Problem problem, const QString& server,
    const QList<QSslCertificate>& chain, const QStringList& errors,
    const QString& pinnedFingerprint)
{
    const QSslCertificate leaf = chain.value(0);
    m_problem = problem;
    m_server = server;
    m_chain = chain;
    m_fingerprint = CertificateCheck::fingerprint(leaf);
    m_pinnedFingerprint = pinnedFingerprint;
    m_subject = describe(leaf, false);
    m_issuer = describe(leaf, true);
    m_expiry = leaf.expiryDate();
    m_errors = errors;
    Q_EMIT changed();
}

void CertificateQuestion::clear()
{
    if (m_problem == None)
        return;
    m_problem = None;
    m_server.clear();
    m_chain.clear();
    m_fingerprint.clear();
    m_pinnedFingerprint.clear();
    m_subject.clear();
    m_issuer.clear();
    m_expiry = {};
    m_errors.clear();
    Q_EMIT changed();
}

} // namespace palaver::client
