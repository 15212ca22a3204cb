#pragma once
#include <QSet>
#include <QString>
#include <vector>

/// Which (room, seq) each receiver got, to count exactly-once delivery: the first arrival is a
/// delivery, any later one a duplicate. Receivers are the scenario's own indices (connections).
class DeliveryLedger
{
public:
    void resize(int receivers) { m_seen.resize(size_t(receivers)); }
    /// Records one arrival; false if this receiver already had the event.
    bool record(int receiver, const QString& room, qint64 seq);
    bool has(int receiver, const QString& room, qint64 seq) const;
    qint64 received() const { return m_received; }
    qint64 duplicates() const { return m_duplicates; }

private:
    static quint64 key(const QString& room, qint64 seq);

    std::vector<QSet<quint64>> m_seen;
    qint64 m_received = 0;
    qint64 m_duplicates = 0;
};
