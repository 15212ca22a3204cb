#pragma once
#include "server/storage/records.h"

#include <QHash>
#include <QSet>

namespace palaver::server {

/// Who is in which room, in memory, for fanout without a query per event. The database is
/// the truth: this mirrors it, updated in commit order by the handlers' completions.
class RoomRoster
{
public:
    void load(const QList<MemberRecord>& memberships);
    void add(qint64 roomId, qint64 userId);
    void remove(qint64 roomId, qint64 userId);
    const QSet<qint64>& membersOf(qint64 roomId) const;
    const QSet<qint64>& roomsOf(qint64 userId) const;
    bool isMember(qint64 roomId, qint64 userId) const;

private:
    QHash<qint64, QSet<qint64>> m_members;
    QHash<qint64, QSet<qint64>> m_rooms;
};

} // namespace palaver::server
