#pragma once
// Full-text search over the caller's rooms for a ListView: the server's `search` answers as
// rows, the query debounced while the user types and answers to older queries dropped.
#include "shared/objects/event.h"

#include <QAbstractListModel>
#include <QStringList>
#include <QTimer>
#include <functional>

namespace palaver::client {

class Connection;

/// Results of `search {query, room?}` (CLIENT-API.md's SearchModel), newest first.
class SearchModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(QString roomFilter READ roomFilter WRITE setRoomFilter NOTIFY roomFilterChanged)
    Q_PROPERTY(QString highlightColor READ highlightColor WRITE setHighlightColor NOTIFY
            highlightColorChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        RoomIdRole = Qt::UserRole + 1,
        RoomNameRole,
        SenderIdRole,
        SenderNameRole,
        TsRole,
        SeqRole,
        TextRole,
        MatchedTextRole,
    };
    Q_ENUM(Role)

    /// Pause after the last keystroke before the query goes out.
    static constexpr int kDebounceMs = 250;
    /// Results asked for per query.
    static constexpr int kLimit = 50;

    using Namer = std::function<QString(const QString& id)>;

    explicit SearchModel(Connection& connection, QObject* parent = nullptr);

    /// How room ids and user ids become names (the Account's room list and member store).
    void setNamers(Namer roomName, Namer userName);

    QString query() const { return m_query; }
    /// Starts the debounce; an empty query clears the results at once.
    void setQuery(const QString& query);
    /// A room id to search only that room, or empty for every room.
    QString roomFilter() const { return m_roomFilter; }
    void setRoomFilter(const QString& roomId);
    /// Colour of the matched words in matchedText (empty: bold only).
    QString highlightColor() const { return m_highlightColor; }
    void setHighlightColor(const QString& color);
    /// True from the keystroke until the answer of the newest query arrived.
    bool busy() const { return m_busy; }
    /// Why the last search failed (empty after a success).
    QString error() const { return m_error; }
    int count() const { return int(m_results.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Sends the pending query now, skipping the rest of the debounce.
    Q_INVOKABLE void searchNow();
    /// Empties query and results.
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void queryChanged();
    void roomFilterChanged();
    void highlightColorChanged();
    void busyChanged();
    void errorChanged();
    void countChanged();

private:
    void send();
    void setResults(const QList<Event>& events);
    void setBusy(bool busy);
    void setError(const QString& error);
    QString matchedText(const Event& event) const;

    Connection& m_connection;
    QTimer m_debounce;
    Namer m_roomName;
    Namer m_userName;
    QString m_query;
    QString m_roomFilter;
    QString m_highlightColor;
    QStringList m_terms; ///< folded words of the query the results answer
    QList<Event> m_results;
    quint64 m_generation = 0; ///< bumped per query sent; older answers are dropped
    bool m_busy = false;
    QString m_error;
};

} // namespace palaver::client
