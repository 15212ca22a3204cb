#pragma once
// Frames of the Authentication section: register/login/resume/logout, ping, and the generic
// answers (welcome, pong, ok, error).
#include "shared/errorcode.h"
#include "shared/frametype.h"
#include "shared/objects/userinfo.h"

#include <QJsonObject>
#include <optional>

namespace palaver {

/// 3-32 of [a-z0-9_.-] (the caller lower-cases first): the one rule for usernames, used by
/// the protocol and the admin commands.
bool isValidUsername(const QString& lowerCased);

class JsonReader;

struct RegisterRequest
{
    static constexpr FrameType kType = FrameType::Register;
    int protocol = 1;
    QString username; ///< lower-cased on parse; usernames are case-insensitive
    QString password;
    QString displayName; ///< defaults to the username when absent
    QString device;
    static std::optional<RegisterRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct LoginRequest
{
    static constexpr FrameType kType = FrameType::Login;
    int protocol = 1;
    QString username; ///< lower-cased on parse
    QString password;
    QString device;
    static std::optional<LoginRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct ResumeRequest
{
    static constexpr FrameType kType = FrameType::Resume;
    int protocol = 1;
    QString token;
    static std::optional<ResumeRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct LogoutRequest
{
    static constexpr FrameType kType = FrameType::Logout;
    static std::optional<LogoutRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const { return {}; }
};

struct PingRequest
{
    static constexpr FrameType kType = FrameType::Ping;
    static std::optional<PingRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const { return {}; }
};

/// The limits a server announces in `welcome`.
struct ServerLimits
{
    int maxText = 4000;
    int ratePerS = 5;
    int burst = 20;
    int historyPage = 200;
    bool operator==(const ServerLimits&) const = default;
};

struct WelcomeAnswer
{
    static constexpr FrameType kType = FrameType::Welcome;
    UserInfo user;
    QString token;
    QString serverVersion;
    ServerLimits limits;
    static std::optional<WelcomeAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct PongAnswer
{
    static constexpr FrameType kType = FrameType::Pong;
    static std::optional<PongAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const { return {}; }
};

struct OkAnswer
{
    static constexpr FrameType kType = FrameType::Ok;
    static std::optional<OkAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const { return {}; }
};

struct ErrorAnswer
{
    static constexpr FrameType kType = FrameType::Error;
    ErrorCode code = ErrorCode::Internal;
    QString message;
    std::optional<qint64> retryAfterMs; ///< with rate_limited
    static std::optional<ErrorAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

} // namespace palaver
