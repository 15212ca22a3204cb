#pragma once
// Audit rows written by the request handlers, inside the job (the transaction) of the change
// they describe, so the log cannot disagree with the data.
#include "server/storage/store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace palaver::server {

/// `actorName` may be empty: the store fills in the name of `actorId`.
inline void recordAudit(Store& store, const QString& address, std::optional<qint64> actorId,
    const QString& actorName, const QString& action, const QString& target,
    const QString& detail = {})
{
    store.audit().record(AuditRecord {0, QDateTime::currentMSecsSinceEpoch(), actorId, actorName,
        action, target, address, detail});
}

/// Small JSON for the detail column, e.g. {"user":"bob"}; never a password or a token.
inline QString auditDetail(const QJsonObject& fields)
{
    return QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact));
}

inline QString userTarget(const QString& username)
{
    return QStringLiteral("user:") + username;
}

inline QString roomTarget(qint64 roomId)
{
    return QStringLiteral("room:%1").arg(roomId);
}

} // namespace palaver::server
