#include "shared/objects/memberinfo.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {

std::optional<MemberInfo> MemberInfo::fromJson(JsonReader& r)
{
    MemberInfo m;
    m.user = r.id(keys::user);
    m.username = r.string(keys::username, limits::minUsername, limits::maxUsername);
    m.displayName = r.string(keys::displayName, 0, limits::maxDisplayName);
    const QString role = r.string(keys::role, 1, 16);
    const QString presence = r.string(keys::presence, 1, 16);
    m.lastReadSeq = r.integer(keys::lastReadSeq, 0, limits::maxSafeInteger);
    m.lastSeen = r.optionalInteger(keys::lastSeen, 0, limits::maxSafeInteger);
    if (!r.ok())
        return std::nullopt;
    const auto parsedRole = roleFromString(role);
    const auto parsedPresence = presenceFromString(presence);
    if (!parsedRole || !parsedPresence) {
        r.fail(ErrorCode::BadRequest, QStringLiteral("unknown role or presence"));
        return std::nullopt;
    }
    m.role = *parsedRole;
    m.presence = *parsedPresence;
    return m;
}

QJsonObject MemberInfo::toJson() const
{
    QJsonObject o {{keys::user, user}, {keys::username, username}, {keys::displayName, displayName},
        {keys::role, toString(role)}, {keys::lastReadSeq, lastReadSeq},
        {keys::presence, toString(presence)}};
    insertIfSet(o, keys::lastSeen, lastSeen);
    return o;
}

} // namespace palaver
