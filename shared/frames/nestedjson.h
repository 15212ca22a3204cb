#pragma once
// Internal to the frame sources: reading and writing the objects that frames nest (rooms,
// events, members, users). Every nested value is validated by its own type's fromJson, and its
// first error becomes the frame's error, so a frame is rejected exactly when one of its parts is.
#include "shared/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <limits>
#include <optional>

namespace palaver::detail {

/// Bound for lists in server answers: their size is the server's own rule (history_page is
/// announced in welcome and may grow), so a client must not reject what the server chose.
inline constexpr int kAnswerListMax = std::numeric_limits<int>::max();

/// Parses `object` as a T, copying an inner error into `r`.
template <class T> std::optional<T> parseNested(JsonReader& r, const QJsonObject& object)
{
    if (!r.ok())
        return std::nullopt;
    JsonReader inner(object);
    auto value = T::fromJson(inner);
    if (!value)
        r.fail(inner.error().code, inner.error().message);
    return value;
}

/// The object field `key` parsed as a T.
template <class T> std::optional<T> readNested(JsonReader& r, QLatin1String key)
{
    const QJsonObject object = r.object(key);
    return parseNested<T>(r, object);
}

/// The array field `key` of objects, each parsed as a T; stops at the first bad element.
template <class T> QList<T> readNestedList(JsonReader& r, QLatin1String key, int maxCount)
{
    QList<T> items;
    const QJsonArray values = r.array(key, maxCount);
    for (const QJsonValue& value : values) {
        if (!value.isObject()) {
            r.fail(ErrorCode::BadRequest, QStringLiteral("'%1' must hold objects").arg(key));
            return {};
        }
        auto item = parseNested<T>(r, value.toObject());
        if (!item)
            return {};
        items.append(std::move(*item));
    }
    return items;
}

/// A JSON array of each item's toJson().
template <class T> QJsonArray toJsonObjects(const QList<T>& items)
{
    QJsonArray array;
    for (const T& item : items)
        array.append(item.toJson());
    return array;
}

} // namespace palaver::detail
