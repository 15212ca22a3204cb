#include "shared/frames/searchframes.h"

#include "shared/frames/nestedjson.h"
#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {

std::optional<SearchRequest> SearchRequest::fromJson(JsonReader& r)
{
    SearchRequest f;
    // Measured like message text (trimmed, in characters); an empty query would match everything.
    f.query = r.text(keys::query, limits::maxQuery);
    f.room = r.optionalId(keys::room);
    f.limit =
        int(r.optionalInteger(keys::limit, 1, limits::listMax).value_or(limits::searchDefault));
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject SearchRequest::toJson() const
{
    QJsonObject o {{keys::query, query}, {keys::limit, limit}};
    insertIfSet(o, keys::room, room);
    return o;
}

std::optional<SearchResultsAnswer> SearchResultsAnswer::fromJson(JsonReader& r)
{
    SearchResultsAnswer f;
    f.events = detail::readNestedList<Event>(r, keys::events, detail::kAnswerListMax);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject SearchResultsAnswer::toJson() const
{
    return {{keys::events, detail::toJsonObjects(events)}};
}

} // namespace palaver
