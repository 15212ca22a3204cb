#pragma once
#include <QtGlobal>

/// CPU time and memory of a process, from /proc (Linux).
struct ProcessProbe
{
    static double cpuSeconds(qint64 pid); ///< user + system time so far, -1 if unknown
    static qint64 peakRssKb(qint64 pid); ///< VmHWM, -1 if unknown
    static qint64 rssKb(qint64 pid); ///< VmRSS now, -1 if unknown
    static double loadAverage(); ///< the machine's 1-minute load average, -1 if unknown
};
