#pragma once
// Argon2id through libsodium, off the event loop: a hash costs ~25 ms and 19 MiB, which
// would stall every connection if it ran on the main thread.
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>

namespace palaver::server {

class PasswordHasher
{
public:
    /// Results are delivered on `context`'s thread.
    explicit PasswordHasher(QObject* context, int threads = 2);
    ~PasswordHasher();

    /// Calls `done` with the encoded hash, or an empty string if hashing failed.
    void hash(const QString& password, std::function<void(QString)> done);
    /// Calls `done` with true when `password` matches `encoded`. An empty `encoded` still
    /// costs one hash, so a login for a missing account takes as long as a real one.
    void verify(const QString& encoded, const QString& password, std::function<void(bool)> done);

    /// Synchronous forms, for tools and tests.
    static QString hashNow(const QString& password);
    static bool verifyNow(const QString& encoded, const QString& password);

private:
    QPointer<QObject> m_context;
    QThreadPool m_pool;
};

} // namespace palaver::server
