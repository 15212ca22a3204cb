#pragma once
// A message the user wrote that the server has not acknowledged yet.
#include "shared/objects/fileinfo.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace palaver::client {

/// One outbox row: everything needed to send (and resend) the same `send` request.
struct OutboxEntry
{
    qint64 position = 0; ///< global send order
    QString clientMid; ///< stays the same across resends: the server's idempotency key
    QString room;
    QString text;
    qint64 replyTo = 0; ///< 0 when not a reply
    QStringList mentions;
    QList<FileInfo> attachments; ///< uploaded files the message carries (text may be empty)
    qint64 created = 0; ///< ms since the epoch, local clock
    bool failed = false; ///< refused for good; waits for retrySend/discardSend
    QString error; ///< why it failed, for people
};

} // namespace palaver::client
