#include "server/cluster/roomsequencer.h"

namespace palaver::server {

RoomSequencer::RoomSequencer(GapHandler gap, qint64 gapWaitMs)
    : m_gap(std::move(gap))
    , m_gapWaitMs(gapWaitMs)
    , m_gapTimers([this](const qint64& roomId) { gapTimeout(roomId); })
{ }

void RoomSequencer::load(const QHash<qint64, qint64>& lastSeqs)
{
    m_delivered = lastSeqs;
}

void RoomSequencer::offer(qint64 roomId, qint64 first, qint64 last, Action action)
{
    if (last < first) {
        action();
        return;
    }
    qint64& delivered = m_delivered[roomId];
    if (first <= delivered) {
        // A duplicate, or an item straddling what a fill delivered: what is new in it comes
        // from the next fill.
        if (last > delivered)
            want(roomId, last);
        return;
    }
    if (first == delivered + 1 && !m_pending.contains(roomId)) {
        delivered = last; // the common case: in order, nothing held
        action();
        return;
    }
    Pending& pending = m_pending[roomId];
    pending.held.try_emplace(first, Held {last, std::move(action)});
    ++m_heldTotal;
    want(roomId, last);
    drain(roomId);
}

void RoomSequencer::after(qint64 roomId, qint64 seq, Action action)
{
    if (seq <= delivered(roomId)) {
        action();
        return;
    }
    m_pending[roomId].waiters.emplace(seq, std::move(action));
    want(roomId, seq);
}

void RoomSequencer::noteHead(qint64 roomId, qint64 lastSeq)
{
    if (lastSeq <= delivered(roomId))
        return;
    want(roomId, lastSeq);
    // The database already has it: no point waiting for a push.
    if (!m_pending[roomId].filling) {
        m_gapTimers.cancel(roomId);
        reportGap(roomId);
    }
}

void RoomSequencer::want(qint64 roomId, qint64 seq)
{
    Pending& pending = m_pending[roomId];
    pending.wanted = std::max(pending.wanted, seq);
    if (!pending.filling && !m_gapTimers.contains(roomId))
        m_gapTimers.schedule(roomId, m_gapWaitMs);
}

void RoomSequencer::drain(qint64 roomId)
{
    auto it = m_pending.find(roomId);
    if (it == m_pending.end())
        return;
    // Actions may offer more items (of any room, so the hashes may grow): take each one out
    // and look everything up again after running it.
    while (true) {
        it = m_pending.find(roomId);
        if (it == m_pending.end())
            return;
        Pending& pending = *it;
        qint64& delivered = m_delivered[roomId];
        if (!pending.held.empty() && pending.held.begin()->first <= delivered + 1) {
            auto first = pending.held.begin();
            const qint64 begin = first->first;
            Held held = std::move(first->second);
            pending.held.erase(first);
            if (begin <= delivered)
                continue; // overtaken by a fill
            delivered = held.last;
            held.action();
            continue;
        }
        if (!pending.waiters.empty() && pending.waiters.begin()->first <= delivered) {
            Action action = std::move(pending.waiters.begin()->second);
            pending.waiters.erase(pending.waiters.begin());
            action();
            continue;
        }
        if (pending.held.empty() && pending.waiters.empty() && pending.wanted <= delivered &&
            !pending.filling) {
            m_pending.erase(it);
            m_gapTimers.cancel(roomId);
        }
        return;
    }
}

void RoomSequencer::gapTimeout(qint64 roomId)
{
    auto it = m_pending.find(roomId);
    if (it == m_pending.end() || it->filling)
        return;
    if (it->wanted <= delivered(roomId)) {
        drain(roomId);
        return;
    }
    reportGap(roomId);
}

void RoomSequencer::reportGap(qint64 roomId)
{
    m_pending[roomId].filling = true;
    ++m_gapsReported;
    m_gap(roomId, delivered(roomId));
}

void RoomSequencer::fillDone(qint64 roomId)
{
    auto it = m_pending.find(roomId);
    if (it == m_pending.end())
        return;
    it->filling = false;
    drain(roomId);
    it = m_pending.find(roomId);
    if (it != m_pending.end() && it->wanted > delivered(roomId) && !m_gapTimers.contains(roomId))
        m_gapTimers.schedule(roomId, m_gapWaitMs);
}

void RoomSequencer::forget(qint64 roomId)
{
    m_delivered.remove(roomId);
    m_pending.remove(roomId);
    m_gapTimers.cancel(roomId);
}

} // namespace palaver::server
