#pragma once
// RFC 6455 framing for the server side, as pure functions over bytes: no sockets, so it is
// unit-tested on its own and the connection class only moves bytes.
//
// Why not QWebSocket: sendTextMessage() converts a QString to UTF-8 and copies the payload for
// every recipient, and writes header and payload separately. Here a push is framed once
// (header + payload in one QByteArray) and the same implicitly shared bytes go to every
// socket. Reading keeps the payload as UTF-8 bytes (the JSON parser wants bytes), and invalid
// UTF-8 becomes the contract's 4400 instead of QtWebSockets' own 1007.
#include <QByteArray>
#include <QString>
#include <optional>

namespace palaver::server {

enum class WsOpcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

/// One complete message or control frame taken from the peer's byte stream.
struct WsMessage
{
    WsOpcode opcode = WsOpcode::Text; ///< Text, Binary, Close, Ping or Pong; never Continuation
    QByteArray payload; ///< unmasked; for Text, whole (fragments joined)
};

/// What makes the reader give up on a connection; mapped to a close code by the caller.
enum class WsReadError {
    None,
    Protocol, ///< unmasked client frame, reserved bits or opcodes, bad fragmentation
    TooBig, ///< a message over the limit (close 1009)
    InvalidUtf8, ///< a text message that is not UTF-8
};

/// Incremental parser of client-to-server frames. Feed it bytes as they arrive and take
/// messages until it has none; continuation frames are joined before a message is returned.
class WsFrameReader
{
public:
    explicit WsFrameReader(qint64 maxMessageBytes)
        : m_maxMessageBytes(maxMessageBytes)
    { }

    void feed(const QByteArray& bytes) { m_buffer.append(bytes); }
    /// The next whole message, or nullopt when more bytes are needed or an error occurred.
    std::optional<WsMessage> next();
    WsReadError error() const { return m_error; }
    /// Bytes held while waiting for the rest of a frame or message.
    qsizetype bufferedBytes() const { return m_buffer.size() + m_fragments.size(); }

private:
    std::optional<WsMessage> fail(WsReadError error);

    qint64 m_maxMessageBytes;
    QByteArray m_buffer;
    qsizetype m_offset = 0; ///< parsed bytes at the front of m_buffer, dropped in batches
    QByteArray m_fragments;
    std::optional<WsOpcode> m_fragmentedOpcode;
    WsReadError m_error = WsReadError::None;
};

namespace ws {
/// A whole unmasked server frame (FIN set): header and payload in one buffer.
QByteArray encodeFrame(WsOpcode opcode, const QByteArray& payload);
inline QByteArray encodeText(const QByteArray& utf8)
{
    return encodeFrame(WsOpcode::Text, utf8);
}
/// A close frame: code and a reason cut to the 123 bytes a control frame allows.
QByteArray encodeClose(quint16 code, const QString& reason);
/// Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(const char* data, qsizetype size);
/// Sec-WebSocket-Accept for a Sec-WebSocket-Key.
QByteArray acceptKey(const QByteArray& key);
} // namespace ws

} // namespace palaver::server
