#pragma once
// A Prometheus histogram of durations with fixed buckets, safe to fill from any thread (the
// writer thread times commits, the event loop times sends) without a lock.
#include <QByteArray>
#include <QStringBuilder>
#include <array>
#include <atomic>

namespace palaver::server {

class LatencyHistogram
{
public:
    /// Upper bounds in microseconds: 100 µs … 2.5 s, then +Inf.
    static constexpr std::array<qint64, 14> kBoundsUs = {100, 250, 500, 1'000, 2'500, 5'000, 10'000,
        25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000, 2'500'000};

    void observe(qint64 micros)
    {
        size_t i = 0;
        while (i < kBoundsUs.size() && micros > kBoundsUs[i])
            ++i;
        m_buckets[i].fetch_add(1, std::memory_order_relaxed);
        m_sumUs.fetch_add(quint64(qMax<qint64>(0, micros)), std::memory_order_relaxed);
    }

    /// Appends the _bucket, _sum and _count lines (in seconds) for `name`.
    void render(QByteArray& out, const char* name, const char* help) const
    {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " histogram\n";
        quint64 cumulative = 0;
        for (size_t i = 0; i <= kBoundsUs.size(); ++i) {
            cumulative += m_buckets[i].load(std::memory_order_relaxed);
            const QByteArray le = i < kBoundsUs.size()
                ? QByteArray::number(double(kBoundsUs[i]) / 1e6, 'g', 6)
                : QByteArray("+Inf");
            out += QByteArray(name) + "_bucket{le=\"" + le + "\"} " +
                QByteArray::number(cumulative) + '\n';
        }
        out += QByteArray(name) + "_sum " +
            QByteArray::number(double(m_sumUs.load(std::memory_order_relaxed)) / 1e6, 'f', 6) +
            '\n' + name + "_count " + QByteArray::number(cumulative) + '\n';
    }

private:
    std::array<std::atomic<quint64>, kBoundsUs.size() + 1> m_buckets {};
    std::atomic<quint64> m_sumUs {0};
};

} // namespace palaver::server
