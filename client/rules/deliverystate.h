#pragma once
// How far a message got: pending and failed come from the outbox; once stored it is "sent",
// and "read" when every other member's marker has reached it.
#include "shared/objects/memberinfo.h"

#include <QHash>
#include <QList>
#include <QString>

namespace palaver::client {

/// The read state of a stored message from the room's markers.
class DeliveryState
{
public:
    /// Members other than `sender` whose marker is at or past `seq`. Without a member list
    /// every user with a known marker counts as a member.
    static int seenBy(qint64 seq, const QString& sender, const QHash<QString, qint64>& markers,
        const QList<MemberInfo>& members);
    /// "read" when all members other than the sender have seen it (and there is one), else
    /// "sent".
    static QString of(qint64 seq, const QString& sender, const QHash<QString, qint64>& markers,
        const QList<MemberInfo>& members);
};

} // namespace palaver::client
