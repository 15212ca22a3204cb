#pragma once
// The server's TLS identity: one OpenSSL context with the certificate and key, shared by
// every connection. Loaded once at start so a bad file is a clear error, not a failed client.
#include <QByteArray>
#include <QString>
#include <memory>

struct ssl_ctx_st;
struct ssl_st;

namespace palaver::server {

class TlsContext
{
public:
    /// nullptr, with `error` set, when the files cannot be read or do not match.
    static std::unique_ptr<TlsContext> load(
        const QString& certFile, const QString& keyFile, QString* error);
    ~TlsContext();

    /// A new server-side TLS session on `fd` (owned by the caller).
    ssl_st* newSession(int fd) const;
    /// SHA-256 of the leaf certificate, "AB:CD:…": what clients show when asked to pin it.
    const QString& fingerprint() const { return m_fingerprint; }

private:
    TlsContext() = default;
    ssl_ctx_st* m_ctx = nullptr;
    QString m_fingerprint;
};

} // namespace palaver::server
