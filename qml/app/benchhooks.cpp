#include "qml/app/benchhooks.h"

#include <QCoreApplication>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace palaver::app {
namespace {

/// Milliseconds since the kernel started this process (/proc/self/stat field 22), at the
/// clock-tick resolution of /proc (10 ms on common kernels).
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Fields after the ")" of the command name; starttime is field 22, i.e. the 20th after it.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startTicks = fields.at(19).toDouble();
    timespec now {};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

QByteArray statusField(const QByteArray& name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith(QByteArray(name).append(':')))
            return line.mid(name.size() + 1).trimmed().split(' ').value(0);
    }
    return {};
}

} // namespace

BenchHooks* BenchHooks::create(QQmlApplicationEngine& engine, const QElapsedTimer& sinceMain)
{
    const bool firstFrame = qEnvironmentVariable("PALAVER_BENCH_FIRST_FRAME") == u"1";
    const QString scroll = qEnvironmentVariable("PALAVER_BENCH_SCROLL");
    if (!firstFrame && scroll.isEmpty())
        return nullptr;
    auto* window = engine.rootObjects().isEmpty()
        ? nullptr
        : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window)
        return nullptr;
    auto* hooks = new BenchHooks(window, sinceMain);
    hooks->m_scrollRoom = scroll;
    connect(window, &QQuickWindow::frameSwapped, hooks, &BenchHooks::onFirstFrame,
        Qt::SingleShotConnection);
    return hooks;
}

BenchHooks::BenchHooks(QQuickWindow* window, const QElapsedTimer& sinceMain)
    : QObject(window)
    , m_window(window)
    , m_sinceMain(sinceMain)
{ }

void BenchHooks::onFirstFrame()
{
    if (m_scrollRoom.isEmpty()) {
        std::printf("first_frame_ms=%.0f main_ms=%lld\n", msSinceProcessStart(),
            static_cast<long long>(m_sinceMain.elapsed()));
        std::fflush(stdout);
        QTimer::singleShot(2000, this, [this] {
            const QString room = qEnvironmentVariable("PALAVER_BENCH_ROOM");
            if (room.isEmpty()) {
                printMemory();
                return;
            }
            openRoom(room);
            QTimer::singleShot(2000, this, &BenchHooks::printMemory);
        });
        return;
    }
    QTimer::singleShot(1000, this, [this] {
        openRoom(m_scrollRoom);
        QTimer::singleShot(1500, this, &BenchHooks::startScroll);
    });
}

QQuickItem* BenchHooks::findItem(QQuickItem* from, const QString& objectName) const
{
    if (!from)
        return nullptr;
    if (from->objectName() == objectName && from->isVisible())
        return from;
    const QList<QQuickItem*> children = from->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

void BenchHooks::openRoom(const QString& roomId)
{
    QQuickItem* page = findItem(m_window->contentItem(), QStringLiteral("chatPage"));
    if (!page || !QMetaObject::invokeMethod(page, "openRoom", Q_ARG(QString, roomId))) {
        std::fprintf(stderr, "palaver bench: cannot open room %s\n", qPrintable(roomId));
        QCoreApplication::exit(3);
    }
}

void BenchHooks::printMemory()
{
    std::printf("vmrss_kb=%s vmhwm_kb=%s\n", statusField("VmRSS").constData(),
        statusField("VmHWM").constData());
    std::fflush(stdout);
    QCoreApplication::quit();
}

void BenchHooks::startScroll()
{
    m_list = findItem(m_window->contentItem(), QStringLiteral("messageList"));
    if (!m_list) {
        std::fprintf(stderr, "palaver bench: no message list\n");
        QCoreApplication::exit(3);
        return;
    }
    std::printf("scroll_start rows=%d\n", m_list->property("count").toInt());
    connect(m_window, &QQuickWindow::frameSwapped, this, &BenchHooks::onScrollFrame);
    connect(&m_topTimer, &QTimer::timeout, this, &BenchHooks::checkTop);
    m_topTimer.start(200);
    m_rows = m_list->property("count").toInt();
    m_window->update();
}

void BenchHooks::onScrollFrame()
{
    // Count the interval ending with this frame when the frame before moved the list or rows
    // arrived since (older history prepended at the top); not the idle frames at the top.
    const int rows = m_list->property("count").toInt();
    if (m_frameClock.isValid() && (m_stepped || rows != m_rows)) {
        const double ms = double(m_frameClock.nsecsElapsed()) / 1e6;
        m_intervals.append(ms);
        if (ms > 32) {
            // Where: the row at the top of the view, counted from the newest (stable while older
            // rows are prepended), and the rows loaded.
            int top = -1;
            QMetaObject::invokeMethod(m_list, "indexAt", Q_RETURN_ARG(int, top),
                Q_ARG(qreal, m_list->width() / 2),
                Q_ARG(qreal, m_list->property("contentY").toDouble() + 1));
            // "+" marks a frame in which a page of older rows arrived.
            m_slowFrames.append(QStringLiteral("%1ms@%2/%3%4")
                                    .arg(ms, 0, 'f', 1)
                                    .arg(rows - 1 - top)
                                    .arg(rows)
                                    .arg(rows != m_rows ? u"+"_s : QString()));
        }
    }
    m_frameClock.restart();
    m_rows = rows;
    // One step up per frame; the list asks for older history itself (olderWanted) as it
    // nears the top, as it does for a user.
    const double originY = m_list->property("originY").toDouble();
    const double contentY = m_list->property("contentY").toDouble();
    m_stepped = contentY > originY + 0.5;
    if (m_stepped) {
        m_topClock.invalidate();
        m_list->setProperty("contentY", std::max(originY, contentY - m_step));
    } else if (!m_topClock.isValid()) {
        m_topClock.start();
    }
    m_window->update();
}

void BenchHooks::checkTop()
{
    // At the top with no older rows for 3 s: the history is exhausted (or the server is away).
    if (m_topClock.isValid() && m_topClock.elapsed() > 3000)
        finishScroll();
    else
        m_window->update();
}

void BenchHooks::finishScroll()
{
    disconnect(m_window, &QQuickWindow::frameSwapped, this, &BenchHooks::onScrollFrame);
    m_topTimer.stop();
    QList<double> frames = m_intervals;
    std::sort(frames.begin(), frames.end());
    const double max = frames.isEmpty() ? 0 : frames.last();
    const double p99 =
        frames.isEmpty() ? 0 : frames.at(qsizetype(double(frames.size() - 1) * 0.99));
    const double p50 = frames.isEmpty() ? 0 : frames.at(frames.size() / 2);
    const auto over =
        std::count_if(frames.begin(), frames.end(), [](double ms) { return ms > 32; });
    std::printf("scroll_frames=%lld rows=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f over32=%lld\n",
        static_cast<long long>(frames.size()), m_list->property("count").toInt(), p50, p99, max,
        static_cast<long long>(over));
    if (!m_slowFrames.isEmpty())
        std::printf("slow_frames=%s\n", qPrintable(m_slowFrames.join(u',')));
    printMemory();
}

} // namespace palaver::app
