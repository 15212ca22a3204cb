#pragma once
// One client connection: its socket, who it is once authenticated, and its abuse counters.
// It knows nothing of requests; the RequestRouter reads its frames.
#include "shared/errorcode.h"
#include "shared/framecodec.h"
#include "shared/objects/wireenums.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QObject>
#include <QQueue>

namespace palaver::server {
class WebSocketConnection;
struct ServerMetrics;

class Session final : public QObject
{
    Q_OBJECT
public:
    enum class State { Unauthenticated, Authenticating, Authenticated, Closing };

    /// Takes ownership of the connection; counts its frames in `metrics`.
    Session(WebSocketConnection* socket, quint64 number, ServerMetrics& metrics,
        QObject* parent = nullptr);
    ~Session() override;

    quint64 number() const { return m_number; }
    State state() const { return m_state; }
    void setState(State state) { m_state = state; }
    bool isAuthenticated() const { return m_state == State::Authenticated; }

    qint64 userId() const { return m_userId; }
    const QByteArray& tokenHash() const { return m_tokenHash; }
    /// Called once authentication succeeded.
    void authenticate(qint64 userId, const QByteArray& tokenHash);

    PresenceStatus presence() const { return m_presence; }
    void setPresence(PresenceStatus status) { m_presence = status; }

    /// Sends one UTF-8 JSON text frame.
    void send(const QByteArray& frame);
    /// Sends a frame already framed for the socket (ws::encodeText): fanout frames a push
    /// once and shares the bytes with every recipient.
    void sendWireFrame(const QByteArray& wireFrame);
    template <class Frame> void answer(const QJsonValue& re, const Frame& frame)
    {
        send(encodeAnswer(frame, re));
    }
    void answerError(const QJsonValue& re, ErrorCode code, const QString& message,
        std::optional<qint64> retryAfterMs = std::nullopt);
    void answerError(const QJsonValue& re, const ProtocolError& error);
    /// Closes with a close code; further frames from the peer are ignored.
    void close(CloseCode code, const QString& reason);
    /// Drops the connection without a close handshake (dead peers).
    void abort();

    /// Frames that arrived while authentication was being checked, replayed after it.
    QQueue<QByteArray>& deferredFrames() { return m_deferred; }
    /// Held: a request is waiting for an answer from outside (the shared rate limit) and the
    /// frames behind it wait in deferredFrames(), so requests keep their order.
    bool isHeld() const { return m_held; }
    void setHeld(bool held) { m_held = held; }

    const QDeadlineTimer& authDeadline() const { return m_authDeadline; }
    void setAuthDeadline(QDeadlineTimer deadline) { m_authDeadline = deadline; }

    /// WebSocket keep-alive: counts pings that got no pong.
    int missedPongs() const { return m_missedPongs; }
    void ping();

    /// Counts `rate_limited` answers in a sliding window; true when the peer keeps flooding.
    bool noteRateLimited(qint64 now, int threshold, qint64 windowMs);

    QString peerDescription() const;
    /// The peer's IP address (IPv4 as a.b.c.d even on a dual-stack socket).
    QHostAddress peerAddress() const;
    /// The WebSocket request's path ("/v1").
    QByteArray requestPath() const;

Q_SIGNALS:
    void frameReceived(palaver::server::Session* session, const QByteArray& frame);
    void disconnected(palaver::server::Session* session);

private:
    WebSocketConnection* m_socket;
    ServerMetrics& m_metrics;
    quint64 m_number;
    State m_state = State::Unauthenticated;
    qint64 m_userId = 0;
    QByteArray m_tokenHash;
    PresenceStatus m_presence = PresenceStatus::Online;
    QQueue<QByteArray> m_deferred;
    bool m_held = false;
    QDeadlineTimer m_authDeadline;
    int m_missedPongs = 0;
    qint64 m_floodWindowStart = 0;
    int m_floodCount = 0;
};

} // namespace palaver::server
