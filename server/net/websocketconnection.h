#pragma once
// One server-side WebSocket on a raw, non-blocking TCP descriptor: the HTTP upgrade, then
// frames, and the close handshake. It moves bytes; what the messages mean is the Session's
// business. Readiness comes from the SocketPoller (one epoll for all connections); frames
// sent during a pass of the event loop go out together when the WriteFlusher runs.
#include "server/net/httpresponse.h"
#include "server/net/socketpoller.h"
#include "server/net/websocketframes.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace palaver::server {
class HttpCall;
class TlsChannel;
class TlsContext;
class WriteFlusher;
struct HttpRequestHead;

class WebSocketConnection final : public QObject, private SocketPoller::Client
{
    Q_OBJECT
public:
    /// Http: a plain HTTP request answered later (HttpCall), until the connection closes.
    enum class State { Handshaking, Http, Open, Closing, Closed };

    struct Limits
    {
        qint64 maxMessageBytes = 64 * 1024;
        /// Bytes queued for a peer that does not read; beyond it the connection is dropped
        /// (0: no bound).
        qint64 maxSendQueueBytes = 0;
    };
    /// Shared by every connection (one per server), so an idle connection holds a pointer.
    using RequestHandler =
        std::function<RequestDecision(const HttpRequestHead&, const QHostAddress& peer)>;

    /// Takes ownership of a connected descriptor (accepted by the listener); `poller`,
    /// `flusher` and `tls` (nullptr: plain TCP) outlive the connection.
    WebSocketConnection(int fd, Limits limits, const TlsContext* tls, SocketPoller& poller,
        WriteFlusher& flusher, QObject* parent = nullptr);
    ~WebSocketConnection() override;

    /// Decides what to do with the request head (upgrade or answer); without one every
    /// well-formed upgrade is accepted.
    void setRequestHandler(const RequestHandler* handler) { m_onRequest = handler; }
    /// Answers the request with `response` instead of asking the handler (refused at accept).
    void refuseWith(HttpResponse response);

    State state() const { return m_state; }
    /// The request target's path, e.g. "/v1"; empty until opened().
    const QByteArray& requestPath() const { return m_path; }
    /// The peer's IP address (IPv4 as a.b.c.d even on a dual-stack socket).
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
    /// The peer stopped reading and its queue passed the bound: it is being dropped.
    void sendQueueOverflowed();

private:
    friend class HttpCall;
    /// HttpCall's way out: bytes now (100 Continue), or its answer and then the close.
    void sendHttpBytes(const QByteArray& bytes);
    void sendHttpAnswer(const QByteArray& head, const QByteArray& body);
    /// After an HTTP answer: half-close, read what the peer still sends (so the kernel does
    /// not reset the connection before it read the answer), close on its FIN or after a grace.
    void lingerThenClose();
    void onReadable() override;
    void onWritable() override;
    bool continueTlsHandshake();
    void onBytes(const char* data, qsizetype size);
    bool readHandshake();
    bool upgrade(const HttpRequestHead& head);
    void respondAndClose(const HttpResponse& response, bool includeBody = true);
    void readFrames();
    void onPeerClose(const QByteArray& payload);
    void enqueue(const QByteArray& bytes);
    void writeUnsent();
    /// Writes what it can of m_unsent; false when the connection broke.
    bool writePlain();
    bool writeTls();
    void setWriteInterest(bool on);
    void takeWritten(qsizetype bytes);
    /// Closes the descriptor once everything queued has been written.
    void closeAfterWriting();
    void closeSocket();

    int m_fd;
    Limits m_limits;
    std::unique_ptr<TlsChannel> m_tls;
    const RequestHandler* m_onRequest = nullptr;
    std::unique_ptr<HttpResponse> m_refusal; ///< set only on refused connections
    HttpCall* m_call = nullptr; ///< a child, in State::Http
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
    qint64 m_pendingBytes = 0; ///< queued + unsent, for the send-queue bound
    State m_state = State::Handshaking;
    bool m_flushScheduled = false;
    bool m_writeInterest = false;
    bool m_closeAfterWriting = false;
    bool m_lingering = false;
    bool m_draining = false; ///< answered; dropping the rest of the request body before closing
    bool m_tlsWriteWantsRead = false; ///< TLS must read (e.g. a key update) before writing on
};

} // namespace palaver::server
