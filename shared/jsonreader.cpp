#include "shared/jsonreader.h"

#include "shared/limits.h"

#include <QJsonArray>
#include <cmath>

namespace palaver {

void JsonReader::fail(ErrorCode code, const QString& message)
{
    if (!m_error)
        m_error = ProtocolError {code, message};
}

QJsonValue JsonReader::required(QLatin1String key)
{
    if (!ok())
        return {};
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() || value.isNull())
        fail(ErrorCode::BadRequest, QStringLiteral("missing field '%1'").arg(key));
    return value;
}

QString JsonReader::id(QLatin1String key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    const QString s = value.toString();
    if (!value.isString() || s.isEmpty() || s.size() > limits::maxIdLength)
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be an id string").arg(key));
    return s;
}

std::optional<QString> JsonReader::optionalId(QLatin1String key)
{
    const QJsonValue value = m_object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return id(key);
}

QStringList JsonReader::idList(QLatin1String key, int maxCount)
{
    QStringList ids;
    if (!ok() || !has(key) || m_object.value(key).isNull())
        return ids;
    const QJsonArray values = array(key, maxCount);
    for (const QJsonValue& v : values) {
        const QString s = v.toString();
        if (!v.isString() || s.isEmpty() || s.size() > limits::maxIdLength) {
            fail(ErrorCode::BadRequest, QStringLiteral("'%1' must hold id strings").arg(key));
            return {};
        }
        if (!ids.contains(s))
            ids.append(s);
    }
    return ids;
}

QString JsonReader::string(QLatin1String key, int minLength, int maxLength)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    if (!value.isString()) {
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be a string").arg(key));
        return {};
    }
    const QString s = value.toString();
    if (s.size() < minLength || s.size() > maxLength) {
        fail(ErrorCode::BadRequest,
            QStringLiteral("'%1' must be %2 to %3 characters")
                .arg(key)
                .arg(minLength)
                .arg(maxLength));
    }
    return s;
}

std::optional<QString> JsonReader::optionalString(QLatin1String key, int maxLength)
{
    const QJsonValue value = m_object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return string(key, 0, maxLength);
}

QString JsonReader::text(QLatin1String key, int maxChars, bool allowEmpty)
{
    const QJsonValue value = m_object.value(key);
    if (!ok())
        return {};
    if ((value.isUndefined() || value.isNull()) && allowEmpty)
        return {};
    if (!value.isString()) {
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be a string").arg(key));
        return {};
    }
    const QString trimmed = value.toString().trimmed();
    if (trimmed.isEmpty() && !allowEmpty)
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' is empty").arg(key));
    else if (characterCount(trimmed) > maxChars)
        fail(ErrorCode::TooLarge,
            QStringLiteral("'%1' is longer than %2 characters").arg(key).arg(maxChars));
    return trimmed;
}

std::optional<qint64> JsonReader::toInteger(
    QLatin1String key, const QJsonValue& value, qint64 min, qint64 max)
{
    const double d = value.toDouble();
    if (!value.isDouble() || !std::isfinite(d) || std::floor(d) != d ||
        std::fabs(d) > double(limits::maxSafeInteger)) {
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be an integer").arg(key));
        return std::nullopt;
    }
    const auto n = static_cast<qint64>(d);
    if (n < min || n > max) {
        fail(ErrorCode::BadRequest,
            QStringLiteral("'%1' must be between %2 and %3").arg(key).arg(min).arg(max));
        return std::nullopt;
    }
    return n;
}

qint64 JsonReader::integer(QLatin1String key, qint64 min, qint64 max)
{
    const QJsonValue value = required(key);
    if (!ok())
        return 0;
    return toInteger(key, value, min, max).value_or(0);
}

std::optional<qint64> JsonReader::optionalInteger(QLatin1String key, qint64 min, qint64 max)
{
    const QJsonValue value = m_object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return toInteger(key, value, min, max);
}

bool JsonReader::boolean(QLatin1String key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return false;
    if (!value.isBool())
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be true or false").arg(key));
    return value.toBool();
}

std::optional<bool> JsonReader::optionalBoolean(QLatin1String key)
{
    const QJsonValue value = m_object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return boolean(key);
}

QJsonObject JsonReader::object(QLatin1String key)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    if (!value.isObject())
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be an object").arg(key));
    return value.toObject();
}

std::optional<QJsonObject> JsonReader::optionalObject(QLatin1String key)
{
    const QJsonValue value = m_object.value(key);
    if (!ok() || value.isUndefined() || value.isNull())
        return std::nullopt;
    return object(key);
}

QJsonArray JsonReader::array(QLatin1String key, int maxCount)
{
    const QJsonValue value = required(key);
    if (!ok())
        return {};
    if (!value.isArray()) {
        fail(ErrorCode::BadRequest, QStringLiteral("'%1' must be an array").arg(key));
        return {};
    }
    const QJsonArray a = value.toArray();
    if (a.size() > maxCount) {
        fail(ErrorCode::TooLarge,
            QStringLiteral("'%1' holds more than %2 items").arg(key).arg(maxCount));
        return {};
    }
    return a;
}

int JsonReader::characterCount(const QString& text)
{
    int surrogatePairs = 0;
    for (const QChar c : text) {
        if (c.isLowSurrogate())
            ++surrogatePairs;
    }
    return int(text.size()) - surrogatePairs;
}

QJsonArray toJsonArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

} // namespace palaver
