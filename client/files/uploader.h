#pragma once
// Sends files to POST /v1/files, a few at a time, with progress and cancel. A finished upload
// is handed on (uploaded()) to become a message; a failed one says why in words and, when a
// second try may work (network, server trouble), can be retried.
#include "client/files/uploadlistmodel.h"
#include "shared/objects/fileinfo.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <map>
#include <memory>

class QIODevice;
class QNetworkReply;

namespace palaver::client {

class FileEndpoint;

/// The account's uploads, shown per room through UploadListModels it owns.
class Uploader : public QObject
{
    Q_OBJECT
public:
    /// Uploads that run at the same time; later ones wait as "queued".
    static constexpr int kParallel = 2;
    /// How long a finished row stays visible before it goes.
    static constexpr int kDoneLingerMs = 1500;

    explicit Uploader(FileEndpoint& endpoint, QObject* parent = nullptr);
    ~Uploader() override;

    /// The uploads of `room`, created on first use.
    UploadListModel* model(const QString& room);
    /// Uploads the local file at `path`; returns its id (its row may already say "failed":
    /// missing, unreadable or over the limit, refused before any byte is sent).
    int uploadFile(const QString& room, const QString& path, const QString& caption = {});
    /// Uploads bytes held in memory (a pasted image) as a file called `name`.
    int uploadData(const QString& room, const QString& name, const QString& mime,
        const QByteArray& data, const QString& caption = {});
    void cancel(int id);
    void retry(int id);
    /// Removes a row that is no longer running (failed, cancelled, done).
    void dismiss(int id);
    /// Stops every upload and forgets every row (signing out).
    void clear();

Q_SIGNALS:
    /// The server stored the file: it is ready to go out in a message.
    void uploaded(const QString& room, const palaver::FileInfo& file, const QString& caption);

private:
    struct Job
    {
        UploadItem item;
        QString path; ///< empty for in-memory data
        QByteArray data;
        QString mime;
        QString caption;
        QPointer<QNetworkReply> reply;
        std::unique_ptr<QIODevice> body;
    };

    int add(Job job);
    void pump();
    void start(Job& job);
    void onFinished(int id);
    void fail(Job& job, const QString& error, bool canRetry);
    void setState(Job& job, UploadItem::State state);
    QString tooLarge(const QString& name) const;

    FileEndpoint& m_endpoint;
    std::map<int, Job> m_jobs; ///< by id, so in the order they were added
    QHash<QString, UploadListModel*> m_models;
    int m_nextId = 1;
};

} // namespace palaver::client
