#pragma once
// Which members a message mentions: `@username` tokens that name a member of the room.
#include "shared/objects/memberinfo.h"

#include <QStringList>

namespace palaver::client {

/// Finds mentions in message text.
class MentionParser
{
public:
    /// Ids of the members named by `@username` tokens (case-insensitive), in order of first
    /// mention, without the author and without duplicates.
    static QStringList mentionedUserIds(
        const QString& text, const QList<MemberInfo>& members, const QString& ownUserId);
};

} // namespace palaver::client
