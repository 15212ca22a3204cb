#include "client/net/certificatepins.h"

#include "client/logging.h"
#include "client/net/certificatecheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
// Keys of the pin file (local bookkeeping, not wire JSON).
const QString kVersion = u"version"_s;
const QString kServers = u"servers"_s;
const QString kSha256 = u"sha256"_s;
const QString kChain = u"chain_pem"_s;
const QString kTrustedAt = u"trusted_at"_s;
constexpr int kFileVersion = 1;
} // namespace

QByteArray CertificatePin::digest() const
{
    return CertificateCheck::digest(leaf());
}

QString CertificatePins::serverKey(const QUrl& url)
{
    const QString host = url.host().toLower();
    const QString port = QString::number(url.port(url.scheme() == u"wss"_s ? 443 : 80));
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + port;
}

void CertificatePins::setStorageFile(const QString& path)
{
    m_file = path;
    m_pins.clear();
    if (!m_file.isEmpty())
        load();
}

bool CertificatePins::trust(const QString& server, const QList<QSslCertificate>& chain)
{
    if (chain.isEmpty() || chain.first().isNull())
        return false;
    m_pins.insert(server, CertificatePin {chain, QDateTime::currentDateTimeUtc()});
    return save();
}

bool CertificatePins::forget(const QString& server)
{
    if (!m_pins.remove(server))
        return true;
    return save();
}

void CertificatePins::load()
{
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject servers = root.value(kServers).toObject();
    for (auto it = servers.constBegin(); it != servers.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        CertificatePin pin;
        pin.chain = QSslCertificate::fromData(entry.value(kChain).toString().toLatin1(), QSsl::Pem);
        pin.trustedAt = QDateTime::fromString(entry.value(kTrustedAt).toString(), Qt::ISODate);
        // The fingerprint is stored beside the chain so a person can read the file; if the
        // two disagree the file was edited by hand or damaged, and a damaged pin must not be
        // trusted.
        if (pin.chain.isEmpty() ||
            CertificateCheck::fingerprint(pin.leaf()) != entry.value(kSha256).toString()) {
            qCWarning(lcClientNet) << "ignoring a damaged certificate pin for" << it.key();
            continue;
        }
        m_pins.insert(it.key(), pin);
    }
}

bool CertificatePins::save() const
{
    if (m_file.isEmpty())
        return true;
    QJsonObject servers;
    for (auto it = m_pins.constBegin(); it != m_pins.constEnd(); ++it) {
        QByteArray pem;
        for (const QSslCertificate& certificate : it->chain)
            pem += certificate.toPem();
        servers.insert(it.key(),
            QJsonObject {{kSha256, CertificateCheck::fingerprint(it->leaf())},
                {kChain, QString::fromLatin1(pem)},
                {kTrustedAt, it->trustedAt.toString(Qt::ISODate)}});
    }
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile file(m_file);
    // Only the user may change what the client trusts.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        qCWarning(lcClientNet) << "cannot write" << m_file << file.errorString();
        return false;
    }
    file.write(QJsonDocument(QJsonObject {{kVersion, kFileVersion}, {kServers, servers}})
                   .toJson(QJsonDocument::Indented));
    return file.commit();
}

} // namespace palaver::client
