#include "shared/frames/eventframes.h"

#include "shared/frames/nestedjson.h"
#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/jsonwriter.h"
#include "shared/limits.h"

namespace palaver {
namespace {
// A send names its files by id only; the server expands them to full file objects in the
// event, after checking that the sender uploaded them.
struct FileRef
{
    QString fileId;

    static std::optional<FileRef> fromJson(JsonReader& r)
    {
        FileRef f;
        f.fileId = r.id(keys::fileId);
        return r.ok() ? std::optional(f) : std::nullopt;
    }
};

QStringList readAttachmentIds(JsonReader& r)
{
    QStringList ids;
    if (!r.has(keys::attachments))
        return ids;
    const auto refs = detail::readNestedList<FileRef>(r, keys::attachments, limits::maxAttachments);
    for (const FileRef& ref : refs)
        ids.append(ref.fileId);
    return ids;
}

QJsonArray attachmentsToJson(const QStringList& fileIds)
{
    QJsonArray files;
    for (const QString& id : fileIds)
        files.append(QJsonObject {{keys::fileId, id}});
    return files;
}

qint64 readTarget(JsonReader& r)
{
    return r.integer(keys::target, 1, limits::maxSafeInteger);
}

QHash<QString, qint64> readCursors(JsonReader& r)
{
    const QJsonObject object = r.optionalObject(keys::cursors).value_or(QJsonObject());
    if (!r.ok())
        return {};
    if (object.size() > limits::maxCursors) {
        r.fail(ErrorCode::TooLarge,
            QStringLiteral("'cursors' holds more than %1 rooms").arg(limits::maxCursors));
        return {};
    }
    QHash<QString, qint64> cursors;
    cursors.reserve(object.size());
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString room = it.key();
        if (room.isEmpty() || room.size() > limits::maxIdLength) {
            r.fail(ErrorCode::BadRequest, QStringLiteral("'cursors' keys must be room ids"));
            return {};
        }
        // Read through the reader's own integer rule so a cursor is accepted exactly when the
        // same number would be as a `seq` anywhere else.
        const QJsonObject single {{keys::seq, it.value()}};
        JsonReader seqReader(single);
        const qint64 seq = seqReader.integer(keys::seq, 0, limits::maxSafeInteger);
        if (!seqReader.ok()) {
            r.fail(seqReader.error().code,
                QStringLiteral("cursor of room '%1' must be an integer seq >= 0").arg(room));
            return {};
        }
        cursors.insert(room, seq);
    }
    return cursors;
}

QHash<QString, bool> readHasMore(JsonReader& r)
{
    const QJsonObject object = r.object(keys::hasMore);
    QHash<QString, bool> hasMore;
    for (auto it = object.constBegin(); r.ok() && it != object.constEnd(); ++it) {
        if (!it.value().isBool()) {
            r.fail(
                ErrorCode::BadRequest, QStringLiteral("'has_more' values must be true or false"));
            return {};
        }
        hasMore.insert(it.key(), it.value().toBool());
    }
    return hasMore;
}

template <class V> QJsonObject hashToJson(const QHash<QString, V>& hash)
{
    QJsonObject o;
    for (auto it = hash.constBegin(); it != hash.constEnd(); ++it)
        o.insert(it.key(), it.value());
    return o;
}
} // namespace

std::optional<SendRequest> SendRequest::fromJson(JsonReader& r)
{
    SendRequest f;
    f.room = r.id(keys::room);
    f.clientMid = r.string(keys::clientMid, 1, limits::maxIdLength);
    f.attachments = readAttachmentIds(r);
    // A file may travel alone: the text is then optional, but still bounded.
    f.text = r.text(keys::text, limits::maxText, /*allowEmpty=*/!f.attachments.isEmpty());
    f.replyTo = r.optionalInteger(keys::replyTo, 1, limits::maxSafeInteger);
    f.mentions = r.idList(keys::mentions, limits::maxMentions);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject SendRequest::toJson() const
{
    QJsonObject o {{keys::room, room}, {keys::clientMid, clientMid}, {keys::text, text}};
    insertIfSet(o, keys::replyTo, replyTo);
    if (!mentions.isEmpty())
        o.insert(keys::mentions, toJsonArray(mentions));
    if (!attachments.isEmpty())
        o.insert(keys::attachments, attachmentsToJson(attachments));
    return o;
}

std::optional<EditRequest> EditRequest::fromJson(JsonReader& r)
{
    EditRequest f;
    f.room = r.id(keys::room);
    f.target = readTarget(r);
    f.text = r.text(keys::text, limits::maxText);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject EditRequest::toJson() const
{
    return {{keys::room, room}, {keys::target, target}, {keys::text, text}};
}

std::optional<DeleteRequest> DeleteRequest::fromJson(JsonReader& r)
{
    DeleteRequest f;
    f.room = r.id(keys::room);
    f.target = readTarget(r);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject DeleteRequest::toJson() const
{
    return {{keys::room, room}, {keys::target, target}};
}

std::optional<ReactRequest> ReactRequest::fromJson(JsonReader& r)
{
    ReactRequest f;
    f.room = r.id(keys::room);
    f.target = readTarget(r);
    f.emoji = r.string(keys::emoji, 1, limits::maxEmoji);
    f.on = r.optionalBoolean(keys::on).value_or(true);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject ReactRequest::toJson() const
{
    return {{keys::room, room}, {keys::target, target}, {keys::emoji, emoji}, {keys::on, on}};
}

std::optional<HistoryRequest> HistoryRequest::fromJson(JsonReader& r)
{
    HistoryRequest f;
    f.room = r.id(keys::room);
    // Bounds are exclusive and seqs start at 1: `before` 0 can only be a client bug, while
    // `after` 0 means "from the first event".
    f.before = r.optionalInteger(keys::before, 1, limits::maxSafeInteger);
    f.after = r.optionalInteger(keys::after, 0, limits::maxSafeInteger);
    if (r.ok() && f.before && f.after)
        r.fail(ErrorCode::BadRequest, QStringLiteral("'before' and 'after' exclude each other"));
    f.limit = int(
        r.optionalInteger(keys::limit, 1, limits::historyPage).value_or(limits::historyDefault));
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject HistoryRequest::toJson() const
{
    QJsonObject o {{keys::room, room}, {keys::limit, limit}};
    insertIfSet(o, keys::before, before);
    insertIfSet(o, keys::after, after);
    return o;
}

std::optional<SyncRequest> SyncRequest::fromJson(JsonReader& r)
{
    SyncRequest f;
    f.cursors = readCursors(r);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject SyncRequest::toJson() const
{
    return {{keys::cursors, hashToJson(cursors)}};
}

std::optional<AckAnswer> AckAnswer::fromJson(JsonReader& r)
{
    AckAnswer f;
    f.room = r.id(keys::room);
    f.seq = r.integer(keys::seq, 1, limits::maxSafeInteger);
    f.ts = r.integer(keys::ts, 0, limits::maxSafeInteger);
    // client_mid follows the id rule (1..64 characters); edits and deletes carry none.
    f.clientMid = r.optionalId(keys::clientMid);
    f.duplicate = r.optionalBoolean(keys::duplicate);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject AckAnswer::toJson() const
{
    QJsonObject o {{keys::room, room}, {keys::seq, seq}, {keys::ts, ts}};
    insertIfSet(o, keys::clientMid, clientMid);
    insertIfSet(o, keys::duplicate, duplicate);
    return o;
}

void AckAnswer::writeFields(JsonWriter& w) const
{
    w.member(keys::room, room);
    w.member(keys::seq, seq);
    w.member(keys::ts, ts);
    if (clientMid)
        w.member(keys::clientMid, *clientMid);
    if (duplicate)
        w.member(keys::duplicate, *duplicate);
}

std::optional<HistoryAnswer> HistoryAnswer::fromJson(JsonReader& r)
{
    HistoryAnswer f;
    f.room = r.id(keys::room);
    f.events = detail::readNestedList<Event>(r, keys::events, detail::kAnswerListMax);
    f.hasMore = r.boolean(keys::hasMore);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject HistoryAnswer::toJson() const
{
    return {{keys::room, room}, {keys::events, detail::toJsonObjects(events)},
        {keys::hasMore, hasMore}};
}

std::optional<SyncedAnswer> SyncedAnswer::fromJson(JsonReader& r)
{
    SyncedAnswer f;
    f.rooms = detail::readNestedList<RoomInfo>(r, keys::rooms, detail::kAnswerListMax);
    f.events = detail::readNestedList<Event>(r, keys::events, detail::kAnswerListMax);
    f.hasMore = readHasMore(r);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject SyncedAnswer::toJson() const
{
    return {{keys::rooms, detail::toJsonObjects(rooms)},
        {keys::events, detail::toJsonObjects(events)}, {keys::hasMore, hashToJson(hasMore)}};
}

namespace {
// History pages and catch-up answers carry up to hundreds of events each: written directly.
void writeEvents(JsonWriter& w, const QList<Event>& events)
{
    w.key(keys::events);
    w.beginArray();
    for (const Event& e : events) {
        w.beginObject();
        e.writeFields(w);
        w.endObject();
    }
    w.endArray();
}
} // namespace

void HistoryAnswer::writeFields(JsonWriter& w) const
{
    w.member(keys::room, room);
    writeEvents(w, events);
    w.member(keys::hasMore, hasMore);
}

void SyncedAnswer::writeFields(JsonWriter& w) const
{
    w.key(keys::rooms);
    w.beginArray();
    for (const RoomInfo& r : rooms)
        w.value(QJsonValue(r.toJson()));
    w.endArray();
    writeEvents(w, events);
    w.key(keys::hasMore);
    w.beginObject();
    for (auto it = hasMore.cbegin(); it != hasMore.cend(); ++it) {
        w.key(it.key());
        w.value(it.value());
    }
    w.endObject();
}

std::optional<EventPush> EventPush::fromJson(JsonReader& r)
{
    const auto event = detail::readNested<Event>(r, keys::event);
    return event ? std::optional(EventPush {*event}) : std::nullopt;
}

QJsonObject EventPush::toJson() const
{
    return {{keys::event, event.toJson()}};
}

void EventPush::writeFields(JsonWriter& w) const
{
    w.key(keys::event);
    w.beginObject();
    event.writeFields(w);
    w.endObject();
}

} // namespace palaver
