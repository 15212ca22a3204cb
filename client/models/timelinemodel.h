#pragma once
// One room's messages for a ListView, oldest at row 0: stored events, then the outbox's
// pending ones. Edits, deletes and reactions are folded into their targets.
#include "client/models/eventannotations.h"
#include "client/models/timelinepager.h"
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

Q_SIGNALS:
    void firstUnreadRowChanged();

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
    int m_firstUnread = -1;
};

} // namespace palaver::client
