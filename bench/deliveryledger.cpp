#include "deliveryledger.h"

quint64 DeliveryLedger::key(const QString& room, qint64 seq)
{
    // Room ids are opaque strings; this server issues decimal ones, which pack with the seq into
    // one word (a seq beyond 2^32 would need a run of four billion events). Other ids hash.
    bool decimal = false;
    const quint64 roomNumber = room.toULongLong(&decimal);
    return ((decimal ? roomNumber : quint64(qHash(room))) << 32) ^ quint64(seq);
}

bool DeliveryLedger::record(int receiver, const QString& room, qint64 seq)
{
    QSet<quint64>& seen = m_seen[size_t(receiver)];
    const qsizetype before = seen.size();
    seen.insert(key(room, seq));
    if (seen.size() == before) {
        ++m_duplicates;
        return false;
    }
    ++m_received;
    return true;
}

bool DeliveryLedger::has(int receiver, const QString& room, qint64 seq) const
{
    return m_seen[size_t(receiver)].contains(key(room, seq));
}
