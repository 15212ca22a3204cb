#pragma once
#include "shared/objects/wireenums.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace palaver {
class JsonReader;

/// A user as `welcome` and `users` answers show it; presence only in `users` answers.
struct UserInfo
{
    QString id;
    QString username;
    QString displayName;
    std::optional<PresenceStatus> presence;
    std::optional<qint64> lastSeen; ///< ms since epoch; set when offline and seen before

    static std::optional<UserInfo> fromJson(JsonReader& reader);
    QJsonObject toJson() const;
    bool operator==(const UserInfo&) const = default;
};

} // namespace palaver
