#include "server/files/filerepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QTemporaryFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace palaver::server {
namespace {
// Writes all of `bytes` to a new temporary file beside `finalPath` and fsyncs it; the
// temporary file's path, or an empty string.
QString writeTemporary(const QString& finalPath, const QByteArray& bytes, QString* error)
{
    const QFileInfo target(finalPath);
    if (!QDir().mkpath(target.absolutePath())) {
        *error = QStringLiteral("cannot create %1").arg(target.absolutePath());
        return {};
    }
    QTemporaryFile temp(target.absoluteFilePath() + QStringLiteral(".tmp-XXXXXX"));
    temp.setAutoRemove(false);
    if (!temp.open()) {
        *error =
            QStringLiteral("cannot write in %1: %2").arg(target.absolutePath(), temp.errorString());
        return {};
    }
    const bool written = temp.write(bytes) == bytes.size() && temp.flush();
    // The rename must never publish bytes still in the page cache only: a crash would leave
    // a named, truncated file that every later upload of the same bytes trusts.
    const bool synced = written && ::fsync(temp.handle()) == 0;
    const QString path = temp.fileName();
    if (!synced) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, temp.errorString());
        temp.close();
        QFile::remove(path);
        return {};
    }
    temp.close();
    return path;
}

// Makes a rename durable: the new directory entry reaches the disk.
void syncFolder(const QString& path)
{
    const int fd = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(),
        O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

bool renameInto(const QString& from, const QString& to, QString* error)
{
    // rename(2) replaces atomically; QFile::rename refuses an existing target.
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        *error = QStringLiteral("cannot rename %1: %2")
                     .arg(from, QString::fromLocal8Bit(std::strerror(errno)));
        QFile::remove(from);
        return false;
    }
    syncFolder(to);
    return true;
}
} // namespace

bool FileRepository::prepare(QString* error) const
{
    if (!QDir().mkpath(m_root)) {
        *error = QStringLiteral("cannot create the files folder %1").arg(m_root);
        return false;
    }
    return true;
}

QString FileRepository::contentPath(const QString& sha256) const
{
    // Two hex digits of fan-out keep any one folder small (256 folders).
    return m_root + u'/' + sha256.left(2) + u'/' + sha256.mid(2);
}

QString FileRepository::thumbnailPath(const QString& sha256) const
{
    return contentPath(sha256) + QStringLiteral(".thumb.png");
}

QString FileRepository::sniff(const QByteArray& bytes, const QString& name)
{
    static const QMimeDatabase db;
    const QMimeType byContent = db.mimeTypeForData(bytes);
    if (byContent.name() == u"text/plain") {
        const QMimeType byName = db.mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        if (byName.isValid() && byName.inherits(QStringLiteral("text/plain")))
            return byName.name();
    }
    return byContent.name();
}

std::optional<FileRepository::Staged> FileRepository::stage(
    const QByteArray& bytes, const QString& name, QString* error) const
{
    Staged staged;
    staged.sha256 =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    staged.mime = sniff(bytes, name);
    staged.size = bytes.size();
    const QString target = contentPath(staged.sha256);
    if (QFileInfo(target).size() == staged.size && QFileInfo::exists(target))
        return staged; // stored already: each upload gets a row, the bytes stay once
    staged.tempPath = writeTemporary(target, bytes, error);
    if (staged.tempPath.isEmpty())
        return std::nullopt;
    return staged;
}

bool FileRepository::commit(const Staged& staged, QString* error) const
{
    if (staged.tempPath.isEmpty())
        return true;
    return renameInto(staged.tempPath, contentPath(staged.sha256), error);
}

void FileRepository::discard(const Staged& staged) const
{
    if (!staged.tempPath.isEmpty())
        QFile::remove(staged.tempPath);
}

std::optional<QByteArray> FileRepository::read(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

bool FileRepository::writeAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    const QString temp = writeTemporary(path, bytes, error);
    return !temp.isEmpty() && renameInto(temp, path, error);
}

} // namespace palaver::server
