#pragma once
// One plain HTTP request that is answered later (file uploads and downloads): it may read a
// request body, and its answer comes after database or disk work. The connection owns it and
// deletes it when the peer leaves, so whoever answers holds a QPointer and checks it.
#include "server/net/httprequesthead.h"
#include "server/net/httpresponse.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

namespace palaver::server {
class WebSocketConnection;

class HttpCall final : public QObject
{
    Q_OBJECT
public:
    HttpCall(WebSocketConnection& connection, HttpRequestHead head, QHostAddress peer);

    const HttpRequestHead& head() const { return m_head; }
    const QHostAddress& peer() const { return m_peer; }
    /// True for HEAD: the answer goes without its body.
    bool isHead() const { return m_head.method == "HEAD"; }

    /// Reads a body of `length` bytes (answering "Expect: 100-continue" first);
    /// bodyReceived() once it is all there. Bytes beyond it are ignored.
    void readBody(qint64 length);
    /// The body read so far; takeBody() hands it over.
    const QByteArray& body() const { return m_body; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }

    /// Sends the answer; the connection closes after it. Later calls are ignored.
    void respond(const HttpResponse& response);
    bool answered() const { return m_answered; }
    /// Body bytes the head announced that have not arrived yet (kept or dropped).
    qint64 unreadBody() const;

    /// A peer that sends or takes nothing for this long is dropped.
    static constexpr int kIdleMs = 60'000;

Q_SIGNALS:
    void bodyReceived();

private:
    friend class WebSocketConnection;
    /// Bytes after the head, from the connection.
    void feed(const char* data, qsizetype size);
    /// Bytes in or out: the peer is alive.
    void noteProgress() { m_idle.start(); }

    WebSocketConnection& m_connection;
    HttpRequestHead m_head;
    QHostAddress m_peer;
    QByteArray m_body;
    qint64 m_expected = -1; ///< -1 until readBody()
    qint64 m_received = 0; ///< body bytes that arrived, kept or not
    QTimer m_idle;
    bool m_answered = false;
    bool m_bodyDone = false;
};

} // namespace palaver::server
