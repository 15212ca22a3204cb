#include "server/auth/sessiontoken.h"

#include <QCryptographicHash>
#include <sodium.h>

namespace palaver::server::sessiontoken {

QString generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hash(const QString& token)
{
    // A fast hash is right here: the token has 256 bits of entropy, unlike a password.
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace palaver::server::sessiontoken
