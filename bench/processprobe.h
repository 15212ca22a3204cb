#pragma once
#include <QtGlobal>

/// CPU time and peak memory of another process, from /proc (Linux).
struct ProcessProbe
{
    static double cpuSeconds(qint64 pid); ///< user + system time so far, -1 if unknown
    static qint64 peakRssKb(qint64 pid); ///< VmHWM, -1 if unknown
};
