#include "server/net/tlschannel.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace palaver::server {

TlsChannel::~TlsChannel()
{
    SSL_free(m_ssl);
}

TlsChannel::Result TlsChannel::outcome(int returned)
{
    if (returned > 0)
        return {Status::Done, returned};
    const int error = SSL_get_error(m_ssl, returned);
    // The error queue is per thread: leave nothing behind for the next connection to misread.
    ERR_clear_error();
    switch (error) {
    case SSL_ERROR_WANT_READ:
        return {Status::WantRead};
    case SSL_ERROR_WANT_WRITE:
        return {Status::WantWrite};
    case SSL_ERROR_ZERO_RETURN:
        return {Status::Closed};
    default: // SSL_ERROR_SYSCALL (reset, EOF without close_notify), SSL_ERROR_SSL (garbage)
        return {Status::Failed};
    }
}

TlsChannel::Result TlsChannel::handshake()
{
    if (m_handshakeDone)
        return {Status::Done};
    const int returned = SSL_do_handshake(m_ssl);
    if (returned == 1) {
        m_handshakeDone = true;
        return {Status::Done};
    }
    return outcome(returned);
}

TlsChannel::Result TlsChannel::read(char* buffer, qsizetype capacity)
{
    return outcome(SSL_read(m_ssl, buffer, int(qMin<qsizetype>(capacity, INT_MAX))));
}

TlsChannel::Result TlsChannel::write(const char* data, qsizetype size)
{
    return outcome(SSL_write(m_ssl, data, int(qMin<qsizetype>(size, INT_MAX))));
}

bool TlsChannel::hasBufferedInput() const
{
    return SSL_pending(m_ssl) > 0;
}

void TlsChannel::shutdown()
{
    if (m_handshakeDone) {
        SSL_shutdown(m_ssl);
        ERR_clear_error();
    }
}

} // namespace palaver::server
