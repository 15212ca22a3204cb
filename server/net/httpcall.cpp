#include "server/net/httpcall.h"

#include "server/net/websocketconnection.h"

namespace palaver::server {

HttpCall::HttpCall(WebSocketConnection& connection, HttpRequestHead head, QHostAddress peer)
    : QObject(&connection)
    , m_connection(connection)
    , m_head(std::move(head))
    , m_peer(std::move(peer))
{
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleMs);
    connect(&m_idle, &QTimer::timeout, &m_connection, &WebSocketConnection::abort);
    m_idle.start();
}

void HttpCall::readBody(qint64 length)
{
    if (m_expected >= 0 || m_answered)
        return;
    m_expected = length;
    // Bytes that came with the head (or while the token was checked) are kept, up to the length.
    if (m_body.size() > m_expected)
        m_body.truncate(m_expected);
    else
        m_body.reserve(m_expected);
    if (m_body.size() < m_expected && m_head.headerHasToken("expect", "100-continue"))
        m_connection.sendHttpBytes("HTTP/1.1 100 Continue\r\n\r\n");
    if (m_body.size() == m_expected) {
        m_bodyDone = true;
        Q_EMIT bodyReceived();
    }
}

void HttpCall::feed(const char* data, qsizetype size)
{
    noteProgress();
    m_received += size;
    // What follows the body (or an answered request) is not read, and only a POST has a body
    // worth keeping.
    if (m_answered || m_bodyDone || m_head.method != "POST")
        return;
    // Before readBody() (while the token is checked) the head's Content-Length bounds the
    // buffer: the upload handler refused any beyond the limit before a second read came.
    const qint64 room = m_expected >= 0
        ? m_expected - m_body.size()
        : m_head.header("content-length").toLongLong() - m_body.size();
    if (room <= 0)
        return;
    m_body.append(data, qsizetype(std::min<qint64>(room, size)));
    if (m_expected >= 0 && m_body.size() == m_expected) {
        m_bodyDone = true;
        Q_EMIT bodyReceived();
    }
}

qint64 HttpCall::unreadBody() const
{
    bool ok = false;
    const qint64 announced = m_head.header("content-length").toLongLong(&ok);
    return ok ? std::max<qint64>(0, announced - m_received) : 0;
}

void HttpCall::respond(const HttpResponse& response)
{
    if (m_answered)
        return;
    m_answered = true;
    m_body = QByteArray();
    m_connection.sendHttpAnswer(response.serializeHead(), isHead() ? QByteArray() : response.body);
}

} // namespace palaver::server
