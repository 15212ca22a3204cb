#pragma once
// Error codes carried in `error` frames and WebSocket close codes, as protocol v1 defines them.
#include <QString>
#include <optional>

namespace palaver {

/// The `code` of an `error` frame.
enum class ErrorCode {
    BadRequest,
    UnknownType,
    UnsupportedProtocol,
    AuthFailed,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
    RateLimited,
    Internal,
};

/// Wire name of an error code, e.g. "bad_request".
QString toString(ErrorCode code);
/// Parses a wire name; nullopt for names protocol v1 does not define.
std::optional<ErrorCode> errorCodeFromString(const QString& name);

/// WebSocket close codes the server uses (RFC 6455 ones plus the 44xx application range).
enum class CloseCode : quint16 {
    Normal = 1000, ///< orderly close, e.g. after logout
    GoingAway = 1001, ///< server shutting down
    TooLarge = 1009, ///< frame over the size limit
    ProtocolViolation = 4400, ///< binary frame, invalid JSON, repeated abuse
    AuthRequired = 4401, ///< authentication missing, late or failed
    AccountDisabled = 4403,
    Flooding = 4429, ///< sustained flooding after rate_limited answers
};

/// A rejected frame or request: the code to answer with and a human-readable reason.
struct ProtocolError
{
    ErrorCode code = ErrorCode::BadRequest;
    QString message;
};

} // namespace palaver
