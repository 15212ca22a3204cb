#include "shared/frames/authframes.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

#include <QRegularExpression>

namespace palaver {

bool isValidUsername(const QString& lowerCased)
{
    // Anchored with \A…\z: "$" would also match before a final "\n", letting "ada\n" in as a
    // second, lookalike "ada".
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9_.-]{3,32}")));
    return pattern.match(lowerCased).hasMatch();
}

namespace {
// Usernames: 3-32 of [a-z0-9_.-]; compared case-insensitively, so input is lower-cased first.
QString readUsername(JsonReader& r)
{
    const QString name = r.string(keys::username, 1, limits::maxUsername).toLower();
    if (r.ok() && !isValidUsername(name)) {
        r.fail(ErrorCode::BadRequest,
            QStringLiteral("username must be 3 to 32 characters of a-z, 0-9, '_', '.', '-'"));
    }
    return name;
}

int readProtocol(JsonReader& r)
{
    // Any integer is accepted here: the server answers unsupported_protocol for values other
    // than 1, which is a different error than a malformed field.
    return int(r.integer(keys::protocol, 0, 1 << 30));
}

QString readDevice(JsonReader& r)
{
    return r.optionalString(keys::device, limits::maxDevice).value_or(QString()).trimmed();
}
} // namespace

std::optional<RegisterRequest> RegisterRequest::fromJson(JsonReader& r)
{
    RegisterRequest f;
    f.protocol = readProtocol(r);
    f.username = readUsername(r);
    f.password = r.string(keys::password, limits::minPassword, limits::maxPassword);
    f.displayName =
        r.optionalString(keys::displayName, limits::maxDisplayName).value_or(QString()).trimmed();
    if (f.displayName.isEmpty())
        f.displayName = f.username;
    f.device = readDevice(r);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject RegisterRequest::toJson() const
{
    QJsonObject o {{keys::protocol, protocol}, {keys::username, username},
        {keys::password, password}, {keys::displayName, displayName}};
    if (!device.isEmpty())
        o.insert(keys::device, device);
    return o;
}

std::optional<LoginRequest> LoginRequest::fromJson(JsonReader& r)
{
    LoginRequest f;
    f.protocol = readProtocol(r);
    f.username = readUsername(r);
    // Any length is checked against the hash; only the upper bound protects the server.
    f.password = r.string(keys::password, 1, limits::maxPassword);
    f.device = readDevice(r);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject LoginRequest::toJson() const
{
    QJsonObject o {
        {keys::protocol, protocol}, {keys::username, username}, {keys::password, password}};
    if (!device.isEmpty())
        o.insert(keys::device, device);
    return o;
}

std::optional<ResumeRequest> ResumeRequest::fromJson(JsonReader& r)
{
    ResumeRequest f;
    f.protocol = readProtocol(r);
    f.token = r.string(keys::token, 1, limits::maxToken);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject ResumeRequest::toJson() const
{
    return {{keys::protocol, protocol}, {keys::token, token}};
}

std::optional<LogoutRequest> LogoutRequest::fromJson(JsonReader&)
{
    return LogoutRequest {};
}
std::optional<PingRequest> PingRequest::fromJson(JsonReader&)
{
    return PingRequest {};
}
std::optional<PongAnswer> PongAnswer::fromJson(JsonReader&)
{
    return PongAnswer {};
}
std::optional<OkAnswer> OkAnswer::fromJson(JsonReader&)
{
    return OkAnswer {};
}

std::optional<WelcomeAnswer> WelcomeAnswer::fromJson(JsonReader& r)
{
    WelcomeAnswer f;
    const QJsonObject user = r.object(keys::user);
    f.token = r.string(keys::token, 1, limits::maxToken);
    const QJsonObject server = r.object(keys::server);
    if (!r.ok())
        return std::nullopt;
    JsonReader userReader(user);
    const auto parsedUser = UserInfo::fromJson(userReader);
    JsonReader serverReader(server);
    f.serverVersion = serverReader.string(keys::version, 1, 64);
    const QJsonObject limitsObject = serverReader.object(keys::limits);
    JsonReader limitsReader(limitsObject);
    f.limits.maxText = int(limitsReader.integer(keys::maxText, 1, 1 << 20));
    f.limits.ratePerS = int(limitsReader.integer(keys::ratePerS, 1, 1 << 20));
    f.limits.burst = int(limitsReader.integer(keys::burst, 1, 1 << 20));
    f.limits.historyPage = int(limitsReader.integer(keys::historyPage, 1, 1 << 20));
    for (const JsonReader* inner : {&userReader, &serverReader, &limitsReader}) {
        if (!inner->ok())
            r.fail(inner->error().code, inner->error().message);
    }
    if (!r.ok())
        return std::nullopt;
    f.user = *parsedUser;
    return f;
}

QJsonObject WelcomeAnswer::toJson() const
{
    const QJsonObject limitsObject {{keys::maxText, limits.maxText},
        {keys::ratePerS, limits.ratePerS}, {keys::burst, limits.burst},
        {keys::historyPage, limits.historyPage}};
    UserInfo plainUser = user;
    plainUser.presence.reset();
    plainUser.lastSeen.reset();
    return {{keys::user, plainUser.toJson()}, {keys::token, token},
        {keys::server, QJsonObject {{keys::version, serverVersion}, {keys::limits, limitsObject}}}};
}

std::optional<ErrorAnswer> ErrorAnswer::fromJson(JsonReader& r)
{
    ErrorAnswer f;
    const QString code = r.string(keys::code, 1, 64);
    f.message = r.optionalString(keys::message, 4096).value_or(QString());
    f.retryAfterMs = r.optionalInteger(keys::retryAfterMs, 0, limits::maxSafeInteger);
    if (!r.ok())
        return std::nullopt;
    // An error code from a newer server is still an error: map it to internal, keep the text.
    f.code = errorCodeFromString(code).value_or(ErrorCode::Internal);
    return f;
}

QJsonObject ErrorAnswer::toJson() const
{
    QJsonObject o {{keys::code, toString(code)}, {keys::message, message}};
    insertIfSet(o, keys::retryAfterMs, retryAfterMs);
    return o;
}

} // namespace palaver
