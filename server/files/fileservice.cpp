#include "server/files/fileservice.h"

#include "server/auth/sessiontoken.h"
#include "server/config/serverconfig.h"
#include "server/files/filedownload.h"
#include "server/files/fileupload.h"
#include "server/metrics/servermetrics.h"
#include "server/net/httpcall.h"
#include "shared/jsonkeys.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace palaver::server {

FileService::FileService(
    const ServerConfig& config, Database& db, ServerMetrics& metrics, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_db(db)
    , m_metrics(metrics)
    , m_repository(config.filesDir)
{
    // Hashing and disk writes of two uploads at once; more would only queue on the disk.
    m_workers.setMaxThreadCount(2);
}

FileService::~FileService()
{
    // Work still running posts to this object: it must finish first.
    m_workers.waitForDone();
}

bool FileService::handles(const QByteArray& path)
{
    return path == "/v1/files" || path.startsWith("/v1/files/");
}

void FileService::serve(HttpCall& call)
{
    ServerMetrics::add(m_metrics.httpRequests);
    if (call.head().path() == "/v1/files")
        return FileUpload::start(*this, call);
    FileDownload::start(*this, call);
}

bool FileService::admitUpload(HttpCall& call)
{
    if (m_uploadsInFlight >= kMaxUploadsInFlight)
        return false;
    ++m_uploadsInFlight;
    // The call goes with its connection, answered or not: whichever way, the slot is free.
    connect(&call, &QObject::destroyed, this, [this] { --m_uploadsInFlight; });
    return true;
}

std::optional<QByteArray> FileService::bearerTokenHash(const HttpRequestHead& head)
{
    const QByteArray value = head.header("authorization");
    const qsizetype space = value.indexOf(' ');
    if (space <= 0 || value.left(space).compare("bearer", Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const QByteArray token = value.mid(space + 1).trimmed();
    if (token.isEmpty() || token.size() > 256)
        return std::nullopt;
    return sessiontoken::hash(QString::fromLatin1(token));
}

HttpResponse FileService::error(const QByteArray& status, const char* code, const QString& message)
{
    const QJsonObject body {{keys::code, QLatin1String(code)}, {keys::message, message}};
    HttpResponse response =
        HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n');
    if (status.startsWith("401"))
        response.extraHeaders = "WWW-Authenticate: Bearer realm=\"palaver\"\r\n";
    return response;
}

} // namespace palaver::server
