#pragma once
// Reads and validates the fields of one JSON object. The first violation is kept and every
// later read is a no-op, so a frame's fromJson reads straight through and checks ok() once.
#include "shared/errorcode.h"

#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace palaver {

class JsonReader
{
public:
    explicit JsonReader(const QJsonObject& object)
        : m_object(object)
    { }

    /// True while no field has been rejected.
    bool ok() const { return !m_error.has_value(); }
    /// The first rejection; only meaningful when !ok().
    ProtocolError error() const { return m_error.value_or(ProtocolError {}); }
    /// Records a rejection found by the caller (cross-field rules).
    void fail(ErrorCode code, const QString& message);

    /// True when the field is present and not null (null means absent throughout).
    bool has(QLatin1String key) const
    {
        const QJsonValue v = m_object.value(key);
        return !v.isUndefined() && !v.isNull();
    }

    /// Opaque user or room id: a string of 1..64 characters.
    QString id(QLatin1String key);
    std::optional<QString> optionalId(QLatin1String key);
    /// A list of opaque ids, at most maxCount; absent means empty.
    QStringList idList(QLatin1String key, int maxCount);

    /// A string of minLength..maxLength UTF-16 units, not trimmed.
    QString string(QLatin1String key, int minLength, int maxLength);
    std::optional<QString> optionalString(QLatin1String key, int maxLength);

    /// Message text: trimmed, then 1..maxChars Unicode characters. Longer is `too_large`,
    /// empty is `bad_request` unless allowEmpty.
    QString text(QLatin1String key, int maxChars, bool allowEmpty = false);

    /// An integer (a JSON number with no fraction) within [min, max].
    qint64 integer(QLatin1String key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(QLatin1String key, qint64 min, qint64 max);

    bool boolean(QLatin1String key);
    std::optional<bool> optionalBoolean(QLatin1String key);

    QJsonObject object(QLatin1String key);
    std::optional<QJsonObject> optionalObject(QLatin1String key);
    QJsonArray array(QLatin1String key, int maxCount);

    /// Counts Unicode code points, so an emoji is one character as users see it.
    static int characterCount(const QString& text);

private:
    QJsonValue required(QLatin1String key);
    std::optional<qint64> toInteger(
        QLatin1String key, const QJsonValue& value, qint64 min, qint64 max);

    const QJsonObject m_object; ///< a copy (implicitly shared): readers of temporaries stay valid
    std::optional<ProtocolError> m_error;
};

/// Writes an optional field only when it is set, keeping frames small.
template <class T>
void insertIfSet(QJsonObject& object, QLatin1String key, const std::optional<T>& value)
{
    if (value)
        object.insert(key, *value);
}

/// JSON array of strings from a list of ids.
QJsonArray toJsonArray(const QStringList& list);

} // namespace palaver
