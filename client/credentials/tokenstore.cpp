#include "client/credentials/tokenstore.h"

#include "client/logging.h"

#include <QDir>
#include <QFile>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace palaver::client {

TokenStore::TokenStore(const QString& folder, const QString& key, bool useKeychain, QObject* parent)
    : QObject(parent)
    , m_folder(folder)
    , m_key(key)
    , m_useKeychain(useKeychain)
{ }

QString TokenStore::filePath() const
{
    return QDir(m_folder).filePath(u"token"_s);
}

void TokenStore::save(const QString& token)
{
    if (!m_useKeychain) {
        writeFile(token);
        Q_EMIT saved(false);
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(QString(kService), this);
    job->setAutoDelete(true);
    job->setKey(m_key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, token](QKeychain::Job* done) {
        if (done->error() == QKeychain::NoError) {
            // A stale file copy would outlive a later forget() of the keychain entry.
            removeFile();
            Q_EMIT saved(true);
            return;
        }
        // No Secret Service / D-Bus (headless, minimal desktops): the file is the fallback.
        qCInfo(lcClientCredentials)
            << "keychain unavailable, using a private file:" << done->errorString();
        writeFile(token);
        Q_EMIT saved(false);
    });
    job->start();
}

void TokenStore::load()
{
    if (!m_useKeychain) {
        Q_EMIT loaded(readFile());
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(QString(kService), this);
    job->setAutoDelete(true);
    job->setKey(m_key);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job* done) {
        const auto* read = static_cast<QKeychain::ReadPasswordJob*>(done);
        if (done->error() == QKeychain::NoError && !read->textData().isEmpty()) {
            Q_EMIT loaded(read->textData());
            return;
        }
        // Saved while the keychain was unavailable, or the keychain is gone now.
        Q_EMIT loaded(readFile());
    });
    job->start();
}

void TokenStore::forget()
{
    removeFile();
    if (!m_useKeychain)
        return;
    auto* job = new QKeychain::DeletePasswordJob(QString(kService), this);
    job->setAutoDelete(true);
    job->setKey(m_key);
    job->start();
}

bool TokenStore::writeFile(const QString& token)
{
    QDir().mkpath(m_folder);
    // Remove first and create with owner-only permissions, so the token is never readable by
    // others, not even for the moment between creating and chmod-ing the file.
    removeFile();
    QFile file(filePath());
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        qCWarning(lcClientCredentials) << "cannot write the token file:" << file.errorString();
        return false;
    }
    file.write(token.toUtf8());
    return file.flush();
}

QString TokenStore::readFile() const
{
    QFile file(filePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

void TokenStore::removeFile()
{
    QFile::remove(filePath());
}

} // namespace palaver::client
