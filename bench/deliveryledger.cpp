#include "deliveryledger.h"

bool DeliveryLedger::record(int receiver, const QString& room, qint64 seq)
{
    Seen& seen = m_rooms[size_t(receiver)][room];
    bool first = false;
    if (seq >= 0 && seq < kMaxBits) {
        if (size_t(seq) >= seen.bits.size())
            seen.bits.resize(std::max(size_t(seq) + 1, seen.bits.size() * 2));
        first = !seen.bits[size_t(seq)];
        seen.bits[size_t(seq)] = true;
    } else {
        const qsizetype before = seen.far.size();
        seen.far.insert(seq);
        first = seen.far.size() != before;
    }
    ++(first ? m_received : m_duplicates);
    return first;
}

bool DeliveryLedger::has(int receiver, const QString& room, qint64 seq) const
{
    const auto it = m_rooms[size_t(receiver)].constFind(room);
    if (it == m_rooms[size_t(receiver)].cend())
        return false;
    if (seq >= 0 && seq < kMaxBits)
        return size_t(seq) < it->bits.size() && it->bits[size_t(seq)];
    return it->far.contains(seq);
}
