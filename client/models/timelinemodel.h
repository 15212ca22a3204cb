#pragma once
// One room's messages for a ListView, oldest at row 0: stored events, then the outbox's
// pending ones. Edits, deletes and reactions are folded into their targets.
#include "client/models/eventannotations.h"
#include "client/models/timelinepager.h"
#include "client/models/timelinetail.h"
#include "client/outbox/outboxentry.h"
#include "client/sync/roomstore.h"

#include <QAbstractListModel>

namespace palaver::client {

class HistoryFetcher;
class MemberStore;
class Outbox;
class ReadMarkerPolicy;

/// The timeline of one room (CLIENT-API.md's TimelineModel).
class TimelineModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString roomId READ roomId CONSTANT)
    Q_PROPERTY(int firstUnreadRow READ firstUnreadRow NOTIFY firstUnreadRowChanged)
    Q_PROPERTY(bool detached READ isDetached NOTIFY detachedChanged)
public:
    enum Role {
        SeqRole = Qt::UserRole + 1,
        ClientMidRole,
        SenderIdRole,
        SenderNameRole,
        TextRole,
        TsRole,
        KindRole,
        EditedRole,
        DeletedRole,
        ReplyToRole,
        ReplyPreviewRole,
        ReactionsRole,
        DeliveryStateRole,
        SeenByRole,
        IsOwnRole,
        MentionsMeRole,
        FirstInRunRole,
        DaySeparatorRole,
        DayLabelRole,
        AttachmentsRole,
    };
    Q_ENUM(Role)

    /// Events per page, from the cache or the server.
    static constexpr int kPageSize = 50;

    TimelineModel(const QString& roomId, RoomStore& rooms, MemberStore& members, Outbox& outbox,
        HistoryFetcher& history, ReadMarkerPolicy& readMarkers, QObject* parent = nullptr);

    QString roomId() const { return m_roomId; }
    /// The row of the first message from others past the own read marker, or -1.
    int firstUnreadRow() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    /// The view shows the row with `seq`; read markers follow from it.
    Q_INVOKABLE void markSeen(qint64 seq);

    /// True while the rows end before the room's newest event (after a jump): live events
    /// are not shown until fetchNewer() has paged forward to them.
    bool isDetached() const { return m_tail.isDetached(); }
    /// The row showing `seq`, or -1.
    Q_INVOKABLE int rowOf(qint64 seq) const { return rowOfSeq(seq); }
    /// Shows the message `seq`: at once when loaded, else the rows are replaced by a window of
    /// history around it (the timeline detaches). `jumped` follows either way.
    Q_INVOKABLE void jumpTo(qint64 seq);
    /// Leaves a detached window for the newest events (e.g. when the user sends).
    Q_INVOKABLE void jumpToLatest();
    /// While detached: loads the next newer page (the view calls it at the bottom).
    Q_INVOKABLE void fetchNewer();

Q_SIGNALS:
    void firstUnreadRowChanged();
    void detachedChanged();
    /// The message `seq` is at `row` now (-1: it could not be loaded).
    void jumped(qint64 seq, int row);

private:
    void insertEvents(const QList<Event>& events);
    void insertEvent(const Event& event);
    bool replacePending(const Event& event);
    void onEventsAdded(const QString& roomId, const QList<Event>& events, EventOrigin origin);
    void onEventsChanged(const QString& roomId, const QList<Event>& events);
    void onEntryAdded(const OutboxEntry& entry);
    void onEntryChanged(const OutboxEntry& entry);
    void onEntryRemoved(const QString& roomId, const QString& clientMid);
    void onEntryDelivered(const Event& event);
    void replaceWindow(const QList<Event>& events, bool atStart, bool detached);
    void deliverNewer(const QList<Event>& events);
    void refreshRows(int first, int last, const QList<int>& roles);
    void refreshAll(const QList<int>& roles);
    void notifyFirstUnread();
    /// The row of seq, or -1; `insertAt` gets where it would go.
    int rowOfSeq(qint64 seq, int* insertAt = nullptr) const;
    int pendingIndex(const QString& clientMid) const;
    /// The server's copy of a message of ours still shown as pending.
    bool isPendingEcho(const Event& event) const;
    QVariant eventData(const Event& event, int row, int role) const;
    QVariant pendingData(const OutboxEntry& entry, int row, int role) const;
    QString displayText(const Event& event) const;
    QString replyPreview(qint64 seq) const;
    qint64 tsOfRow(int row) const;
    QString senderOfRow(int row) const;

    QString m_roomId;
    RoomStore& m_rooms;
    MemberStore& m_members;
    Outbox& m_outbox;
    ReadMarkerPolicy& m_readMarkers;
    QList<Event> m_events; ///< shown events, ascending by seq
    QList<OutboxEntry> m_pending; ///< after the events, in send order
    EventAnnotations m_annotations;
    TimelinePager m_pager;
    TimelineTail m_tail;
    int m_firstUnread = -1;
};

} // namespace palaver::client
