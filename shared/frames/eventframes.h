#pragma once
// Frames of the Events section, plus `react` from Rich messaging (it answers like `send`).
#include "shared/frametype.h"
#include "shared/objects/event.h"
#include "shared/objects/roominfo.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace palaver {
class JsonReader;
class JsonWriter;

struct SendRequest
{
    static constexpr FrameType kType = FrameType::Send;
    QString room;
    QString clientMid; ///< 1..64 chars, unique per (room, sender)
    QString text; ///< trimmed; may be empty only with attachments
    std::optional<qint64> replyTo;
    QStringList mentions;
    QStringList attachments; ///< file ids
    static std::optional<SendRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct EditRequest
{
    static constexpr FrameType kType = FrameType::Edit;
    QString room;
    qint64 target = 0;
    QString text;
    static std::optional<EditRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct DeleteRequest
{
    static constexpr FrameType kType = FrameType::Delete;
    QString room;
    qint64 target = 0;
    static std::optional<DeleteRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct ReactRequest
{
    static constexpr FrameType kType = FrameType::React;
    QString room;
    qint64 target = 0;
    QString emoji;
    bool on = true;
    static std::optional<ReactRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct HistoryRequest
{
    static constexpr FrameType kType = FrameType::History;
    QString room;
    std::optional<qint64> before; ///< exclusive; pages backwards
    std::optional<qint64> after; ///< exclusive; pages forwards (not with `before`)
    int limit = 50; ///< 1..200
    static std::optional<HistoryRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct SyncRequest
{
    static constexpr FrameType kType = FrameType::Sync;
    QHash<QString, qint64> cursors; ///< room id -> last seq the client holds
    static std::optional<SyncRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct AckAnswer
{
    static constexpr FrameType kType = FrameType::Ack;
    QString room;
    qint64 seq = 0;
    qint64 ts = 0;
    std::optional<QString> clientMid; ///< for send
    std::optional<bool> duplicate; ///< for send
    static std::optional<AckAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
    void writeFields(JsonWriter& writer) const;
};

struct HistoryAnswer
{
    static constexpr FrameType kType = FrameType::History;
    QString room;
    QList<Event> events; ///< ascending by seq
    bool hasMore = false;
    static std::optional<HistoryAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
    void writeFields(JsonWriter& writer) const;
};

struct SyncedAnswer
{
    static constexpr FrameType kType = FrameType::Synced;
    QList<RoomInfo> rooms;
    QList<Event> events; ///< grouped by room, ascending by seq within a room
    QHash<QString, bool> hasMore;
    static std::optional<SyncedAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
    void writeFields(JsonWriter& writer) const;
};

struct EventPush
{
    static constexpr FrameType kType = FrameType::Event;
    Event event;
    static std::optional<EventPush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
    void writeFields(JsonWriter& writer) const;
};

} // namespace palaver
