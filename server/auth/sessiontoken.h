#pragma once
#include <QByteArray>
#include <QString>

namespace palaver::server::sessiontoken {

/// A new opaque token: 256 random bits, base64url without padding.
QString generate();
/// What the database stores instead of the token: its SHA-256.
QByteArray hash(const QString& token);

} // namespace palaver::server::sessiontoken
