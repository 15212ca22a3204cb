#pragma once
// Thumbnails of image attachments, fetched once from GET /v1/files/ID/thumbnail (they need
// the token, so the UI cannot load them as plain URLs) and kept on disk in the account folder
// so later runs and scrolling back never fetch them again.
#include <QHash>
#include <QObject>
#include <QString>

namespace palaver::client {

class FileEndpoint;

/// The account's thumbnail folder and the fetches filling it.
class ThumbnailCache : public QObject
{
    Q_OBJECT
public:
    explicit ThumbnailCache(FileEndpoint& endpoint, QObject* parent = nullptr);

    /// Where thumbnails are kept (empty while signed out: nothing is fetched).
    void setFolder(const QString& folder);
    /// The file a thumbnail is (or would be) kept in.
    QString pathFor(const QString& fileId) const;
    /// ready() or failed() follows (queued, also when the file is on disk already); a fetch
    /// that is running already is not started twice.
    void request(const QString& fileId);

    /// A file name for any id: ids are opaque, so anything but [A-Za-z0-9_-] is hashed.
    static QString safeName(const QString& fileId);

    /// Attempts of one thumbnail the server turned away for its rate (429) or load (503).
    static constexpr int kMaxAttempts = 8;

Q_SIGNALS:
    void ready(const QString& fileId, const QString& path);
    void failed(const QString& fileId, const QString& error);

private:
    void fetch(const QString& fileId, const QString& path, int attempt);

    FileEndpoint& m_endpoint;
    QString m_folder;
    QHash<QString, bool> m_running;
};

} // namespace palaver::client
