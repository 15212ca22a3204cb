#include "shared/framecodec.h"

#include "shared/jsonreader.h"
#include "shared/limits.h"

#include <QJsonParseError>
#include <cmath>
#include <cstring>
#include <utility>

namespace palaver {
namespace {

template <class Variant> using DecodeResult = std::variant<Variant, ProtocolError>;

// Finds the alternative of Variant whose kType is `type` and parses the object as it.
// Alternatives without a kType (UnknownFrame) are skipped.
template <class Variant, std::size_t... I>
std::optional<DecodeResult<Variant>> parseAlternative(
    FrameType type, JsonReader& reader, std::index_sequence<I...>)
{
    std::optional<DecodeResult<Variant>> result;
    auto tryOne = [&]<class T>(std::type_identity<T>) {
        if constexpr (requires { T::kType; }) {
            if (!result && T::kType == type) {
                if (auto value = T::fromJson(reader))
                    result = DecodeResult<Variant>(Variant(std::move(*value)));
                else
                    result = DecodeResult<Variant>(reader.error());
            }
        }
    };
    (tryOne(std::type_identity<std::variant_alternative_t<I, Variant>> {}), ...);
    return result;
}

// QJsonDocument accepts two things RFC 8259 forbids inside strings: raw control characters
// (U+0000-U+001F) and unknown escapes such as "\q" (read as "q"). The contract calls such a
// frame invalid JSON, so they are looked for here, after Qt has checked everything else.
// Returns what is wrong, or nothing.
std::optional<QString> strictStringError(const QByteArray& utf8)
{
    bool inString = false;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8[i]);
        if (!inString) {
            inString = c == '"';
        } else if (c == '"') {
            inString = false;
        } else if (c < 0x20) {
            return QStringLiteral("control character in a string");
        } else if (c == '\\') {
            const char next = i + 1 < utf8.size() ? utf8[++i] : '\0';
            if (!strchr("\"\\/bfnrtu", next) || next == '\0')
                return QStringLiteral("invalid escape sequence");
        }
    }
    return std::nullopt;
}

struct Envelope
{
    QJsonObject object;
    QJsonValue correlation;
    QString typeName;
};

// Parses the JSON object and its envelope fields; nullopt-like FrameError on failure.
std::variant<Envelope, FrameError> readEnvelope(
    const QByteArray& utf8, QLatin1String correlationKey)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    std::optional<QString> strictError;
    if (parseError.error == QJsonParseError::NoError)
        strictError = strictStringError(utf8);
    if (parseError.error != QJsonParseError::NoError || strictError || !doc.isObject()) {
        const QString why = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("invalid JSON: %1").arg(parseError.errorString())
            : strictError ? QStringLiteral("invalid JSON: %1").arg(*strictError)
                          : QStringLiteral("a frame must be one JSON object");
        return FrameError {{ErrorCode::BadRequest, why}, {}, true, std::nullopt};
    }
    Envelope env {doc.object(), {}, {}};
    const QJsonValue correlation = env.object.value(correlationKey);
    // Range first: converting a double outside qint64 (1e308, 2^63) is undefined behaviour.
    // The bound is the protocol's integer range, ±(2^53 - 1), as for every other integer.
    const double number = correlation.toDouble();
    const bool integral = correlation.isDouble() && std::isfinite(number) &&
        std::fabs(number) <= double(limits::maxSafeInteger) && std::floor(number) == number;
    if (correlation.isString() || integral)
        env.correlation = correlation;
    else if (!correlation.isUndefined())
        return FrameError {
            {ErrorCode::BadRequest,
                QStringLiteral("'%1' must be a string or an integer").arg(correlationKey)},
            {}, false, std::nullopt};
    const QJsonValue type = env.object.value(keys::type);
    if (!type.isString())
        return FrameError {{ErrorCode::BadRequest, QStringLiteral("missing string field 'type'")},
            env.correlation, false, std::nullopt};
    env.typeName = type.toString();
    return env;
}

template <class Variant>
std::variant<Variant, FrameError> decodeBody(const Envelope& env, bool keepUnknown)
{
    const auto type = frameTypeFromString(env.typeName);
    JsonReader reader(env.object);
    std::optional<DecodeResult<Variant>> parsed;
    if (type) {
        parsed = parseAlternative<Variant>(
            *type, reader, std::make_index_sequence<std::variant_size_v<Variant>> {});
    }
    if (!parsed) {
        if constexpr (std::is_constructible_v<Variant, UnknownFrame>) {
            if (keepUnknown)
                return Variant(UnknownFrame {env.typeName, env.object});
        }
        return FrameError {
            // The name is echoed cut to an id's length: a 60 KiB type must not make an answer
            // longer than a client accepts for `message` (4096), nor echo the flood back.
            {ErrorCode::UnknownType,
                QStringLiteral("unknown frame type '%1'")
                    .arg(env.typeName.left(limits::maxIdLength))},
            env.correlation, false, std::nullopt};
    }
    if (auto* error = std::get_if<ProtocolError>(&*parsed))
        return FrameError {*error, env.correlation, false, type};
    return std::get<Variant>(std::move(*parsed));
}

} // namespace

std::variant<ClientFrame, FrameError> decodeClientFrame(const QByteArray& utf8)
{
    auto env = readEnvelope(utf8, keys::id);
    if (auto* error = std::get_if<FrameError>(&env))
        return *error;
    const Envelope& envelope = std::get<Envelope>(env);
    auto body = decodeBody<ClientRequest>(envelope, false);
    if (auto* error = std::get_if<FrameError>(&body))
        return *error;
    return ClientFrame {envelope.correlation, std::get<ClientRequest>(std::move(body))};
}

std::variant<ServerFrame, FrameError> decodeServerFrame(const QByteArray& utf8)
{
    auto env = readEnvelope(utf8, keys::re);
    if (auto* error = std::get_if<FrameError>(&env))
        return *error;
    const Envelope& envelope = std::get<Envelope>(env);
    auto body = decodeBody<ServerMessage>(envelope, true);
    if (auto* error = std::get_if<FrameError>(&body))
        return *error;
    return ServerFrame {envelope.correlation, std::get<ServerMessage>(std::move(body))};
}

FrameType frameTypeOf(const ClientRequest& request)
{
    return std::visit([](const auto& r) { return std::decay_t<decltype(r)>::kType; }, request);
}

} // namespace palaver
