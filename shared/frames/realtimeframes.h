#pragma once
// Frames of the Read receipts, Typing and Presence sections.
#include "shared/frametype.h"
#include "shared/objects/wireenums.h"

#include <QJsonObject>
#include <optional>

namespace palaver {
class JsonReader;

struct ReadRequest
{
    static constexpr FrameType kType = FrameType::Read;
    QString room;
    qint64 seq = 0;
    static std::optional<ReadRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct TypingRequest
{
    static constexpr FrameType kType = FrameType::Typing;
    QString room;
    bool active = false;
    static std::optional<TypingRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct PresenceRequest
{
    static constexpr FrameType kType = FrameType::Presence;
    PresenceStatus status = PresenceStatus::Online; ///< online or away only
    static std::optional<PresenceRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct ReceiptPush
{
    static constexpr FrameType kType = FrameType::Receipt;
    QString room;
    QString user;
    qint64 seq = 0;
    static std::optional<ReceiptPush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct BadgePush
{
    static constexpr FrameType kType = FrameType::Badge;
    QString room;
    qint64 unread = 0;
    qint64 mentions = 0;
    static std::optional<BadgePush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct TypingPush
{
    static constexpr FrameType kType = FrameType::Typing;
    QString room;
    QString user;
    bool active = false;
    static std::optional<TypingPush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct PresencePush
{
    static constexpr FrameType kType = FrameType::Presence;
    QString user;
    PresenceStatus status = PresenceStatus::Offline;
    std::optional<qint64> lastSeen;
    static std::optional<PresencePush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

} // namespace palaver
