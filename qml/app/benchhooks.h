#pragma once
// Test-only measurement hooks for bench/client (bench/RESULTS.md, "Desktop client (issue 4)").
// Inactive unless one of these environment variables is set:
//   PALAVER_BENCH_FIRST_FRAME=1  print "first_frame_ms=<since process start> main_ms=<since
//                                main()>" at the window's first frameSwapped; then, after 2 s
//                                (opening PALAVER_BENCH_ROOM=<room id> if given, 2 s more),
//                                print "vmrss_kb=… vmhwm_kb=…" and quit.
//   PALAVER_BENCH_SCROLL=<room id>  open the room, scroll its message list from the bottom to
//                                the top (fetching older history as a user would), one step
//                                per frame, and print frame-interval statistics; then quit.
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;

namespace palaver::app {

class BenchHooks : public QObject
{
    Q_OBJECT
public:
    /// Null unless a PALAVER_BENCH_* variable is set. `sinceMain` was started first in main().
    static BenchHooks* create(QQmlApplicationEngine& engine, const QElapsedTimer& sinceMain);

private:
    BenchHooks(QQuickWindow* window, const QElapsedTimer& sinceMain);
    void onFirstFrame();
    void openRoom(const QString& roomId);
    void printMemory();
    void startScroll();
    void onScrollFrame();
    void checkTop();
    void finishScroll();
    QQuickItem* findItem(QQuickItem* from, const QString& objectName) const;

    QQuickWindow* m_window;
    QElapsedTimer m_sinceMain;
    QString m_scrollRoom;
    QQuickItem* m_list = nullptr;
    QElapsedTimer m_frameClock;
    QList<double> m_intervals;
    QStringList m_slowFrames; ///< "ms@row" of each frame over 32 ms, to find where they fall
    QElapsedTimer m_topClock; ///< valid while the list sits at its top
    QTimer m_topTimer;
    int m_rows = 0;
    bool m_stepped = false;
    double m_step = 60; ///< pixels per frame: 3,600 px/s at 60 Hz, a brisk flick
};

} // namespace palaver::app
