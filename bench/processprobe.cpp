#include "processprobe.h"

#include <QFile>
#include <QStringList>
#include <unistd.h>

double ProcessProbe::cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks / double(sysconf(_SC_CLK_TCK));
}

namespace {
qint64 statusKb(qint64 pid, const QByteArray& field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (pid <= 0 || !status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}
} // namespace

qint64 ProcessProbe::peakRssKb(qint64 pid)
{
    return statusKb(pid, QByteArrayLiteral("VmHWM:"));
}

qint64 ProcessProbe::rssKb(qint64 pid)
{
    return statusKb(pid, QByteArrayLiteral("VmRSS:"));
}

double ProcessProbe::loadAverage()
{
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (!loadavg.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const double value = loadavg.readAll().split(' ').first().toDouble(&ok);
    return ok ? value : -1;
}
