// libFuzzer target: the bytes a client sends after the opening handshake, through the server's
// RFC 6455 reader (server/net/websocketframes) and, for each text message, the server's
// decode path (textframe.h). The stream is read twice, whole and in chunks, because a socket
// delivers it in pieces of any size: both readings must give the same messages and error.
//
// Input layout: byte 0 picks the chunk size (1–256), byte 1 the message size limit from a
// table that includes the edges of the three length encodings, the rest is the stream.
#include "server/net/websocketframes.h"
#include "shared/limits.h"
#include "tests/fuzz/textframe.h"

#include <QList>
#include <QtEndian>
#include <cstddef>
#include <cstdint>

using palaver::fuzz::require;
using namespace palaver::server;

namespace {
struct Reading
{
    QList<WsMessage> messages;
    WsReadError error = WsReadError::None;
};

Reading read(const QByteArray& stream, qsizetype chunk, qint64 limit)
{
    WsFrameReader reader(limit);
    Reading result;
    for (qsizetype at = 0; at < stream.size(); at += chunk) {
        reader.feed(stream.mid(at, chunk));
        while (auto message = reader.next()) {
            const bool control = quint8(message->opcode) & 0x8;
            require(message->opcode != WsOpcode::Continuation, "never returns a continuation");
            require(!control || message->payload.size() <= 125, "control payloads are short");
            require(control || message->payload.size() <= limit, "messages keep the limit");
            if (message->opcode == WsOpcode::Text) {
                require(ws::isValidUtf8(message->payload.constData(), message->payload.size()),
                    "text messages are UTF-8");
            }
            result.messages.append(*message);
        }
        // Held: up to 64 KiB of parsed bytes not yet dropped, one unfinished frame (data within
        // the limit plus a 14-byte header, or a control frame) and the fragments so far.
        require(reader.bufferedBytes() <= 65536 + 2 * limit + 139 + chunk, "buffering is bounded");
        if (reader.error() != WsReadError::None)
            break;
    }
    result.error = reader.error();
    if (result.error != WsReadError::None)
        require(!reader.next() && reader.bufferedBytes() == 0, "a failed reader stays failed");
    return result;
}

// What WebSocketConnection does with each message (replies are encoded, not sent).
void serve(const WsMessage& message)
{
    switch (message.opcode) {
    case WsOpcode::Text:
        palaver::fuzz::handleTextFrame(message.payload);
        break;
    case WsOpcode::Ping:
        require(
            ws::encodeFrame(WsOpcode::Pong, message.payload).size() == message.payload.size() + 2,
            "a pong echoes the ping");
        break;
    case WsOpcode::Close: {
        const quint16 code = message.payload.size() >= 2
            ? qFromBigEndian<quint16>(message.payload.constData())
            : quint16(1000);
        (void)ws::encodeClose(code, {});
        break;
    }
    case WsOpcode::Binary:
    case WsOpcode::Pong:
    case WsOpcode::Continuation:
        break;
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return -1;
    static constexpr qint64 kLimits[] = {
        0, 1, 125, 126, 127, 65535, 65536, palaver::limits::maxFrameBytes};
    const qsizetype chunk = qsizetype(data[0]) + 1;
    const qint64 limit = kLimits[data[1] % std::size(kLimits)];
    const QByteArray stream(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));

    const Reading whole = read(stream, qMax<qsizetype>(1, stream.size()), limit);
    const Reading pieces = read(stream, chunk, limit);
    require(whole.error == pieces.error, "same error whole and in chunks");
    require(whole.messages.size() == pieces.messages.size(), "same messages whole and in chunks");
    for (qsizetype i = 0; i < whole.messages.size(); ++i) {
        require(whole.messages[i].opcode == pieces.messages[i].opcode &&
                whole.messages[i].payload == pieces.messages[i].payload,
            "same message whole and in chunks");
        serve(whole.messages[i]);
    }
    return 0;
}
