#include "client/cache/accountfolders.h"

#include "client/net/serveraddress.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace palaver::client {

AccountFolders::AccountFolders(const QString& base)
    : m_base(
          base.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : base)
{ }

QString AccountFolders::folderFor(const ServerAddress& server, const QString& username) const
{
    // Usernames are [a-z0-9_.-] after lower-casing, so they are safe in a file name as is.
    return QDir(m_base).filePath(u"accounts/"_s + server.folderKey() + u'_' + username.toLower());
}

QString AccountFolders::lastUsedFile() const
{
    return QDir(m_base).filePath(u"accounts/last-account"_s);
}

QString AccountFolders::lastUsed() const
{
    QFile file(lastUsedFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString name = QString::fromUtf8(file.readAll()).trimmed();
    return name.isEmpty() ? QString() : QDir(m_base).filePath(u"accounts/"_s + name);
}

void AccountFolders::setLastUsed(const QString& folder)
{
    QDir().mkpath(QDir(m_base).filePath(u"accounts"_s));
    QSaveFile file(lastUsedFile());
    if (!file.open(QIODevice::WriteOnly))
        return;
    // Only the folder's name: the base may move (a renamed home, a portable install).
    file.write(QDir(folder).dirName().toUtf8());
    file.commit();
}

QString AccountFolders::certificatePinsFile() const
{
    return QDir(m_base).filePath(u"accounts/trusted-certificates.json"_s);
}

void AccountFolders::clearLastUsed()
{
    QFile::remove(lastUsedFile());
}

} // namespace palaver::client
