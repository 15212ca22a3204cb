#pragma once
// One connection's TLS session over its non-blocking descriptor: the handshake, then
// records in and out. What the socket lacks (readable or writable) is reported back, so the
// WebSocketConnection can ask the poller for it, as it does for plain TCP.
#include <QtGlobal>

struct ssl_st;

namespace palaver::server {

class TlsChannel
{
public:
    enum class Status { Done, WantRead, WantWrite, Closed, Failed };
    struct Result
    {
        Status status;
        qsizetype bytes = 0; ///< plaintext read or taken, when Done
    };

    explicit TlsChannel(ssl_st* ssl)
        : m_ssl(ssl)
    { }
    ~TlsChannel();
    TlsChannel(const TlsChannel&) = delete;
    TlsChannel& operator=(const TlsChannel&) = delete;

    bool handshakeDone() const { return m_handshakeDone; }
    /// Advances the handshake; Done once it is complete.
    Result handshake();
    Result read(char* buffer, qsizetype capacity);
    /// Takes up to one record's worth of `data` (partial writes are on).
    Result write(const char* data, qsizetype size);
    /// Decrypted bytes OpenSSL holds that the socket will not signal again.
    bool hasBufferedInput() const;
    /// Sends close_notify if it can, without waiting for the peer's.
    void shutdown();

private:
    Result outcome(int returned);

    ssl_st* m_ssl;
    bool m_handshakeDone = false;
};

} // namespace palaver::server
