#include "client/search/searchmodel.h"

#include "client/net/connection.h"
#include "client/roomactions.h"
#include "client/search/searchhighlighter.h"
#include "shared/frames/searchframes.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

SearchModel::SearchModel(Connection& connection, QObject* parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SearchModel::send);
}

void SearchModel::setNamers(Namer roomName, Namer userName)
{
    m_roomName = std::move(roomName);
    m_userName = std::move(userName);
    if (!m_results.isEmpty())
        Q_EMIT dataChanged(
            index(0), index(int(m_results.size()) - 1), {RoomNameRole, SenderNameRole});
}

void SearchModel::setQuery(const QString& query)
{
    if (query == m_query)
        return;
    m_query = query;
    Q_EMIT queryChanged();
    // Whatever is in flight answers an older query now.
    ++m_generation;
    if (m_query.trimmed().isEmpty()) {
        m_debounce.stop();
        setResults({});
        setError({});
        setBusy(false);
        return;
    }
    setBusy(true);
    m_debounce.start();
}

void SearchModel::setRoomFilter(const QString& roomId)
{
    if (roomId == m_roomFilter)
        return;
    m_roomFilter = roomId;
    Q_EMIT roomFilterChanged();
    if (!m_query.trimmed().isEmpty()) {
        ++m_generation;
        setBusy(true);
        m_debounce.start();
    }
}

void SearchModel::setHighlightColor(const QString& color)
{
    if (color == m_highlightColor)
        return;
    m_highlightColor = color;
    Q_EMIT highlightColorChanged();
    if (!m_results.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_results.size()) - 1), {MatchedTextRole});
}

void SearchModel::searchNow()
{
    if (m_debounce.isActive()) {
        m_debounce.stop();
        send();
    }
}

void SearchModel::clear()
{
    setQuery(QString());
}

void SearchModel::send()
{
    SearchRequest request;
    request.query = m_query.trimmed();
    if (!m_roomFilter.isEmpty())
        request.room = m_roomFilter;
    request.limit = kLimit;
    const quint64 generation = ++m_generation;
    const QStringList terms = SearchHighlighter::terms(request.query);
    const bool sent =
        m_connection.request(request, this, [this, generation, terms](const ServerMessage& answer) {
            if (generation != m_generation)
                return; // a newer query went out (or the field was cleared) meanwhile
            if (const auto* results = std::get_if<SearchResultsAnswer>(&answer)) {
                m_terms = terms;
                setResults(results->events);
                setError({});
            } else if (const auto* error = std::get_if<ErrorAnswer>(&answer)) {
                setResults({});
                setError(RoomActions::describe(*error));
            } else {
                setError(tr("The server gave an unexpected answer."));
            }
            setBusy(false);
        });
    if (!sent) {
        setError(tr("You are offline; search needs the server."));
        setBusy(false);
    }
}

void SearchModel::setResults(const QList<Event>& events)
{
    const int before = count();
    beginResetModel();
    m_results.clear();
    for (const Event& event : events) {
        // Only messages are search results; anything else would be a server bug.
        if (event.kind == EventKind::Message)
            m_results.append(event);
    }
    endResetModel();
    if (count() != before)
        Q_EMIT countChanged();
}

void SearchModel::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void SearchModel::setError(const QString& error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

int SearchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> SearchModel::roleNames() const
{
    return {{RoomIdRole, "roomId"}, {RoomNameRole, "roomName"}, {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"}, {TsRole, "ts"}, {SeqRole, "seq"}, {TextRole, "text"},
        {MatchedTextRole, "matchedText"}};
}

QVariant SearchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event& event = m_results[index.row()];
    switch (role) {
    case RoomIdRole:
        return event.room;
    case RoomNameRole:
        return m_roomName ? m_roomName(event.room) : event.room;
    case SenderIdRole:
        return event.sender;
    case SenderNameRole:
        return m_userName ? m_userName(event.sender) : event.sender;
    case TsRole:
        return event.ts;
    case SeqRole:
        return event.seq;
    case TextRole:
        return event.text;
    case MatchedTextRole:
        return matchedText(event);
    default:
        return {};
    }
}

QString SearchModel::matchedText(const Event& event) const
{
    const QString open = m_highlightColor.isEmpty()
        ? u"<b>"_s
        : u"<b><font color=\"%1\">"_s.arg(m_highlightColor.toHtmlEscaped());
    const QString close = m_highlightColor.isEmpty() ? u"</b>"_s : u"</font></b>"_s;
    QString oneLine = event.text;
    oneLine.replace(u'\n', u' ');
    return SearchHighlighter::highlight(oneLine, m_terms, open, close);
}

} // namespace palaver::client
