#pragma once
// A minimal RFC 6455 client over QTcpSocket, for the load generator only.
//
// Why not QWebSocket: Qt 6.4's QWebSocket creates its QTcpSocket internally and offers no way
// to bind it, so every connection leaves from 127.0.0.1 and one generator can open at most one
// ephemeral port range (~28,000) of connections to one server address. Owning the socket lets
// a connection bind() a chosen 127.x.y.z source address first.
// Why not QTcpSocket either: with 1,000 sockets Qt's dispatcher poll()s all of them on every
// pass, which was a quarter of the generator's CPU (sock_poll, tcp_poll) while it shares the
// cores with the server it measures. The links use the server's SocketPoller (one epoll).
//
// What it speaks: the opening handshake (checks 101 and Sec-WebSocket-Accept), masked text
// frames out, unmasked text frames in (with continuation), ping → pong, close. No extensions,
// no subprotocols, no TLS: exactly what palaver-server needs and nothing more.
#include "server/net/socketpoller.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QUrl>

class WebSocketLink : public QObject, private palaver::server::SocketPoller::Client
{
    Q_OBJECT
public:
    explicit WebSocketLink(QObject* parent = nullptr);
    ~WebSocketLink() override;

    /// Connects to a ws:// URL, from `source` if it is not null (bind before connect).
    void open(const QUrl& url, const QHostAddress& source = {});
    /// Sends one text frame (UTF-8 payload).
    void sendText(const QByteArray& utf8);
    /// Drops the TCP connection with no close frame, as a pulled cable or a killed app would;
    /// emits nothing afterwards.
    void abort();
    bool isOpen() const { return m_upgraded && m_fd >= 0 && !m_finished; }

Q_SIGNALS:
    void opened();
    void textReceived(const QByteArray& utf8);
    /// Emitted once: the peer's close code, 1006 when the connection ended without one, or
    /// -1 when it never opened (refused, bind failure, handshake rejected).
    void closed(int code);

private:
    void onReadable() override;
    void onWritable() override;
    void onConnected();
    void write(const QByteArray& bytes);
    void closeSocket();
    bool readHandshake();
    void readFrames();
    void onFrame(int opcode, bool fin, QByteArray payload);
    void sendFrame(int opcode, const QByteArray& payload);
    void finish();

    static palaver::server::SocketPoller& poller();

    int m_fd = -1;
    bool m_connecting = false;
    bool m_closeAfterWrite = false;
    bool m_flushPosted = false;
    QByteArray m_out;
    QUrl m_url;
    QByteArray m_key;
    QByteArray m_buffer;
    QByteArray m_fragments;
    bool m_upgraded = false;
    bool m_closeSent = false;
    bool m_finished = false;
    int m_closeCode = 1006;
};
