#include "server/cluster/busmessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace palaver::server::busmessage {
namespace {
// One letter per kind keeps the header small: every event carries one.
const char* const kKindNames[] = {"e", "c", "r", "t", "p", "h", "s"};

QByteArray encode(Kind kind, const QString& origin, QJsonObject header, const QByteArray& body = {})
{
    header.insert(QStringLiteral("k"), QLatin1String(kKindNames[int(kind)]));
    header.insert(QStringLiteral("o"), origin);
    QByteArray out = QJsonDocument(header).toJson(QJsonDocument::Compact);
    if (!body.isNull())
        out.append('\n').append(body);
    return out;
}

qint64 integer(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toInteger();
}

QJsonObject eventFields(const CommittedEvent& e)
{
    QJsonArray mentions;
    for (const qint64 user : e.mentions)
        mentions.append(user);
    QJsonObject o {{QStringLiteral("r"), e.roomId}, {QStringLiteral("s"), e.seq},
        {QStringLiteral("f"), e.senderId}, {QStringLiteral("t"), int(e.kind)},
        {QStringLiteral("u"), e.userId}};
    if (!mentions.isEmpty())
        o.insert(QStringLiteral("m"), mentions);
    return o;
}

std::optional<CommittedEvent> eventFrom(const QJsonObject& o, QByteArray push)
{
    CommittedEvent e;
    e.roomId = integer(o, "r");
    e.seq = integer(o, "s");
    e.senderId = integer(o, "f");
    const qint64 kind = integer(o, "t");
    e.userId = integer(o, "u");
    if (e.roomId <= 0 || e.seq <= 0 || kind < int(EventKind::Message) ||
        kind > int(EventKind::RoomUpdate) || push.isEmpty())
        return std::nullopt;
    e.kind = EventKind(kind);
    for (const QJsonValue v : o.value(QStringLiteral("m")).toArray())
        e.mentions.append(v.toInteger());
    e.push = std::move(push);
    return e;
}
} // namespace

std::optional<Envelope> parse(const QByteArray& message)
{
    const qsizetype newline = message.indexOf('\n');
    QJsonParseError error {};
    const QJsonDocument doc =
        QJsonDocument::fromJson(newline < 0 ? message : message.left(newline), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    Envelope envelope;
    envelope.header = doc.object();
    envelope.origin = envelope.header.value(QStringLiteral("o")).toString();
    const QString kind = envelope.header.value(QStringLiteral("k")).toString();
    const auto known = std::find_if(std::begin(kKindNames), std::end(kKindNames),
        [&](const char* name) { return kind == QLatin1String(name); });
    if (known == std::end(kKindNames) || envelope.origin.isEmpty())
        return std::nullopt;
    envelope.kind = Kind(known - std::begin(kKindNames));
    if (newline >= 0)
        envelope.body = message.mid(newline + 1);
    return envelope;
}

QByteArray event(const QString& origin, const CommittedEvent& e)
{
    return encode(Kind::Event, origin, eventFields(e), e.push);
}

std::optional<CommittedEvent> eventOf(const Envelope& envelope)
{
    return eventFrom(envelope.header, envelope.body);
}

QByteArray change(const QString& origin, const MembershipChange& change)
{
    QJsonArray added;
    for (auto it = change.added.cbegin(); it != change.added.cend(); ++it)
        added.append(
            QJsonObject {{QStringLiteral("u"), it.key()}, {QStringLiteral("m"), it->lastReadSeq},
                {QStringLiteral("p"), QString::fromUtf8(it->push)}});
    QJsonArray events;
    for (const CommittedEvent& e : change.events) {
        QJsonObject o = eventFields(e);
        o.insert(QStringLiteral("p"), QString::fromUtf8(e.push));
        events.append(o);
    }
    return encode(Kind::Change, origin,
        {{QStringLiteral("r"), change.roomId}, {QStringLiteral("a"), added},
            {QStringLiteral("ev"), events}});
}

std::optional<MembershipChange> changeOf(const Envelope& envelope)
{
    MembershipChange change;
    change.roomId = integer(envelope.header, "r");
    if (change.roomId <= 0)
        return std::nullopt;
    for (const QJsonValue v : envelope.header.value(QStringLiteral("a")).toArray()) {
        const QJsonObject o = v.toObject();
        change.added.insert(integer(o, "u"),
            AddedMember {integer(o, "m"), o.value(QStringLiteral("p")).toString().toUtf8()});
    }
    for (const QJsonValue v : envelope.header.value(QStringLiteral("ev")).toArray()) {
        const QJsonObject o = v.toObject();
        auto e = eventFrom(o, o.value(QStringLiteral("p")).toString().toUtf8());
        if (!e || e->roomId != change.roomId)
            return std::nullopt;
        change.events.append(std::move(*e));
    }
    return change;
}

QByteArray marker(const QString& origin, const MemberRecord& m)
{
    return encode(Kind::Marker, origin,
        {{QStringLiteral("r"), m.roomId}, {QStringLiteral("u"), m.userId},
            {QStringLiteral("ro"), int(m.role)}, {QStringLiteral("s"), m.lastReadSeq},
            {QStringLiteral("n"), m.readMsgNo}, {QStringLiteral("w"), m.ownUnread},
            {QStringLiteral("x"), m.mentions}});
}

std::optional<MemberRecord> markerOf(const Envelope& envelope)
{
    const QJsonObject& o = envelope.header;
    MemberRecord m;
    m.roomId = integer(o, "r");
    m.userId = integer(o, "u");
    m.role = Role(std::clamp<qint64>(integer(o, "ro"), 0, int(Role::Owner)));
    m.lastReadSeq = integer(o, "s");
    m.readMsgNo = integer(o, "n");
    m.ownUnread = integer(o, "w");
    m.mentions = integer(o, "x");
    if (m.roomId <= 0 || m.userId <= 0 || m.lastReadSeq < 0)
        return std::nullopt;
    return m;
}

QByteArray typing(const QString& origin, const Typing& t)
{
    return encode(Kind::Typing, origin,
        {{QStringLiteral("r"), t.roomId}, {QStringLiteral("u"), t.userId},
            {QStringLiteral("a"), t.active}});
}

std::optional<Typing> typingOf(const Envelope& envelope)
{
    const QJsonObject& o = envelope.header;
    Typing t {integer(o, "r"), integer(o, "u"), o.value(QStringLiteral("a")).toBool()};
    if (t.roomId <= 0 || t.userId <= 0)
        return std::nullopt;
    return t;
}

QByteArray presence(const QString& origin, const Presence& p)
{
    return encode(Kind::Presence, origin,
        {{QStringLiteral("u"), p.userId}, {QStringLiteral("st"), int(p.status)},
            {QStringLiteral("ls"), p.lastSeen}});
}

std::optional<Presence> presenceOf(const Envelope& envelope)
{
    const QJsonObject& o = envelope.header;
    const qint64 status = integer(o, "st");
    Presence p {integer(o, "u"), PresenceStatus::Offline, integer(o, "ls")};
    if (p.userId <= 0 || status < 0 || status > int(PresenceStatus::Away))
        return std::nullopt;
    p.status = PresenceStatus(status);
    return p;
}

QByteArray heartbeat(const QString& origin, const QString& nodeId)
{
    return encode(Kind::Heartbeat, origin, {{QStringLiteral("n"), nodeId}});
}

QByteArray snapshot(const QString& origin, const Snapshot& s)
{
    QJsonArray presence;
    for (auto it = s.presence.cbegin(); it != s.presence.cend(); ++it)
        presence.append(QJsonArray {it.key(), int(it.value())});
    QJsonArray typing;
    for (const auto& [room, user] : s.typing)
        typing.append(QJsonArray {room, user});
    return encode(Kind::Snapshot, origin,
        {{QStringLiteral("n"), s.nodeId}, {QStringLiteral("p"), presence},
            {QStringLiteral("ty"), typing}});
}

std::optional<Snapshot> snapshotOf(const Envelope& envelope)
{
    Snapshot s;
    s.nodeId = envelope.header.value(QStringLiteral("n")).toString();
    for (const QJsonValue v : envelope.header.value(QStringLiteral("p")).toArray()) {
        const QJsonArray pair = v.toArray();
        const qint64 status = pair.at(1).toInteger();
        if (pair.size() != 2 || status <= 0 || status > int(PresenceStatus::Away))
            return std::nullopt;
        s.presence.insert(pair.at(0).toInteger(), PresenceStatus(status));
    }
    for (const QJsonValue v : envelope.header.value(QStringLiteral("ty")).toArray()) {
        const QJsonArray pair = v.toArray();
        if (pair.size() != 2)
            return std::nullopt;
        s.typing.append({pair.at(0).toInteger(), pair.at(1).toInteger()});
    }
    return s;
}

} // namespace palaver::server::busmessage
