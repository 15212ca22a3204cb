#pragma once
// The file endpoints on the server's port: POST /v1/files (FileUpload), GET|HEAD
// /v1/files/ID[/thumbnail] (FileDownload). Owns the disk side (FileRepository) and the worker
// threads that hash, write, read and scale, so the event loop never waits for the disk.
#include "server/files/filerepository.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>
#include <optional>

namespace palaver::server {
class Database;
class HttpCall;
struct HttpRequestHead;
struct HttpResponse;
struct ServerConfig;
struct ServerMetrics;

class FileService final : public QObject
{
    Q_OBJECT
public:
    FileService(const ServerConfig& config, Database& db, ServerMetrics& metrics,
        QObject* parent = nullptr);
    ~FileService() override;

    /// Creates the files folder.
    bool prepare(QString* error) { return m_repository.prepare(error); }
    /// True for the paths this service answers (/v1/files and below).
    static bool handles(const QByteArray& path);
    /// Takes the request; answers it through `call` (now or later).
    void serve(HttpCall& call);

    /// Bodies are held in memory while they are hashed and written: at most this many uploads
    /// at once (beyond it 503 with Retry-After), so memory stays below 16 × the upload limit.
    static constexpr int kMaxUploadsInFlight = 16;
    /// Counts `call` as an upload in flight until it is gone; false when the server is full.
    bool admitUpload(HttpCall& call);

    const ServerConfig& config() const { return m_config; }
    Database& db() { return m_db; }
    ServerMetrics& metrics() { return m_metrics; }
    const FileRepository& repository() const { return m_repository; }

    /// Runs `work` on a worker thread, then `done` with its result on the main thread, if the
    /// call is still there (the peer may have left).
    template <class T>
    void offload(HttpCall& call, std::function<T()> work, std::function<void(HttpCall&, T)> done)
    {
        QPointer<HttpCall> guard(&call);
        m_workers.start([this, guard, work = std::move(work), done = std::move(done)]() mutable {
            auto result = std::make_shared<T>(work());
            QMetaObject::invokeMethod(
                this,
                [guard, result, done = std::move(done)] {
                    if (guard)
                        done(*guard, std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    /// The session token of "Authorization: Bearer TOKEN", hashed as the database keeps it;
    /// nullopt without one.
    static std::optional<QByteArray> bearerTokenHash(const HttpRequestHead& head);
    /// A JSON error answer {"code", "message"}, with the WebSocket side's error codes.
    static HttpResponse error(const QByteArray& status, const char* code, const QString& message);

private:
    const ServerConfig& m_config;
    Database& m_db;
    ServerMetrics& m_metrics;
    FileRepository m_repository;
    QThreadPool m_workers;
    int m_uploadsInFlight = 0;
};

} // namespace palaver::server
