#pragma once
// Cached objects are kept as the wire JSON of their shared type, parsed back with the same
// validating fromJson the wire uses.
#include "shared/jsonreader.h"

#include <QJsonDocument>
#include <QString>
#include <optional>

namespace palaver::client {

/// Compact JSON text of a shared wire type.
template <class T> QString toStoredText(const T& value)
{
    return QString::fromUtf8(QJsonDocument(value.toJson()).toJson(QJsonDocument::Compact));
}

/// Parses text written by toStoredText; nullopt when it no longer validates.
template <class T> std::optional<T> fromStoredText(const QString& text)
{
    JsonReader reader(QJsonDocument::fromJson(text.toUtf8()).object());
    return T::fromJson(reader);
}

} // namespace palaver::client
