#pragma once
// One server-side WebSocket over a QTcpSocket: the HTTP upgrade, then frames. It moves bytes
// and keeps the close handshake; what the messages mean is the Session's business.
#include "server/net/websocketframes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

class QTcpSocket;

namespace palaver::server {
class WriteFlusher;

class WebSocketConnection final : public QObject
{
    Q_OBJECT
public:
    enum class State { Handshaking, Open, Closing, Closed };

    /// Takes ownership of a connected socket; `flusher` outlives the connection.
    WebSocketConnection(QTcpSocket* socket, qint64 maxMessageBytes, WriteFlusher& flusher,
        QObject* parent = nullptr);
    ~WebSocketConnection() override;

    State state() const { return m_state; }
    /// The request target's path, e.g. "/v1"; empty until opened().
    const QByteArray& requestPath() const { return m_path; }
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    /// Bytes accepted for sending that the kernel has not taken yet.
    qint64 bytesToWrite() const;

    /// Sends a frame built by ws::encodeFrame(): fanout frames a push once for all sockets.
    /// Frames are queued (the shared bytes, not copies) and written at the end of the
    /// event-loop pass by the WriteFlusher, all of them with one system call.
    void sendFrame(const QByteArray& wireFrame);
    /// Writes the queued frames now (the WriteFlusher calls it).
    void flush();
    void sendText(const QByteArray& utf8) { sendFrame(ws::encodeText(utf8)); }
    void ping();
    /// Starts the close handshake; the TCP connection ends when the peer answers, or after
    /// a grace period if it does not.
    void close(quint16 code, const QString& reason);
    /// Drops the TCP connection at once, without a close frame.
    void abort();

Q_SIGNALS:
    void opened();
    void textReceived(const QByteArray& utf8);
    void binaryReceived();
    void pongReceived();
    /// Emitted once, when the TCP connection is gone.
    void disconnected();

private:
    void onReadyRead();
    bool readHandshake();
    void refuseHandshake(const QByteArray& status, const QByteArray& extraHeaders = {});
    void readFrames();
    void onPeerClose(const QByteArray& payload);
    void onDisconnected();
    void enqueue(const QByteArray& bytes);
    qsizetype writeDirectly();

    QTcpSocket* m_socket;
    WriteFlusher& m_flusher;
    QList<QByteArray> m_queued;
    bool m_flushScheduled = false;
    WsFrameReader m_reader;
    QByteArray m_head;
    QByteArray m_path;
    State m_state = State::Handshaking;
};

} // namespace palaver::server
