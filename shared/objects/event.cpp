#include "shared/objects/event.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/jsonwriter.h"
#include "shared/limits.h"

#include <QJsonArray>

namespace palaver {

bool Event::readKindFields(JsonReader& r, Event& e)
{
    switch (e.kind) {
    case EventKind::Message: {
        e.clientMid = r.string(keys::clientMid, 1, limits::maxIdLength);
        e.deleted = r.optionalBoolean(keys::deleted).value_or(false);
        const QJsonArray files = r.has(keys::attachments)
            ? r.array(keys::attachments, limits::maxAttachments)
            : QJsonArray();
        // Deleted messages and messages with attachments may carry empty text.
        e.text = r.text(keys::text, limits::maxText, e.deleted || !files.isEmpty());
        e.replyTo = r.optionalInteger(keys::replyTo, 1, limits::maxSafeInteger);
        e.mentions = r.idList(keys::mentions, limits::maxMentions);
        for (const QJsonValue& v : files) {
            const QJsonObject fileObject = v.toObject();
            JsonReader fileReader(fileObject);
            if (const auto f = FileInfo::fromJson(fileReader))
                e.attachments.append(*f);
            else
                r.fail(fileReader.error().code, fileReader.error().message);
        }
        break;
    }
    case EventKind::Edit:
        e.target = r.integer(keys::target, 1, limits::maxSafeInteger);
        e.text = r.text(keys::text, limits::maxText);
        break;
    case EventKind::Delete:
        e.target = r.integer(keys::target, 1, limits::maxSafeInteger);
        break;
    case EventKind::Reaction:
        e.target = r.integer(keys::target, 1, limits::maxSafeInteger);
        e.emoji = r.string(keys::emoji, 1, limits::maxEmoji);
        e.on = r.boolean(keys::on);
        break;
    case EventKind::MemberJoin:
    case EventKind::MemberLeave:
        e.user = r.id(keys::user);
        break;
    case EventKind::RoomUpdate:
        e.name = r.text(keys::name, limits::maxRoomName, true);
        e.topic = r.text(keys::topic, limits::maxTopic, true);
        break;
    }
    return r.ok();
}

std::optional<Event> Event::fromJson(JsonReader& r)
{
    Event e;
    e.room = r.id(keys::room);
    e.seq = r.integer(keys::seq, 1, limits::maxSafeInteger);
    e.ts = r.integer(keys::ts, 0, limits::maxSafeInteger);
    e.sender = r.id(keys::sender);
    const QString kind = r.string(keys::kind, 1, 32);
    if (!r.ok())
        return std::nullopt;
    const auto parsedKind = eventKindFromString(kind);
    if (!parsedKind) {
        r.fail(ErrorCode::BadRequest, QStringLiteral("unknown event kind '%1'").arg(kind));
        return std::nullopt;
    }
    e.kind = *parsedKind;
    readKindFields(r, e);
    return r.ok() ? std::optional(e) : std::nullopt;
}

QJsonObject Event::toJson() const
{
    QJsonObject o = bodyJson();
    o.insert(keys::room, room);
    o.insert(keys::seq, seq);
    o.insert(keys::ts, ts);
    o.insert(keys::sender, sender);
    o.insert(keys::kind, toString(kind));
    if (kind == EventKind::Message)
        o.insert(keys::clientMid, clientMid);
    return o;
}

QJsonObject Event::bodyJson() const
{
    QJsonObject o;
    switch (kind) {
    case EventKind::Message:
        o.insert(keys::text, text);
        insertIfSet(o, keys::replyTo, replyTo);
        if (!mentions.isEmpty())
            o.insert(keys::mentions, toJsonArray(mentions));
        if (!attachments.isEmpty()) {
            QJsonArray files;
            for (const FileInfo& f : attachments)
                files.append(f.toJson());
            o.insert(keys::attachments, files);
        }
        if (deleted)
            o.insert(keys::deleted, true);
        break;
    case EventKind::Edit:
        o.insert(keys::target, target);
        o.insert(keys::text, text);
        break;
    case EventKind::Delete:
        o.insert(keys::target, target);
        break;
    case EventKind::Reaction:
        o.insert(keys::target, target);
        o.insert(keys::emoji, emoji);
        o.insert(keys::on, on);
        break;
    case EventKind::MemberJoin:
    case EventKind::MemberLeave:
        o.insert(keys::user, user);
        break;
    case EventKind::RoomUpdate:
        o.insert(keys::name, name);
        o.insert(keys::topic, topic);
        break;
    }
    return o;
}

void Event::writeFields(JsonWriter& w) const
{
    // Mirrors toJson(); tst_jsonwriter compares the two for every kind.
    w.member(keys::room, room);
    w.member(keys::seq, seq);
    w.member(keys::ts, ts);
    w.member(keys::sender, sender);
    w.member(keys::kind, toString(kind));
    if (kind == EventKind::Message)
        w.member(keys::clientMid, clientMid);
    writeBodyFields(w);
}

void Event::writeBodyFields(JsonWriter& w) const
{
    // Mirrors bodyJson().
    switch (kind) {
    case EventKind::Message:
        w.member(keys::text, text);
        if (replyTo)
            w.member(keys::replyTo, *replyTo);
        if (!mentions.isEmpty()) {
            w.key(keys::mentions);
            w.beginArray();
            for (const QString& user : mentions)
                w.value(user);
            w.endArray();
        }
        if (!attachments.isEmpty()) {
            w.key(keys::attachments);
            w.beginArray();
            for (const FileInfo& f : attachments)
                w.value(QJsonValue(f.toJson()));
            w.endArray();
        }
        if (deleted)
            w.member(keys::deleted, true);
        break;
    case EventKind::Edit:
        w.member(keys::target, target);
        w.member(keys::text, text);
        break;
    case EventKind::Delete:
        w.member(keys::target, target);
        break;
    case EventKind::Reaction:
        w.member(keys::target, target);
        w.member(keys::emoji, emoji);
        w.member(keys::on, on);
        break;
    case EventKind::MemberJoin:
    case EventKind::MemberLeave:
        w.member(keys::user, user);
        break;
    case EventKind::RoomUpdate:
        w.member(keys::name, name);
        w.member(keys::topic, topic);
        break;
    }
}

QByteArray Event::bodyBytes() const
{
    JsonWriter w(64 + text.size());
    w.beginObject();
    writeBodyFields(w);
    w.endObject();
    return w.take();
}

} // namespace palaver
