#pragma once
// When to send `read`: only for messages that were on screen while the window was active,
// never backwards, and coalesced so scrolling through a room sends one marker, not fifty.
#include <QHash>
#include <QObject>
#include <QTimer>

namespace palaver::client {

/// The read-marker rule of one account.
class ReadMarkerPolicy : public QObject
{
    Q_OBJECT
public:
    explicit ReadMarkerPolicy(QObject* parent = nullptr, int coalesceMs = 500);

    /// Whether the app window is active (focused and visible).
    void setWindowActive(bool active);
    bool isWindowActive() const { return m_windowActive; }
    /// The marker the server holds for us (from rooms, sync and own receipts).
    void setServerMarker(const QString& roomId, qint64 seq);
    /// A row with `seq` is on screen now.
    void seen(const QString& roomId, qint64 seq);
    /// Sends what is pending now instead of after the coalescing delay.
    void flush();
    /// A `read` could not be sent (offline): keep it for the next flush.
    void sendFailed(const QString& roomId, qint64 seq);

Q_SIGNALS:
    /// Send `read {room, seq}`.
    void sendRead(const QString& roomId, qint64 seq);

private:
    bool m_windowActive = false;
    QHash<QString, qint64> m_marker; ///< the highest marker sent or known per room
    QHash<QString, qint64> m_server; ///< the marker the server confirmed per room
    QHash<QString, qint64> m_pending;
    QTimer m_timer;
};

} // namespace palaver::client
