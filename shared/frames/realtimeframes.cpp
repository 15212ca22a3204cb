#include "shared/frames/realtimeframes.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {
namespace {
PresenceStatus readPresence(JsonReader& r)
{
    const QString status = r.string(keys::status, 1, 16);
    const auto parsed = presenceFromString(status);
    if (r.ok() && !parsed)
        r.fail(ErrorCode::BadRequest, QStringLiteral("unknown presence status '%1'").arg(status));
    return parsed.value_or(PresenceStatus::Offline);
}

qint64 readCount(JsonReader& r, QLatin1String key)
{
    return r.integer(key, 0, limits::maxSafeInteger);
}
} // namespace

std::optional<ReadRequest> ReadRequest::fromJson(JsonReader& r)
{
    ReadRequest f;
    f.room = r.id(keys::room);
    // Any seq is accepted: the server clamps it to last_seq and ignores backward moves.
    f.seq = readCount(r, keys::seq);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject ReadRequest::toJson() const
{
    return {{keys::room, room}, {keys::seq, seq}};
}

std::optional<TypingRequest> TypingRequest::fromJson(JsonReader& r)
{
    TypingRequest f;
    f.room = r.id(keys::room);
    f.active = r.boolean(keys::active);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject TypingRequest::toJson() const
{
    return {{keys::room, room}, {keys::active, active}};
}

std::optional<PresenceRequest> PresenceRequest::fromJson(JsonReader& r)
{
    PresenceRequest f;
    f.status = readPresence(r);
    // Offline is what the server concludes from disconnects; a connected device cannot claim it.
    if (r.ok() && f.status == PresenceStatus::Offline)
        r.fail(ErrorCode::BadRequest, QStringLiteral("'status' must be \"online\" or \"away\""));
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject PresenceRequest::toJson() const
{
    return {{keys::status, toString(status)}};
}

std::optional<ReceiptPush> ReceiptPush::fromJson(JsonReader& r)
{
    ReceiptPush f;
    f.room = r.id(keys::room);
    f.user = r.id(keys::user);
    f.seq = readCount(r, keys::seq);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject ReceiptPush::toJson() const
{
    return {{keys::room, room}, {keys::user, user}, {keys::seq, seq}};
}

std::optional<BadgePush> BadgePush::fromJson(JsonReader& r)
{
    BadgePush f;
    f.room = r.id(keys::room);
    f.unread = readCount(r, keys::unread);
    f.mentions = readCount(r, keys::mentions);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject BadgePush::toJson() const
{
    return {{keys::room, room}, {keys::unread, unread}, {keys::mentions, mentions}};
}

std::optional<TypingPush> TypingPush::fromJson(JsonReader& r)
{
    TypingPush f;
    f.room = r.id(keys::room);
    f.user = r.id(keys::user);
    f.active = r.boolean(keys::active);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject TypingPush::toJson() const
{
    return {{keys::room, room}, {keys::user, user}, {keys::active, active}};
}

std::optional<PresencePush> PresencePush::fromJson(JsonReader& r)
{
    PresencePush f;
    f.user = r.id(keys::user);
    f.status = readPresence(r);
    f.lastSeen = r.optionalInteger(keys::lastSeen, 0, limits::maxSafeInteger);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject PresencePush::toJson() const
{
    QJsonObject o {{keys::user, user}, {keys::status, toString(status)}};
    insertIfSet(o, keys::lastSeen, lastSeen);
    return o;
}

} // namespace palaver
