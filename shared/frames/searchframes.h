#pragma once
// Frames of full-text search (Rich messaging section).
#include "shared/frametype.h"
#include "shared/objects/event.h"

#include <QJsonObject>
#include <QList>
#include <optional>

namespace palaver {
class JsonReader;

struct SearchRequest
{
    static constexpr FrameType kType = FrameType::Search;
    QString query; ///< trimmed, 1..100
    std::optional<QString> room;
    int limit = 20; ///< 1..200
    static std::optional<SearchRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct SearchResultsAnswer
{
    static constexpr FrameType kType = FrameType::SearchResults;
    QList<Event> events; ///< newest first
    static std::optional<SearchResultsAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

} // namespace palaver
