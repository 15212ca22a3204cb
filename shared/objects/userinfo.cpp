#include "shared/objects/userinfo.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {

std::optional<UserInfo> UserInfo::fromJson(JsonReader& r)
{
    UserInfo u;
    u.id = r.id(keys::id);
    u.username = r.string(keys::username, limits::minUsername, limits::maxUsername);
    u.displayName = r.string(keys::displayName, 0, limits::maxDisplayName);
    if (const auto p = r.optionalString(keys::presence, 16)) {
        u.presence = presenceFromString(*p);
        if (!u.presence)
            r.fail(ErrorCode::BadRequest, QStringLiteral("unknown presence '%1'").arg(*p));
    }
    u.lastSeen = r.optionalInteger(keys::lastSeen, 0, limits::maxSafeInteger);
    return r.ok() ? std::optional(u) : std::nullopt;
}

QJsonObject UserInfo::toJson() const
{
    QJsonObject o {{keys::id, id}, {keys::username, username}, {keys::displayName, displayName}};
    if (presence)
        o.insert(keys::presence, toString(*presence));
    insertIfSet(o, keys::lastSeen, lastSeen);
    return o;
}

} // namespace palaver
