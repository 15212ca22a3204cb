// WebSocketConnection's bytes in and out of the descriptor: plain TCP with one sendmsg per
// pass, or TLS records through OpenSSL; both tell the poller what they wait for.
#include "server/net/httpcall.h"
#include "server/net/tlschannel.h"
#include "server/net/websocketconnection.h"

#include <QTimer>
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>

namespace palaver::server {
namespace {
// Read at most this much from one socket per pass, so one busy peer cannot starve the rest
// (the poller is level-triggered: the rest is read on the next pass).
constexpr int kReadsPerPass = 4;
constexpr qsizetype kReadChunk = 64 * 1024;
constexpr qsizetype kMaxIov = 64;
} // namespace

void WebSocketConnection::writeUnsent()
{
    if (m_fd < 0 || (m_tls && !m_tls->handshakeDone()))
        return;
    if (!(m_tls ? writeTls() : writePlain()))
        return closeSocket(); // EPIPE, ECONNRESET, a TLS failure: the peer is gone
    const bool pending = !m_unsent.isEmpty();
    if (!m_tlsWriteWantsRead)
        setWriteInterest(pending);
    if (!pending && m_closeAfterWriting)
        m_state == State::Http ? lingerThenClose() : closeSocket();
}

void WebSocketConnection::setWriteInterest(bool on)
{
    if (m_fd >= 0 && on != m_writeInterest) {
        m_writeInterest = on;
        m_poller.setWriteInterest(m_fd, this, on);
    }
}

void WebSocketConnection::takeWritten(qsizetype bytes)
{
    m_pendingBytes -= bytes;
    if (m_call)
        m_call->noteProgress(); // a slow download that still moves is not idle
    while (bytes > 0) {
        const qsizetype rest = m_unsent.first().size() - m_unsentOffset;
        if (bytes < rest) {
            m_unsentOffset += bytes;
            return;
        }
        bytes -= rest;
        m_unsent.removeFirst();
        m_unsentOffset = 0;
    }
}

bool WebSocketConnection::writePlain()
{
    while (!m_unsent.isEmpty()) {
        iovec iov[kMaxIov];
        const qsizetype count = std::min(kMaxIov, m_unsent.size());
        for (qsizetype i = 0; i < count; ++i) {
            const QByteArray& frame = m_unsent.at(i);
            const qsizetype skip = i == 0 ? m_unsentOffset : 0;
            iov[i].iov_base = const_cast<char*>(frame.constData() + skip);
            iov[i].iov_len = size_t(frame.size() - skip);
        }
        msghdr message {};
        message.msg_iov = iov;
        message.msg_iovlen = size_t(count);
        // MSG_NOSIGNAL: a peer that is gone must not raise SIGPIPE in the server.
        const ssize_t sent = ::sendmsg(m_fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return errno == EAGAIN || errno == EWOULDBLOCK;
        }
        takeWritten(sent);
    }
    return true;
}

bool WebSocketConnection::writeTls()
{
    m_tlsWriteWantsRead = false;
    while (!m_unsent.isEmpty()) {
        const QByteArray& frame = m_unsent.first();
        const TlsChannel::Result r =
            m_tls->write(frame.constData() + m_unsentOffset, frame.size() - m_unsentOffset);
        switch (r.status) {
        case TlsChannel::Status::Done:
            takeWritten(r.bytes);
            break;
        case TlsChannel::Status::WantWrite:
            return true;
        case TlsChannel::Status::WantRead:
            // Resumed from onReadable() once the peer's record has arrived.
            m_tlsWriteWantsRead = true;
            setWriteInterest(false);
            return true;
        case TlsChannel::Status::Closed:
        case TlsChannel::Status::Failed:
            return false;
        }
    }
    return true;
}

void WebSocketConnection::onWritable()
{
    if (m_tls && !m_tls->handshakeDone())
        continueTlsHandshake();
    else
        writeUnsent();
}

bool WebSocketConnection::continueTlsHandshake()
{
    const TlsChannel::Result r = m_tls->handshake();
    switch (r.status) {
    case TlsChannel::Status::Done:
        setWriteInterest(false);
        writeUnsent(); // nothing is queued before the upgrade, but keep the rule in one place
        return true;
    case TlsChannel::Status::WantRead:
        setWriteInterest(false);
        return false;
    case TlsChannel::Status::WantWrite:
        setWriteInterest(true);
        return false;
    case TlsChannel::Status::Closed:
    case TlsChannel::Status::Failed:
        break;
    }
    closeSocket(); // not TLS, or a certificate the client refused
    return false;
}

void WebSocketConnection::onReadable()
{
    static char buffer[kReadChunk]; // one event loop thread: one buffer for every connection
    if (m_tls) {
        if (!m_tls->handshakeDone() && !continueTlsHandshake())
            return;
        // One record (at most 16 KiB) per read: allow more reads than for plain TCP.
        for (int i = 0; i < kReadsPerPass * 4 && m_fd >= 0; ++i) {
            const TlsChannel::Result r = m_tls->read(buffer, sizeof buffer);
            if (r.status == TlsChannel::Status::Done) {
                onBytes(buffer, r.bytes);
                continue;
            }
            if (r.status == TlsChannel::Status::WantRead ||
                r.status == TlsChannel::Status::WantWrite)
                break;
            return closeSocket();
        }
        if (m_fd >= 0 && m_tlsWriteWantsRead)
            writeUnsent();
        // Decrypted bytes OpenSSL already holds will not make the socket readable again.
        if (m_fd >= 0 && m_tls->hasBufferedInput())
            QTimer::singleShot(0, this, &WebSocketConnection::onReadable);
        return;
    }
    for (int i = 0; i < kReadsPerPass && m_fd >= 0; ++i) {
        const ssize_t got = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (got > 0) {
            onBytes(buffer, got);
            if (got < kReadChunk)
                return;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        return closeSocket(); // 0: the peer closed; anything else: the connection broke
    }
}

} // namespace palaver::server
