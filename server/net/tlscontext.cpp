#include "server/net/tlscontext.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace palaver::server {
namespace {
QString lastError()
{
    char text[256] = {};
    ERR_error_string_n(ERR_get_error(), text, sizeof text);
    ERR_clear_error();
    return QString::fromLatin1(text);
}
} // namespace

std::unique_ptr<TlsContext> TlsContext::load(
    const QString& certFile, const QString& keyFile, QString* error)
{
    std::unique_ptr<TlsContext> tls(new TlsContext);
    tls->m_ctx = SSL_CTX_new(TLS_server_method());
    if (!tls->m_ctx) {
        *error = QStringLiteral("TLS: %1").arg(lastError());
        return nullptr;
    }
    SSL_CTX_set_min_proto_version(tls->m_ctx, TLS1_2_VERSION);
    // Idle connections are most of a chat server's: without this each keeps two ~17 KB
    // record buffers for as long as it lives.
    SSL_CTX_set_mode(tls->m_ctx,
        SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE |
            SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    const QByteArray cert = certFile.toLocal8Bit();
    const QByteArray key = keyFile.toLocal8Bit();
    if (SSL_CTX_use_certificate_chain_file(tls->m_ctx, cert.constData()) != 1) {
        *error = QStringLiteral("--tls-cert %1: %2").arg(certFile, lastError());
        return nullptr;
    }
    if (SSL_CTX_use_PrivateKey_file(tls->m_ctx, key.constData(), SSL_FILETYPE_PEM) != 1) {
        *error = QStringLiteral("--tls-key %1: %2").arg(keyFile, lastError());
        return nullptr;
    }
    if (SSL_CTX_check_private_key(tls->m_ctx) != 1) {
        *error =
            QStringLiteral("--tls-key %1 does not belong to --tls-cert %2").arg(keyFile, certFile);
        return nullptr;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509* leaf = SSL_CTX_get0_certificate(tls->m_ctx);
        leaf && X509_digest(leaf, EVP_sha256(), digest, &length) == 1) {
        tls->m_fingerprint = QString::fromLatin1(
            QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex(':').toUpper());
    }
    return tls;
}

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

ssl_st* TlsContext::newSession(int fd) const
{
    SSL* ssl = SSL_new(m_ctx);
    if (ssl && SSL_set_fd(ssl, fd) == 1) {
        SSL_set_accept_state(ssl);
        return ssl;
    }
    SSL_free(ssl);
    return nullptr;
}

} // namespace palaver::server
