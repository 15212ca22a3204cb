#include "client/outbox/outbox.h"

#include "client/cache/outboxstore.h"
#include "client/logging.h"
#include "client/net/connection.h"

#include <QDateTime>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kInternalRetryMs = 2000;

QString describe(const ErrorAnswer& error)
{
    switch (error.code) {
    case ErrorCode::TooLarge:
        return u"The message is too long."_s;
    case ErrorCode::Forbidden:
        return u"You can no longer post in this room."_s;
    default:
        return error.message.isEmpty() ? u"The server refused the message."_s : error.message;
    }
}
} // namespace

Outbox::Outbox(Connection& connection, OutboxStore& store, RoomStore& rooms, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_rooms(rooms)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Outbox::pump);
    connect(&m_rooms, &RoomStore::eventsAdded, this, &Outbox::onEventsAdded);
    connect(&m_connection, &Connection::stateChanged, this, [this](Connection::State state) {
        // The answer to the send in flight died with the link; it goes again, same client_mid.
        if (state != Connection::State::Online) {
            m_inFlight.clear();
            m_ready = false;
        }
    });
}

void Outbox::load()
{
    m_entries = m_store.entries();
    for (const OutboxEntry& entry : std::as_const(m_entries))
        Q_EMIT entryAdded(entry);
}

OutboxEntry Outbox::enqueue(const QString& roomId, const QString& text, qint64 replyTo,
    const QStringList& mentions, const QList<FileInfo>& attachments)
{
    OutboxEntry entry;
    entry.clientMid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.room = roomId;
    // Trimmed as the server will store it, so the pending row already shows the final text.
    entry.text = text.trimmed();
    entry.replyTo = replyTo;
    entry.mentions = mentions;
    entry.attachments = attachments;
    entry.created = QDateTime::currentMSecsSinceEpoch();
    entry = m_store.add(entry);
    m_entries.append(entry);
    Q_EMIT entryAdded(entry);
    pump();
    return entry;
}

void Outbox::retry(const QString& clientMid)
{
    const int i = indexOf(clientMid);
    if (i < 0 || !m_entries[i].failed)
        return;
    m_entries[i].failed = false;
    m_entries[i].error.clear();
    m_store.setFailed(clientMid, false);
    Q_EMIT entryChanged(m_entries[i]);
    pump();
}

void Outbox::discard(const QString& clientMid)
{
    // The one in flight may still be committed; it is dropped locally only after its answer.
    if (clientMid == m_inFlight)
        return;
    removeEntry(clientMid);
    pump();
}

void Outbox::setReady(bool ready)
{
    m_ready = ready;
    if (ready)
        pump();
}

QList<OutboxEntry> Outbox::entries(const QString& roomId) const
{
    QList<OutboxEntry> result;
    for (const OutboxEntry& entry : m_entries) {
        if (roomId.isEmpty() || entry.room == roomId)
            result.append(entry);
    }
    return result;
}

void Outbox::pump()
{
    if (!m_ready || !m_inFlight.isEmpty() || m_retryTimer.isActive())
        return;
    // Strictly one at a time: a rate_limited answer for a later send could otherwise let it
    // overtake an earlier one, and the order the user wrote in is part of the message.
    for (const OutboxEntry& entry : std::as_const(m_entries)) {
        if (entry.failed)
            continue;
        SendRequest request;
        request.room = entry.room;
        request.clientMid = entry.clientMid;
        request.text = entry.text;
        if (entry.replyTo > 0)
            request.replyTo = entry.replyTo;
        request.mentions = entry.mentions;
        for (const FileInfo& file : entry.attachments)
            request.attachments.append(file.fileId);
        const QString mid = entry.clientMid;
        if (m_connection.request(
                request, this, [this, mid](const ServerMessage& answer) { onAnswer(mid, answer); }))
            m_inFlight = mid;
        return;
    }
}

void Outbox::onAnswer(const QString& clientMid, const ServerMessage& answer)
{
    m_inFlight.clear();
    const int i = indexOf(clientMid);
    if (const auto* ack = std::get_if<AckAnswer>(&answer)) {
        if (i >= 0) {
            const OutboxEntry& entry = m_entries[i];
            // The event as the server stored it; the server's own copy (push or sync) replaces
            // it if anything differs, e.g. mentions of non-members dropped.
            Event event;
            event.room = ack->room;
            event.seq = ack->seq;
            event.ts = ack->ts;
            event.sender = m_rooms.ownUserId();
            event.kind = EventKind::Message;
            event.text = entry.text;
            event.clientMid = entry.clientMid;
            if (entry.replyTo > 0)
                event.replyTo = entry.replyTo;
            event.mentions = entry.mentions;
            event.attachments = entry.attachments;
            m_rooms.addEvents({event}, EventOrigin::Local);
            // Already delivered by onEventsAdded unless the seq was held (a duplicate ack for
            // an event that sync brought first).
            removeEntry(clientMid, event);
        }
    } else if (const auto* error = std::get_if<ErrorAnswer>(&answer)) {
        if (error->code == ErrorCode::RateLimited) {
            m_retryTimer.start(int(std::max<qint64>(error->retryAfterMs.value_or(1000), 50)));
        } else if (error->code == ErrorCode::Internal) {
            m_retryTimer.start(kInternalRetryMs);
        } else {
            qCInfo(lcClientOutbox) << "send refused:" << toString(error->code) << error->message;
            markFailed(clientMid, describe(*error));
        }
    }
    pump();
}

void Outbox::onEventsAdded(const QString& roomId, const QList<Event>& events)
{
    // A message committed before the link broke comes back in sync; it is delivered, and
    // resending it would only earn a duplicate ack.
    for (const Event& event : events) {
        if (event.kind != EventKind::Message || event.sender != m_rooms.ownUserId())
            continue;
        const int i = indexOf(event.clientMid);
        if (i >= 0 && m_entries[i].room == roomId && event.clientMid != m_inFlight)
            removeEntry(event.clientMid, event);
    }
}

void Outbox::markFailed(const QString& clientMid, const QString& error)
{
    const int i = indexOf(clientMid);
    if (i < 0)
        return;
    m_entries[i].failed = true;
    m_entries[i].error = error;
    m_store.setFailed(clientMid, true, error);
    Q_EMIT entryChanged(m_entries[i]);
    Q_EMIT sendFailed(m_entries[i]);
}

void Outbox::removeEntry(const QString& clientMid, const std::optional<Event>& delivered)
{
    const int i = indexOf(clientMid);
    if (i < 0)
        return;
    const QString room = m_entries[i].room;
    m_entries.removeAt(i);
    m_store.remove(clientMid);
    if (delivered)
        Q_EMIT entryDelivered(*delivered);
    else
        Q_EMIT entryRemoved(room, clientMid);
}

int Outbox::indexOf(const QString& clientMid) const
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].clientMid == clientMid)
            return i;
    }
    return -1;
}

} // namespace palaver::client
