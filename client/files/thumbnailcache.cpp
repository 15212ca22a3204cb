#include "client/files/thumbnailcache.h"

#include "client/files/fileendpoint.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QNetworkReply>
#include <QSaveFile>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kHttpOk = 200;
constexpr int kHttpTooManyRequests = 429;
constexpr int kHttpUnavailable = 503;

// The wait the server asked for (Retry-After in seconds), within reason.
int retryDelayMs(const QNetworkReply& reply)
{
    bool ok = false;
    const int seconds = reply.rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok ? std::clamp(seconds * 1000, 250, 10'000) : 1000;
}
} // namespace

ThumbnailCache::ThumbnailCache(FileEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{ }

void ThumbnailCache::setFolder(const QString& folder)
{
    m_folder = folder;
}

QString ThumbnailCache::safeName(const QString& fileId)
{
    const bool plain = !fileId.isEmpty() && std::all_of(fileId.begin(), fileId.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
            c == u'_' || c == u'-';
    });
    return plain
        ? fileId
        : QString::fromLatin1(
              QCryptographicHash::hash(fileId.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString ThumbnailCache::pathFor(const QString& fileId) const
{
    return m_folder.isEmpty() ? QString() : QDir(m_folder).filePath(safeName(fileId));
}

void ThumbnailCache::request(const QString& fileId)
{
    const QString path = pathFor(fileId);
    if (path.isEmpty()) {
        QTimer::singleShot(0, this, [this, fileId] { Q_EMIT failed(fileId, tr("Signed out.")); });
        return;
    }
    if (QFileInfo(path).isFile()) {
        QTimer::singleShot(0, this, [this, fileId, path] { Q_EMIT ready(fileId, path); });
        return;
    }
    if (m_running.value(fileId))
        return;
    m_running.insert(fileId, true);
    fetch(fileId, path, 1);
}

void ThumbnailCache::fetch(const QString& fileId, const QString& path, int attempt)
{
    QNetworkReply* reply = m_endpoint.get(fileId, true);
    connect(reply, &QNetworkReply::finished, this, [this, reply, fileId, path, attempt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // Every request is a connection of its own, and the server limits new connections per
        // address: a room full of images opened at once meets that limit. Those come later.
        if ((status == kHttpTooManyRequests || status == kHttpUnavailable) &&
            attempt < kMaxAttempts) {
            QTimer::singleShot(retryDelayMs(*reply), this,
                [this, fileId, path, attempt] { fetch(fileId, path, attempt + 1); });
            return;
        }
        m_running.remove(fileId);
        const QByteArray bytes = reply->readAll();
        if (status != kHttpOk || bytes.isEmpty()) {
            Q_EMIT failed(fileId,
                status > 0 ? tr("No thumbnail (error %1).").arg(status)
                           : tr("Network error: no thumbnail."));
            return;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
            !file.commit()) {
            Q_EMIT failed(fileId, tr("Cannot write %1.").arg(path));
            return;
        }
        Q_EMIT ready(fileId, path);
    });
}

} // namespace palaver::client
