#include "client/models/timelinemodel.h"

#include "client/cache/localcache.h"
#include "client/models/attachmentvalues.h"
#include "client/models/daylabel.h"
#include "client/outbox/outbox.h"
#include "client/rules/deliverystate.h"
#include "client/rules/readmarkerpolicy.h"
#include "client/sync/memberstore.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kReplyPreviewChars = 80;
} // namespace

TimelineModel::TimelineModel(const QString& roomId, RoomStore& rooms, MemberStore& members,
    Outbox& outbox, HistoryFetcher& history, ReadMarkerPolicy& readMarkers, QObject* parent)
    : QAbstractListModel(parent)
    , m_roomId(roomId)
    , m_rooms(rooms)
    , m_members(members)
    , m_outbox(outbox)
    , m_readMarkers(readMarkers)
    , m_pager(roomId, rooms, history, kPageSize)
    , m_tail(roomId, rooms, history, kPageSize)
{
    // The newest cached page shows at once, before any network; older pages on scrolling.
    insertEvents(m_rooms.cache().latestEvents(roomId, kPageSize));
    m_pager.checkStart();
    m_pending = m_outbox.entries(roomId);
    m_firstUnread = firstUnreadRow();

    connect(&m_rooms, &RoomStore::eventsAdded, this, &TimelineModel::onEventsAdded);
    connect(&m_rooms, &RoomStore::eventsChanged, this, &TimelineModel::onEventsChanged);
    connect(&m_rooms, &RoomStore::roomChanged, this, [this](const QString& id) {
        if (id == m_roomId)
            notifyFirstUnread();
    });
    connect(&m_members, &MemberStore::markerRaised, this, [this](const QString& id) {
        if (id == m_roomId)
            refreshAll({DeliveryStateRole, SeenByRole});
    });
    connect(&m_members, &MemberStore::membersChanged, this, [this](const QString& id) {
        if (id == m_roomId)
            refreshAll({SenderNameRole, DeliveryStateRole, SeenByRole, ReplyPreviewRole});
    });
    connect(&m_outbox, &Outbox::entryAdded, this, &TimelineModel::onEntryAdded);
    connect(&m_outbox, &Outbox::entryChanged, this, &TimelineModel::onEntryChanged);
    connect(&m_outbox, &Outbox::entryRemoved, this, &TimelineModel::onEntryRemoved);
    connect(&m_outbox, &Outbox::entryDelivered, this, &TimelineModel::onEntryDelivered);
}

int TimelineModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size() + m_pending.size());
}

QHash<int, QByteArray> TimelineModel::roleNames() const
{
    return {{SeqRole, "seq"}, {ClientMidRole, "clientMid"}, {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"}, {TextRole, "text"}, {TsRole, "ts"}, {KindRole, "kind"},
        {EditedRole, "edited"}, {DeletedRole, "deleted"}, {ReplyToRole, "replyTo"},
        {ReplyPreviewRole, "replyPreview"}, {ReactionsRole, "reactions"},
        {DeliveryStateRole, "deliveryState"}, {SeenByRole, "seenBy"}, {IsOwnRole, "isOwn"},
        {MentionsMeRole, "mentionsMe"}, {FirstInRunRole, "firstInRun"},
        {DaySeparatorRole, "daySeparator"}, {DayLabelRole, "dayLabel"},
        {AttachmentsRole, "attachments"}};
}

QVariant TimelineModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (row < m_events.size())
        return eventData(m_events[row], row, role);
    return pendingData(m_pending[row - m_events.size()], row, role);
}

QVariant TimelineModel::eventData(const Event& event, int row, int role) const
{
    const QString me = m_rooms.ownUserId();
    switch (role) {
    case SeqRole:
        return event.seq;
    case ClientMidRole:
        return event.clientMid;
    case SenderIdRole:
        return event.sender;
    case SenderNameRole:
        return m_members.displayName(event.sender);
    case TextRole:
        return displayText(event);
    case TsRole:
        return event.ts;
    case KindRole:
        return toString(event.kind);
    case EditedRole:
        return m_annotations.editedText(event.seq).has_value();
    case DeletedRole:
        return event.deleted || m_annotations.isDeleted(event.seq);
    case ReplyToRole:
        return event.replyTo.value_or(0);
    case ReplyPreviewRole:
        return event.replyTo ? replyPreview(*event.replyTo) : QString();
    case ReactionsRole:
        return m_annotations.reactions(event.seq, me);
    case DeliveryStateRole:
        return DeliveryState::of(
            event.seq, event.sender, m_members.markers(m_roomId), m_members.members(m_roomId));
    case SeenByRole:
        return DeliveryState::seenBy(
            event.seq, event.sender, m_members.markers(m_roomId), m_members.members(m_roomId));
    case IsOwnRole:
        return event.sender == me;
    case MentionsMeRole:
        return !me.isEmpty() && event.mentions.contains(me);
    case AttachmentsRole:
        return event.deleted || m_annotations.isDeleted(event.seq)
            ? QVariantList()
            : AttachmentValues::of(event.attachments);
    default:
        break;
    }
    const bool newDay = row == 0 || DayLabel::dayOf(tsOfRow(row - 1)) != DayLabel::dayOf(event.ts);
    switch (role) {
    case FirstInRunRole:
        return newDay || event.kind != EventKind::Message ||
            m_events[row - 1].kind != EventKind::Message || senderOfRow(row - 1) != event.sender;
    case DaySeparatorRole:
        return newDay;
    case DayLabelRole:
        return DayLabel::forDate(DayLabel::dayOf(event.ts), QDate::currentDate());
    default:
        return {};
    }
}

QVariant TimelineModel::pendingData(const OutboxEntry& entry, int row, int role) const
{
    const QString me = m_rooms.ownUserId();
    const bool newDay =
        row == 0 || DayLabel::dayOf(tsOfRow(row - 1)) != DayLabel::dayOf(entry.created);
    switch (role) {
    case SeqRole:
        return 0;
    case ClientMidRole:
        return entry.clientMid;
    case SenderIdRole:
        return me;
    case SenderNameRole:
        return m_members.displayName(me);
    case TextRole:
        return entry.text;
    case TsRole:
        return entry.created;
    case KindRole:
        return toString(EventKind::Message);
    case EditedRole:
    case DeletedRole:
    case MentionsMeRole:
        return false;
    case ReplyToRole:
        return entry.replyTo;
    case ReplyPreviewRole:
        return entry.replyTo > 0 ? replyPreview(entry.replyTo) : QString();
    case ReactionsRole:
        return QVariantList();
    case AttachmentsRole:
        return AttachmentValues::of(entry.attachments);
    case DeliveryStateRole:
        return entry.failed ? u"failed"_s : u"pending"_s;
    case SeenByRole:
        return 0;
    case IsOwnRole:
        return true;
    case FirstInRunRole:
        return newDay || row == 0 || senderOfRow(row - 1) != me ||
            (row - 1 < m_events.size() && m_events[row - 1].kind != EventKind::Message);
    case DaySeparatorRole:
        return newDay;
    case DayLabelRole:
        return DayLabel::forDate(DayLabel::dayOf(entry.created), QDate::currentDate());
    default:
        return {};
    }
}

QString TimelineModel::displayText(const Event& event) const
{
    if (event.deleted || m_annotations.isDeleted(event.seq))
        return QString();
    return m_annotations.editedText(event.seq).value_or(event.text);
}

QString TimelineModel::replyPreview(qint64 seq) const
{
    const int row = rowOfSeq(seq);
    std::optional<Event> target =
        row >= 0 ? std::optional(m_events[row]) : m_rooms.cache().event(m_roomId, seq);
    if (!target)
        return QString();
    return m_members.displayName(target->sender) + u": "_s +
        displayText(*target).left(kReplyPreviewChars);
}

qint64 TimelineModel::tsOfRow(int row) const
{
    return row < m_events.size() ? m_events[row].ts : m_pending[row - m_events.size()].created;
}

QString TimelineModel::senderOfRow(int row) const
{
    return row < m_events.size() ? m_events[row].sender : m_rooms.ownUserId();
}

int TimelineModel::rowOfSeq(qint64 seq, int* insertAt) const
{
    const auto it = std::lower_bound(m_events.cbegin(), m_events.cend(), seq,
        [](const Event& event, qint64 value) { return event.seq < value; });
    const int pos = int(it - m_events.cbegin());
    if (insertAt)
        *insertAt = pos;
    return it != m_events.cend() && it->seq == seq ? pos : -1;
}

int TimelineModel::pendingIndex(const QString& clientMid) const
{
    for (int i = 0; i < m_pending.size(); ++i) {
        if (m_pending[i].clientMid == clientMid)
            return i;
    }
    return -1;
}

int TimelineModel::firstUnreadRow() const
{
    const RoomInfo room = m_rooms.room(m_roomId);
    const qint64 marker = room.self ? room.self->lastReadSeq : 0;
    int row = 0;
    rowOfSeq(marker + 1, &row);
    for (; row < m_events.size(); ++row) {
        const Event& event = m_events[row];
        if (event.kind == EventKind::Message && event.sender != m_rooms.ownUserId())
            return row;
    }
    return -1;
}

void TimelineModel::notifyFirstUnread()
{
    const int row = firstUnreadRow();
    if (row == m_firstUnread)
        return;
    m_firstUnread = row;
    Q_EMIT firstUnreadRowChanged();
}

bool TimelineModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_pager.canFetchMore();
}

void TimelineModel::fetchMore(const QModelIndex& parent)
{
    if (!parent.isValid())
        m_pager.fetchMore(this, [this](const QList<Event>& events) { insertEvents(events); });
}

void TimelineModel::markSeen(qint64 seq)
{
    m_readMarkers.seen(m_roomId, seq);
}

void TimelineModel::jumpTo(qint64 seq)
{
    const int row = rowOfSeq(seq);
    if (row >= 0) {
        Q_EMIT jumped(seq, row);
        return;
    }
    m_tail.fetchAround(seq, this, [this, seq](const QList<Event>& events, bool moreBefore) {
        if (events.isEmpty()) {
            Q_EMIT jumped(seq, -1);
            return;
        }
        replaceWindow(events, !moreBefore, true);
        Q_EMIT jumped(seq, rowOfSeq(seq));
    });
}

void TimelineModel::jumpToLatest()
{
    if (!m_tail.isDetached())
        return;
    replaceWindow(m_rooms.cache().latestEvents(m_roomId, kPageSize), false, false);
    m_pager.checkStart();
}

void TimelineModel::replaceWindow(const QList<Event>& events, bool atStart, bool detached)
{
    const bool wasDetached = m_tail.isDetached();
    beginResetModel();
    m_events.clear();
    endResetModel();
    m_pager.reset(atStart);
    m_tail.attach();
    insertEvents(events);
    m_pager.checkStart();
    if (detached) {
        m_tail.detach(m_tail.newestSeq());
        m_tail.attachIfCaughtUp(); // the jump target was among the newest events
    }
    if (m_tail.isDetached() != wasDetached)
        Q_EMIT detachedChanged();
}

void TimelineModel::fetchNewer()
{
    m_tail.fetchNewer(this, [this](const QList<Event>& events) { deliverNewer(events); });
}

void TimelineModel::deliverNewer(const QList<Event>& events)
{
    insertEvents(events);
    // An empty page: the server has nothing newer, whatever the room's last_seq said.
    if (m_tail.attachIfCaughtUp(events.isEmpty())) {
        // Live events that came while the page was on its way are in the cache.
        insertEvents(m_rooms.cache().eventsAfter(m_roomId, m_tail.newestSeq(), kPageSize));
        Q_EMIT detachedChanged();
    }
}

void TimelineModel::insertEvents(const QList<Event>& events)
{
    // New rows that land side by side go in as one insertion: a page of older history is one
    // rowsInserted for the view to lay out, not fifty (each one a relayout in the same frame).
    QList<Event> run;
    int runAt = 0;
    const auto flush = [&] {
        if (run.isEmpty())
            return;
        beginInsertRows({}, runAt, runAt + int(run.size()) - 1);
        m_events.insert(runAt, run.size(), Event {});
        std::move(run.begin(), run.end(), m_events.begin() + runAt);
        endInsertRows();
        // The next row's run and day separator depend on the row before it.
        const int next = runAt + int(run.size());
        if (next < rowCount())
            refreshRows(next, next, {FirstInRunRole, DaySeparatorRole});
        run.clear();
    };
    for (const Event& event : events) {
        if (event.room != m_roomId)
            continue;
        m_pager.noteLoaded(event.seq);
        m_tail.noteLoaded(event.seq);
        int insertAt = 0;
        const bool plainNewRow = !EventAnnotations::isAnnotation(event.kind) &&
            !isPendingEcho(event) && rowOfSeq(event.seq, &insertAt) < 0;
        if (plainNewRow && !run.isEmpty() && insertAt == runAt && event.seq > run.last().seq) {
            run.append(event);
            continue;
        }
        flush();
        if (!plainNewRow) {
            insertEvent(event);
            continue;
        }
        rowOfSeq(event.seq, &runAt); // the flush may have moved it
        run.append(event);
    }
    flush();
    notifyFirstUnread();
}

bool TimelineModel::isPendingEcho(const Event& event) const
{
    return event.kind == EventKind::Message && !event.clientMid.isEmpty() &&
        event.sender == m_rooms.ownUserId() && pendingIndex(event.clientMid) >= 0;
}

void TimelineModel::insertEvent(const Event& event)
{
    if (EventAnnotations::isAnnotation(event.kind)) {
        const qint64 target = m_annotations.apply(event);
        const int row = target > 0 ? rowOfSeq(target) : -1;
        if (row >= 0)
            refreshRows(row, row, {});
        return;
    }
    if (replacePending(event))
        return;
    int insertAt = 0;
    const int row = rowOfSeq(event.seq, &insertAt);
    if (row >= 0) {
        if (!(m_events[row] == event)) {
            m_events[row] = event;
            refreshRows(row, row, {});
        }
        return;
    }
    beginInsertRows({}, insertAt, insertAt);
    m_events.insert(insertAt, event);
    endInsertRows();
    // The next row's run and day separator depend on the row before it.
    if (insertAt + 1 < rowCount())
        refreshRows(insertAt + 1, insertAt + 1, {FirstInRunRole, DaySeparatorRole});
}

bool TimelineModel::replacePending(const Event& event)
{
    if (!isPendingEcho(event))
        return false;
    const int p = pendingIndex(event.clientMid);
    int insertAt = 0;
    const bool held = rowOfSeq(event.seq, &insertAt) >= 0;
    const int pendingRow = int(m_events.size()) + p;
    if (!held && p == 0 && insertAt == m_events.size()) {
        // The usual case: the oldest pending row turns into the event in place, so the view
        // does not remove and re-add (and jump).
        m_pending.removeFirst();
        m_events.append(event);
        refreshRows(pendingRow, pendingRow, {});
        return true;
    }
    beginRemoveRows({}, pendingRow, pendingRow);
    m_pending.removeAt(p);
    endRemoveRows();
    return held;
}

void TimelineModel::onEventsAdded(
    const QString& roomId, const QList<Event>& events, EventOrigin origin)
{
    // History pages reach the rows through the pagers that asked for them: a page fetched
    // for a jump must not land in the window it is about to replace.
    if (roomId != m_roomId || origin == EventOrigin::History)
        return;
    QList<Event> accepted;
    for (const Event& event : events) {
        if (m_tail.accepts(event))
            accepted.append(event);
    }
    insertEvents(accepted);
}

void TimelineModel::onEventsChanged(const QString& roomId, const QList<Event>& events)
{
    if (roomId != m_roomId)
        return;
    QList<Event> accepted;
    for (const Event& event : events) {
        if (m_tail.accepts(event))
            accepted.append(event);
    }
    insertEvents(accepted);
}

void TimelineModel::onEntryAdded(const OutboxEntry& entry)
{
    if (entry.room != m_roomId || pendingIndex(entry.clientMid) >= 0)
        return;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_pending.append(entry);
    endInsertRows();
}

void TimelineModel::onEntryDelivered(const Event& event)
{
    if (event.room != m_roomId)
        return;
    if (!m_tail.accepts(event)) {
        // Sent while detached: the message shows when paging forward reaches it.
        onEntryRemoved(event.room, event.clientMid);
        return;
    }
    if (replacePending(event))
        return;
    // The pending row was not where the event belongs (or the seq was shown already).
    insertEvents({event});
}

void TimelineModel::onEntryChanged(const OutboxEntry& entry)
{
    const int p = entry.room == m_roomId ? pendingIndex(entry.clientMid) : -1;
    if (p < 0)
        return;
    m_pending[p] = entry;
    const int row = int(m_events.size()) + p;
    refreshRows(row, row, {DeliveryStateRole});
}

void TimelineModel::onEntryRemoved(const QString& roomId, const QString& clientMid)
{
    const int p = roomId == m_roomId ? pendingIndex(clientMid) : -1;
    if (p < 0)
        return;
    const int row = int(m_events.size()) + p;
    beginRemoveRows({}, row, row);
    m_pending.removeAt(p);
    endRemoveRows();
    if (row < rowCount())
        refreshRows(row, row, {FirstInRunRole, DaySeparatorRole});
}

void TimelineModel::refreshRows(int first, int last, const QList<int>& roles)
{
    Q_EMIT dataChanged(index(first), index(last), roles);
}

void TimelineModel::refreshAll(const QList<int>& roles)
{
    if (rowCount() > 0)
        refreshRows(0, rowCount() - 1, roles);
}

} // namespace palaver::client
