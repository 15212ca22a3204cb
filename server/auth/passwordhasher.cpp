#include "server/auth/passwordhasher.h"

#include <QMetaObject>
#include <sodium.h>

namespace palaver::server {
namespace {
// OWASP's Argon2id baseline (m = 19 MiB, t = 2, p = 1): ~25 ms on a 2-core workstation,
// a third of libsodium's INTERACTIVE profile at a comparable cracking cost per guess.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

const QString& dummyHash()
{
    static const QString hash = PasswordHasher::hashNow(QStringLiteral("palaver-timing-equaliser"));
    return hash;
}
} // namespace

PasswordHasher::PasswordHasher(QObject* context, int threads)
    : m_context(context)
{
    if (sodium_init() < 0)
        qFatal("libsodium failed to initialise");
    m_pool.setMaxThreadCount(threads);
    m_pool.setObjectName(QStringLiteral("palaver-hasher"));
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

QString PasswordHasher::hashNow(const QString& password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), kOpsLimit, kMemLimit) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString& encoded, const QString& password)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray hash = (encoded.isEmpty() ? dummyHash() : encoded).toLatin1();
    const bool match =
        crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
    return match && !encoded.isEmpty();
}

void PasswordHasher::hash(const QString& password, std::function<void(QString)> done)
{
    m_pool.start([this, password, done = std::move(done)] {
        QString encoded = hashNow(password);
        QMetaObject::invokeMethod(
            m_context, [done, encoded] { done(encoded); }, Qt::QueuedConnection);
    });
}

void PasswordHasher::verify(
    const QString& encoded, const QString& password, std::function<void(bool)> done)
{
    m_pool.start([this, encoded, password, done = std::move(done)] {
        const bool match = verifyNow(encoded, password);
        QMetaObject::invokeMethod(
            m_context, [done, match] { done(match); }, Qt::QueuedConnection);
    });
}

} // namespace palaver::server
