#pragma once
// What nodes tell each other over the bus. A message is a compact JSON header, and for events
// a newline and the `event` push exactly as clients get it, so a node forwards the bytes it
// received without parsing the event. `o` (origin) names the sending process: a node ignores
// its own messages, which the bus echoes back.
#include "server/cluster/committedevent.h"
#include "server/cluster/roomdelivery.h"
#include "server/storage/records.h"
#include "shared/objects/wireenums.h"

#include <QHash>
#include <QJsonObject>
#include <optional>

namespace palaver::server::busmessage {

enum class Kind { Event, Change, Marker, Typing, Presence, Heartbeat, Snapshot };

struct Envelope
{
    Kind kind = Kind::Event;
    QString origin;
    QJsonObject header;
    QByteArray body;
};

/// nullopt for anything malformed or of a kind this version does not know (a newer node's).
std::optional<Envelope> parse(const QByteArray& message);

QByteArray event(const QString& origin, const CommittedEvent& event);
std::optional<CommittedEvent> eventOf(const Envelope& envelope);

QByteArray change(const QString& origin, const MembershipChange& change);
std::optional<MembershipChange> changeOf(const Envelope& envelope);

QByteArray marker(const QString& origin, const MemberRecord& member);
std::optional<MemberRecord> markerOf(const Envelope& envelope);

struct Typing
{
    qint64 roomId = 0;
    qint64 userId = 0;
    bool active = false;
};
QByteArray typing(const QString& origin, const Typing& typing);
std::optional<Typing> typingOf(const Envelope& envelope);

struct Presence
{
    qint64 userId = 0;
    PresenceStatus status = PresenceStatus::Offline;
    qint64 lastSeen = 0; ///< 0: unknown
};
QByteArray presence(const QString& origin, const Presence& presence);
std::optional<Presence> presenceOf(const Envelope& envelope);

QByteArray heartbeat(const QString& origin, const QString& nodeId);

/// Everything live a node holds: its users' presence and the typing states its devices
/// started. Sent when the node (re)joins the bus and when it hears a node it did not know.
struct Snapshot
{
    QString nodeId;
    QHash<qint64, PresenceStatus> presence; ///< users not offline on that node
    QList<std::pair<qint64, qint64>> typing; ///< (room, user)
};
QByteArray snapshot(const QString& origin, const Snapshot& snapshot);
std::optional<Snapshot> snapshotOf(const Envelope& envelope);

} // namespace palaver::server::busmessage
