#pragma once
// The client side of RFC 6455 by hand over a QTcpSocket, for tests that need what QWebSocket
// will not do: send invalid UTF-8, stop reading, never answer a ping.
#include <QByteArray>
#include <QList>
#include <QUrl>

class QTcpSocket;

namespace rawws {

/// Connects and speaks the opening handshake to `url`'s /v1; on success `in` holds whatever
/// the server sent after its 101 response. For wss:// URLs `socket` must be a QSslSocket
/// (declare QSslSocket in tests so they also run in the suite's TLS mode).
bool upgrade(QTcpSocket& socket, const QUrl& url, QByteArray& in, int timeoutMs = 10000);
/// One masked, final text frame (payloads up to 65,535 bytes).
QByteArray maskedText(const QByteArray& payload);

struct Frame
{
    int opcode = 0;
    QByteArray payload;
};
/// Takes the whole (unmasked) server frames off the front of `in`.
QList<Frame> takeFrames(QByteArray& in);

} // namespace rawws
