#pragma once
#include "shared/objects/wireenums.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace palaver {
class JsonReader;

/// One entry of a `members` answer.
struct MemberInfo
{
    QString user;
    QString username;
    QString displayName;
    Role role = Role::Member;
    qint64 lastReadSeq = 0;
    PresenceStatus presence = PresenceStatus::Offline;
    std::optional<qint64> lastSeen;

    static std::optional<MemberInfo> fromJson(JsonReader& reader);
    QJsonObject toJson() const;
    bool operator==(const MemberInfo&) const = default;
};

} // namespace palaver
