#include "shared/errorcode.h"

#include <array>
#include <utility>

namespace palaver {
namespace {
constexpr std::array kNames {
    std::pair {ErrorCode::BadRequest, "bad_request"},
    std::pair {ErrorCode::UnknownType, "unknown_type"},
    std::pair {ErrorCode::UnsupportedProtocol, "unsupported_protocol"},
    std::pair {ErrorCode::AuthFailed, "auth_failed"},
    std::pair {ErrorCode::Forbidden, "forbidden"},
    std::pair {ErrorCode::NotFound, "not_found"},
    std::pair {ErrorCode::Conflict, "conflict"},
    std::pair {ErrorCode::TooLarge, "too_large"},
    std::pair {ErrorCode::RateLimited, "rate_limited"},
    std::pair {ErrorCode::Internal, "internal"},
};
} // namespace

QString toString(ErrorCode code)
{
    for (const auto& [value, name] : kNames) {
        if (value == code)
            return QLatin1String(name);
    }
    return QStringLiteral("internal");
}

std::optional<ErrorCode> errorCodeFromString(const QString& name)
{
    for (const auto& [value, wire] : kNames) {
        if (name == QLatin1String(wire))
            return value;
    }
    return std::nullopt;
}

} // namespace palaver
