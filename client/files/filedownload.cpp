#include "client/files/filedownload.h"

#include "client/files/fileendpoint.h"
#include "client/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSaveFile>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kHttpOk = 200;
constexpr int kHttpNotFound = 404;
constexpr qint64 kReadBufferBytes = 256 * 1024;

QString toPath(const QUrl& target)
{
    if (target.isEmpty())
        return {};
    return target.isLocalFile() ? target.toLocalFile() : target.toString();
}
} // namespace

FileDownload::FileDownload(FileEndpoint& endpoint, const QString& fileId, qint64 size,
    const QString& defaultPath, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_fileId(fileId)
    , m_defaultPath(defaultPath)
    , m_total(size)
{
    // A file fetched in an earlier run is still there.
    if (QFileInfo(m_defaultPath).isFile() && QFileInfo(m_defaultPath).size() == size) {
        m_path = m_defaultPath;
        m_received = size;
        m_state = State::Done;
    }
}

FileDownload::~FileDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QString FileDownload::state() const
{
    switch (m_state) {
    case State::Idle:
        return u"idle"_s;
    case State::Downloading:
        return u"downloading"_s;
    case State::Done:
        return u"done"_s;
    case State::Failed:
        return u"failed"_s;
    case State::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

double FileDownload::progress() const
{
    if (m_state == State::Done)
        return 1.0;
    return m_total > 0 ? double(m_received) / double(m_total) : 0.0;
}

QUrl FileDownload::localUrl() const
{
    return m_state == State::Done ? QUrl::fromLocalFile(m_path) : QUrl();
}

void FileDownload::start(const QUrl& target)
{
    const QString path = target.isEmpty() ? m_defaultPath : toPath(target);
    if (m_state == State::Downloading || (m_state == State::Done && path == m_path))
        return;
    m_path = path;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        setState(State::Failed, tr("Cannot write %1: %2").arg(m_path, m_file->errorString()));
        m_file.reset();
        return;
    }
    m_received = 0;
    m_written = 0;
    Q_EMIT progressChanged();
    m_reply = m_endpoint.get(m_fileId);
    // Bytes go to the file as they come instead of piling up in Qt's buffer: memory stays
    // small for a 25 MiB file, and progress moves in steps the user can see.
    m_reply->setReadBufferSize(kReadBufferBytes);
    connect(m_reply, &QNetworkReply::readyRead, this, &FileDownload::onReadyRead);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 got, qint64 total) {
        if (total > 0)
            m_total = total;
        m_received = std::max(m_written, got);
        Q_EMIT progressChanged();
    });
    connect(m_reply, &QNetworkReply::finished, this, &FileDownload::onFinished);
    setState(State::Downloading);
}

void FileDownload::onReadyRead()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Only a 200's body is the file; an error page must not land in it.
    if (status != kHttpOk || !m_file)
        return;
    const QByteArray bytes = m_reply->readAll();
    m_file->write(bytes);
    // Progress from what was written, in read-buffer steps: Qt's downloadProgress is choked
    // to one signal per 20 ms, so a fast download could show none between 0 and done.
    m_received = std::max(m_received, m_written += bytes.size());
    Q_EMIT progressChanged();
}

void FileDownload::onFinished()
{
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    if (m_state != State::Downloading) {
        if (m_file)
            m_file->cancelWriting();
        m_file.reset();
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == kHttpOk && reply->error() == QNetworkReply::NoError) {
        m_file->write(reply->readAll());
        const bool saved = m_file->commit();
        const QString why = m_file->errorString();
        m_file.reset();
        if (saved)
            setState(State::Done);
        else
            setState(State::Failed, tr("Cannot write %1: %2").arg(m_path, why));
        return;
    }
    m_file->cancelWriting();
    m_file.reset();
    if (status == kHttpNotFound)
        setState(State::Failed, tr("The file is not available (deleted, or no access)."));
    else if (status > 0)
        setState(State::Failed, tr("The server could not send the file (error %1).").arg(status));
    else
        setState(State::Failed, tr("Network error: the download stopped. Try again."));
}

void FileDownload::cancel()
{
    if (m_state != State::Downloading)
        return;
    setState(State::Cancelled);
    if (m_reply)
        m_reply->abort();
}

bool FileDownload::saveAs(const QUrl& target)
{
    const QString path = toPath(target);
    if (m_state != State::Done || path.isEmpty())
        return false;
    if (path == m_path)
        return true;
    QFile::remove(path);
    if (!QFile::copy(m_path, path)) {
        qCInfo(lcClientNet) << "cannot copy" << m_path << "to" << path;
        return false;
    }
    return true;
}

void FileDownload::setState(State state, const QString& error)
{
    m_state = state;
    m_error = error;
    Q_EMIT stateChanged();
    Q_EMIT progressChanged();
}

} // namespace palaver::client
