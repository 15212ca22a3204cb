#pragma once
#include "shared/objects/fileinfo.h"
#include "shared/objects/wireenums.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace palaver {
class JsonWriter;
class JsonReader;

/// One event of a room's stream. Which of the kind-specific fields are meaningful depends on
/// `kind`, as the contract's Events section lists; toJson writes only those.
struct Event
{
    QString room;
    qint64 seq = 0;
    qint64 ts = 0;
    QString sender;
    EventKind kind = EventKind::Message;

    // message
    QString text; ///< message, edit; blanked in history once deleted
    QString clientMid;
    std::optional<qint64> replyTo;
    QStringList mentions;
    QList<FileInfo> attachments;
    bool deleted = false; ///< a message whose text a later delete blanked
    // edit, delete, reaction
    qint64 target = 0;
    // reaction
    QString emoji;
    bool on = true;
    // member_join, member_leave
    QString user;
    // room_update
    QString name;
    QString topic;

    static std::optional<Event> fromJson(JsonReader& reader);
    /// Reads and validates the kind-specific fields (those of bodyJson(), and client_mid for
    /// messages) into an event whose common fields are set: how the server reads its rows.
    static bool readKindFields(JsonReader& reader, Event& event);
    QJsonObject toJson() const;
    /// The kind-specific fields only (text, target, emoji…): what the server stores beside its
    /// own columns for room, seq, ts, sender, kind and client_mid.
    QJsonObject bodyJson() const;
    /// The same members as toJson(), written into an open object (the fast encoder).
    void writeFields(JsonWriter& writer) const;
    /// The members of bodyJson(), written into an open object.
    void writeBodyFields(JsonWriter& writer) const;
    /// bodyJson() as compact JSON, written directly: what the server stores for every event.
    QByteArray bodyBytes() const;
    bool operator==(const Event&) const = default;
};

} // namespace palaver
