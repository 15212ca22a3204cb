#include "server/net/websocketframes.h"

#include <QCryptographicHash>
#include <QtEndian>

namespace palaver::server {
namespace {
constexpr quint8 kFin = 0x80;
constexpr quint8 kReserved = 0x70;
constexpr quint8 kMasked = 0x80;

bool isControl(quint8 opcode)
{
    return opcode & 0x8;
}

bool isKnown(quint8 opcode)
{
    switch (WsOpcode(opcode)) {
    case WsOpcode::Continuation:
    case WsOpcode::Text:
    case WsOpcode::Binary:
    case WsOpcode::Close:
    case WsOpcode::Ping:
    case WsOpcode::Pong:
        return true;
    }
    return false;
}

void unmask(char* data, qsizetype size, const uchar* key)
{
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char(data[i] ^ key[i & 3]);
}
} // namespace

std::optional<WsMessage> WsFrameReader::fail(WsReadError error)
{
    m_error = error;
    m_buffer.clear();
    m_fragments.clear();
    m_offset = 0;
    return std::nullopt;
}

std::optional<WsMessage> WsFrameReader::next()
{
    while (m_error == WsReadError::None) {
        const auto* p = reinterpret_cast<const uchar*>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            break;
        const quint8 opcode = p[0] & 0x0F;
        const bool fin = p[0] & kFin;
        if ((p[0] & kReserved) || !isKnown(opcode) || !(p[1] & kMasked))
            return fail(WsReadError::Protocol); // no extensions were negotiated; clients mask
        quint64 length = p[1] & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                break;
            length = qFromBigEndian<quint16>(p + 2);
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                break;
            length = qFromBigEndian<quint64>(p + 2);
            header = 10;
            if (length >> 63)
                return fail(WsReadError::Protocol);
        }
        if (isControl(opcode) && (length > 125 || !fin))
            return fail(WsReadError::Protocol);
        // Refuse before buffering: a peer announcing 2^60 bytes must not make us wait for them.
        if (!isControl(opcode) && length + quint64(m_fragments.size()) > quint64(m_maxMessageBytes))
            return fail(WsReadError::TooBig);
        header += 4; // masking key
        if (quint64(available) < quint64(header) + length)
            break;
        const uchar* key = p + header - 4;
        QByteArray payload(reinterpret_cast<const char*>(p + header), qsizetype(length));
        unmask(payload.data(), payload.size(), key);
        m_offset += header + qsizetype(length);
        if (m_offset == m_buffer.size()) {
            m_buffer.clear(); // an idle connection holds no buffer
            m_offset = 0;
        } else if (m_offset > 65536) {
            m_buffer.remove(0, m_offset);
            m_offset = 0;
        }

        if (isControl(opcode))
            return WsMessage {WsOpcode(opcode), payload};
        if (opcode == quint8(WsOpcode::Continuation)) {
            if (!m_fragmentedOpcode)
                return fail(WsReadError::Protocol);
            m_fragments.append(payload);
            if (!fin)
                continue;
            payload = std::exchange(m_fragments, {});
            const WsOpcode whole = *std::exchange(m_fragmentedOpcode, std::nullopt);
            if (whole == WsOpcode::Text && !ws::isValidUtf8(payload.constData(), payload.size()))
                return fail(WsReadError::InvalidUtf8);
            return WsMessage {whole, payload};
        }
        if (m_fragmentedOpcode)
            return fail(WsReadError::Protocol); // a new message inside a fragmented one
        if (!fin) {
            m_fragmentedOpcode = WsOpcode(opcode);
            m_fragments = payload;
            continue;
        }
        if (opcode == quint8(WsOpcode::Text) &&
            !ws::isValidUtf8(payload.constData(), payload.size()))
            return fail(WsReadError::InvalidUtf8);
        return WsMessage {WsOpcode(opcode), payload};
    }
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return std::nullopt;
}

namespace ws {

QByteArray encodeFrame(WsOpcode opcode, const QByteArray& payload)
{
    const qsizetype size = payload.size();
    const qsizetype header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
    QByteArray frame(header + size, Qt::Uninitialized);
    auto* p = reinterpret_cast<uchar*>(frame.data());
    p[0] = kFin | quint8(opcode);
    if (size < 126) {
        p[1] = uchar(size);
    } else if (size <= 0xFFFF) {
        p[1] = 126;
        qToBigEndian<quint16>(quint16(size), p + 2);
    } else {
        p[1] = 127;
        qToBigEndian<quint64>(quint64(size), p + 2);
    }
    memcpy(p + header, payload.constData(), size_t(size));
    return frame;
}

QByteArray encodeClose(quint16 code, const QString& reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian<quint16>(code, payload.data());
    QByteArray text = reason.toUtf8();
    // 125 bytes at most in a control frame; cut on a character boundary.
    qsizetype keep = std::min<qsizetype>(text.size(), 123);
    while (keep > 0 && keep < text.size() && (uchar(text[keep]) & 0xC0) == 0x80)
        --keep;
    payload.append(text.left(keep));
    return encodeFrame(WsOpcode::Close, payload);
}

bool isValidUtf8(const char* data, qsizetype size)
{
    const auto* s = reinterpret_cast<const uchar*>(data);
    qsizetype i = 0;
    while (i < size) {
        // ASCII runs, eight bytes at a time: JSON is mostly ASCII.
        while (i + 8 <= size) {
            quint64 word;
            memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= size)
            break;
        const uchar c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        uint cp;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false; // continuation byte first, overlong 0xC0/0xC1, or above 0xF4
        }
        if (i + extra >= size)
            return false; // truncated sequence
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

QByteArray acceptKey(const QByteArray& key)
{
    const QByteArray salted = key + QByteArrayLiteral("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(salted, QCryptographicHash::Sha1).toBase64();
}

} // namespace ws
} // namespace palaver::server
