#include "server/files/filedownload.h"

#include "server/core/wireid.h"
#include "server/files/fileservice.h"
#include "server/files/thumbnailmaker.h"
#include "server/files/uploadname.h"
#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/httpcall.h"
#include "server/storage/database.h"

#include <QDateTime>
#include <QFileInfo>

namespace palaver::server {
namespace {
struct Target
{
    qint64 fileId = 0;
    bool thumbnail = false;
};

// "/v1/files/ID" or "/v1/files/ID/thumbnail"; nullopt for anything else (answered 404).
std::optional<Target> parseTarget(const QByteArray& path)
{
    const QList<QByteArray> parts = path.mid(int(sizeof "/v1/files/") - 1).split('/');
    if (parts.size() > 2 || (parts.size() == 2 && parts[1] != "thumbnail"))
        return std::nullopt;
    const auto id = fromWireId(QString::fromLatin1(parts[0]));
    if (!id)
        return std::nullopt;
    return Target {*id, parts.size() == 2};
}

// Types a browser may show in place. Everything else (HTML, SVG, XML, scripts, …) is sent as
// an attachment, and the ones a browser would run as application/octet-stream.
bool viewableInline(const QString& mime)
{
    return ThumbnailMaker::supports(mime) || mime == u"text/plain" || mime == u"application/pdf" ||
        mime.startsWith(u"audio/") || mime.startsWith(u"video/");
}

bool active(const QString& mime)
{
    return mime.contains(u"html") || mime.contains(u"xml") || mime.contains(u"javascript") ||
        mime.contains(u"ecmascript") || mime == u"text/css";
}

HttpResponse notFound()
{
    return FileService::error("404 Not Found", "not_found", QStringLiteral("no such file"));
}

HttpResponse answer(const FileRecord& file, bool thumbnail, const QByteArray& bytes)
{
    HttpResponse response;
    response.body = bytes;
    response.cacheControl = "private, max-age=31536000, immutable";
    QByteArray headers = "X-Content-Type-Options: nosniff\r\n";
    if (thumbnail) {
        response.contentType = "image/png";
        headers += "ETag: \"" + file.sha256.toLatin1() + "-thumb\"\r\n";
        headers += "Content-Disposition: " +
            uploadname::contentDisposition(file.name + QStringLiteral(".png"), true) + "\r\n";
    } else {
        const bool inlineView = viewableInline(file.mime);
        response.contentType =
            active(file.mime) ? QByteArray("application/octet-stream") : file.mime.toLatin1();
        headers += "ETag: \"" + file.sha256.toLatin1() + "\"\r\n";
        headers += "Content-Disposition: " + uploadname::contentDisposition(file.name, inlineView) +
            "\r\n";
        // A document rendered despite everything may still not run anything.
        headers += "Content-Security-Policy: sandbox; default-src 'none'\r\n";
    }
    response.extraHeaders = headers;
    return response;
}

// On a worker: the bytes to send, making (and keeping) the thumbnail if needed.
std::optional<QByteArray> load(FileService& service, const FileRecord& file, bool thumbnail)
{
    const FileRepository& repository = service.repository();
    const QString content = repository.contentPath(file.sha256);
    if (!thumbnail)
        return repository.read(content);
    if (!ThumbnailMaker::supports(file.mime))
        return std::nullopt;
    const QString cached = repository.thumbnailPath(file.sha256);
    if (auto bytes = repository.read(cached))
        return bytes;
    if (!QFileInfo::exists(content))
        return std::nullopt;
    auto png = ThumbnailMaker::make(content);
    if (!png)
        return std::nullopt;
    QString error;
    if (FileRepository::writeAtomically(cached, *png, &error))
        ServerMetrics::add(service.metrics().thumbnailsMade);
    else
        qCWarning(lcServer) << "thumbnail not cached:" << error;
    return png;
}

// What the read found: the file, or the answer instead of it.
struct Lookup
{
    std::optional<FileRecord> file;
    bool unauthorized = false;
};
} // namespace

void FileDownload::start(FileService& service, HttpCall& call)
{
    const HttpRequestHead& head = call.head();
    if (head.method != "GET" && head.method != "HEAD")
        return call.respond(
            HttpResponse::plain("405 Method Not Allowed", {}, "Allow: GET, HEAD\r\n"));
    const auto tokenHash = FileService::bearerTokenHash(head);
    if (!tokenHash)
        return call.respond(FileService::error("401 Unauthorized", "auth_failed",
            QStringLiteral("send the session token as Authorization: Bearer TOKEN")));
    const auto target = parseTarget(head.path());
    if (!target)
        return call.respond(notFound());
    QPointer<HttpCall> guard(&call);
    const QByteArray hash = *tokenHash;
    service.db().read<Lookup>(
        [hash, target](Store& store) -> Outcome<Lookup> {
            const auto userId =
                store.users().sessionUser(hash, QDateTime::currentMSecsSinceEpoch());
            if (!userId)
                return Lookup {std::nullopt, true};
            return Lookup {store.files().visibleFile(target->fileId, *userId), false};
        },
        [&service, guard, target](Outcome<Lookup> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->respond(FileService::error(
                    "503 Service Unavailable", "internal", result.error().message));
            if (result.value().unauthorized)
                return guard->respond(FileService::error("401 Unauthorized", "auth_failed",
                    QStringLiteral("the session token is not valid")));
            if (!result.value().file)
                return guard->respond(notFound());
            const FileRecord file = *result.value().file;
            const bool thumbnail = target->thumbnail;
            const QByteArray etag =
                "\"" + file.sha256.toLatin1() + (thumbnail ? "-thumb" : "") + "\"";
            if (guard->head().header("if-none-match") == etag) {
                HttpResponse same = answer(file, thumbnail, {});
                same.status = "304 Not Modified";
                return guard->respond(same);
            }
            service.offload<std::optional<QByteArray>>(
                *guard, [&service, file, thumbnail] { return load(service, file, thumbnail); },
                [&service, file, thumbnail](HttpCall& call, std::optional<QByteArray> bytes) {
                    if (!bytes)
                        return call.respond(notFound());
                    ServerMetrics::add(service.metrics().fileDownloads);
                    HttpResponse response = answer(file, thumbnail, *bytes);
                    if (call.isHead())
                        response.contentLength = bytes->size();
                    call.respond(response);
                });
        });
}

} // namespace palaver::server
