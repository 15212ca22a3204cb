#pragma once
// One server-side WebSocket on a raw, non-blocking TCP descriptor: the HTTP upgrade, then
// frames, and the close handshake. It moves bytes; what the messages mean is the Session's
// business. Readiness comes from the SocketPoller (one epoll for all connections); frames
// sent during a pass of the event loop go out together when the WriteFlusher runs.
#include "server/net/socketpoller.h"
#include "server/net/websocketframes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

namespace palaver::server {
class WriteFlusher;

class WebSocketConnection final : public QObject, private SocketPoller::Client
{
    Q_OBJECT
public:
    enum class State { Handshaking, Open, Closing, Closed };

    /// Takes ownership of a connected descriptor (accepted by the listener); `poller` and
    /// `flusher` outlive the connection.
    WebSocketConnection(int fd, qint64 maxMessageBytes, SocketPoller& poller, WriteFlusher& flusher,
        QObject* parent = nullptr);
    ~WebSocketConnection() override;

    State state() const { return m_state; }
    /// The request target's path, e.g. "/v1"; empty until opened().
    const QByteArray& requestPath() const { return m_path; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }

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
    void onReadable() override;
    void onWritable() override;
    void onBytes(const char* data, qsizetype size);
    bool readHandshake();
    void refuseHandshake(const QByteArray& status, const QByteArray& extraHeaders = {});
    void readFrames();
    void onPeerClose(const QByteArray& payload);
    void enqueue(const QByteArray& bytes);
    void writeUnsent();
    /// Closes the descriptor once everything queued has been written.
    void closeAfterWriting();
    void closeSocket();

    int m_fd;
    SocketPoller& m_poller;
    WriteFlusher& m_flusher;
    WsFrameReader m_reader;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QByteArray m_head;
    QByteArray m_path;
    QList<QByteArray> m_queued; ///< sent in this pass, not yet offered to the kernel
    QList<QByteArray> m_unsent; ///< offered and not (fully) taken: waits for EPOLLOUT
    qsizetype m_unsentOffset = 0; ///< bytes of m_unsent.first() already written
    State m_state = State::Handshaking;
    bool m_flushScheduled = false;
    bool m_writeInterest = false;
    bool m_closeAfterWriting = false;
};

} // namespace palaver::server
