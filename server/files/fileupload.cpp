#include "server/files/fileupload.h"

#include "server/config/serverconfig.h"
#include "server/core/wireid.h"
#include "server/files/fileservice.h"
#include "server/files/uploadname.h"
#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/httpcall.h"
#include "server/storage/database.h"
#include "shared/objects/fileinfo.h"

#include <QDateTime>
#include <QJsonDocument>

namespace palaver::server {
namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// What the head allows, checked before the body is read.
struct UploadHead
{
    QByteArray tokenHash;
    qint64 length = 0;
    QString name;
};

// How an upload ended inside its transaction: the stored row, or an HTTP refusal.
struct Verdict
{
    std::optional<FileRecord> file;
    bool newContent = false;
    QByteArray status;
    const char* code = "";
    QString message;
};

QString quotaMessage(const ServerConfig& config)
{
    return QStringLiteral("upload quota of %1 MiB exceeded").arg(config.quotaMib);
}

QString tooLargeMessage(const ServerConfig& config)
{
    return QStringLiteral("files are limited to %1 MiB").arg(config.maxUploadMib);
}

std::optional<HttpResponse> checkHead(
    const ServerConfig& config, const HttpRequestHead& head, UploadHead& upload)
{
    if (head.method != "POST")
        return HttpResponse::plain("405 Method Not Allowed", {}, "Allow: POST\r\n");
    const auto tokenHash = FileService::bearerTokenHash(head);
    if (!tokenHash)
        return FileService::error("401 Unauthorized", "auth_failed",
            QStringLiteral("send the session token as Authorization: Bearer TOKEN"));
    upload.tokenHash = *tokenHash;
    // A body of unknown length cannot be checked against the limit before it is read.
    if (head.headers.contains("transfer-encoding") || !head.headers.contains("content-length"))
        return FileService::error("411 Length Required", "bad_request",
            QStringLiteral("send the file with a Content-Length"));
    const QByteArray lengthText = head.header("content-length");
    bool ok = !lengthText.isEmpty() && lengthText.size() <= 18;
    for (const char c : lengthText)
        ok = ok && c >= '0' && c <= '9';
    upload.length = ok ? lengthText.toLongLong() : -1;
    if (upload.length < 0)
        return FileService::error(
            "400 Bad Request", "bad_request", QStringLiteral("Content-Length is not a number"));
    if (upload.length > config.maxUploadBytes())
        return FileService::error("413 Content Too Large", "too_large", tooLargeMessage(config));
    if (const QByteArray expect = head.header("expect");
        !expect.isEmpty() && expect.compare("100-continue", Qt::CaseInsensitive) != 0)
        return FileService::error("417 Expectation Failed", "bad_request",
            QStringLiteral("only Expect: 100-continue is understood"));
    const auto name = uploadname::clean(head.header("x-filename"));
    if (!name)
        return FileService::error("400 Bad Request", "bad_request",
            QStringLiteral("X-Filename must be percent-encoded UTF-8 of at most %1 characters")
                .arg(uploadname::kMaxLength));
    upload.name = *name;
    return std::nullopt;
}

HttpResponse refusal(const Verdict& verdict)
{
    return FileService::error(verdict.status, verdict.code, verdict.message);
}

HttpResponse created(const FileRecord& file)
{
    const FileInfo info {toWireId(file.id), file.name, file.mime, file.size, file.sha256};
    HttpResponse response = HttpResponse::json(
        "201 Created", QJsonDocument(info.toJson()).toJson(QJsonDocument::Compact) + '\n');
    response.extraHeaders = "Location: /v1/files/" + info.fileId.toUtf8() + "\r\n";
    return response;
}

void store(FileService& service, HttpCall& call, const UploadHead& upload,
    const FileRepository::Staged& staged)
{
    const ServerConfig& config = service.config();
    const qint64 quota = config.quotaBytes();
    const QString tooMuch = quotaMessage(config);
    QPointer<HttpCall> guard(&call);
    service.db().write<Verdict>(
        [upload, staged, quota, tooMuch](Store& store) -> Outcome<Verdict> {
            Verdict verdict;
            // Again inside the transaction: the token may have been revoked meanwhile, and
            // two uploads at once must not both fit into the last free megabyte.
            const auto userId = store.users().sessionUser(upload.tokenHash, now());
            if (!userId)
                return Verdict {std::nullopt, false, "401 Unauthorized", "auth_failed",
                    QStringLiteral("the session token is not valid")};
            const bool owned = store.files().ownsContent(*userId, staged.sha256);
            if (quota > 0 && !owned && store.files().storedBytes(*userId) + staged.size > quota)
                return Verdict {std::nullopt, false, "413 Content Too Large", "too_large", tooMuch};
            FileRecord file {
                0, *userId, staged.sha256, upload.name, staged.mime, staged.size, now()};
            file.id = store.files().createFile(file);
            verdict.file = file;
            verdict.newContent = !staged.tempPath.isEmpty();
            return verdict;
        },
        [&service, guard, staged](Outcome<Verdict> result) {
            const FileRepository& repository = service.repository();
            if (!result.ok() || !result.value().file) {
                repository.discard(staged);
                if (guard)
                    guard->respond(result.ok() ? refusal(result.value())
                                               : FileService::error("500 Internal Server Error",
                                                     "internal", result.error().message));
                return;
            }
            // Published only now: a refused or failed upload never leaves bytes behind. A
            // crash before this rename leaves a row without bytes, which reads as 404.
            QString error;
            if (!repository.commit(staged, &error)) {
                qCWarning(lcServer) << "file upload:" << error;
                if (guard)
                    guard->respond(FileService::error("500 Internal Server Error", "internal",
                        QStringLiteral("the file could not be stored")));
                return;
            }
            ServerMetrics::add(service.metrics().fileUploads);
            if (result.value().newContent)
                ServerMetrics::add(service.metrics().fileBytesStored, quint64(staged.size));
            if (guard)
                guard->respond(created(*result.value().file));
        });
}

void receive(FileService& service, HttpCall& call, const UploadHead& upload)
{
    QObject::connect(&call, &HttpCall::bodyReceived, &call, [&service, &call, upload] {
        service.offload<std::optional<FileRepository::Staged>>(
            call,
            [&service, bytes = call.takeBody(), name = upload.name] {
                QString error;
                auto staged = service.repository().stage(bytes, name, &error);
                if (!staged)
                    qCWarning(lcServer) << "file upload:" << error;
                return staged;
            },
            [&service, upload](HttpCall& call, std::optional<FileRepository::Staged> staged) {
                if (!staged)
                    return call.respond(FileService::error("500 Internal Server Error", "internal",
                        QStringLiteral("the file could not be stored")));
                store(service, call, upload, *staged);
            });
    });
    call.readBody(upload.length);
}
} // namespace

void FileUpload::start(FileService& service, HttpCall& call)
{
    UploadHead upload;
    if (auto refused = checkHead(service.config(), call.head(), upload))
        return call.respond(*refused);
    if (!service.admitUpload(call))
        return call.respond(HttpResponse::plain("503 Service Unavailable",
            "too many uploads at once, try again\n", "Retry-After: 2\r\n"));
    // The token and the quota are checked before the body is read (and before "100 Continue"),
    // so a stranger cannot make the server buffer 25 MiB.
    const qint64 quota = service.config().quotaBytes();
    const QString tooMuch = quotaMessage(service.config());
    QPointer<HttpCall> guard(&call);
    service.db().read<Verdict>(
        [upload, quota, tooMuch](Store& store) -> Outcome<Verdict> {
            const auto userId = store.users().sessionUser(upload.tokenHash, now());
            if (!userId)
                return Verdict {std::nullopt, false, "401 Unauthorized", "auth_failed",
                    QStringLiteral("the session token is not valid")};
            if (quota > 0 && store.files().storedBytes(*userId) + upload.length > quota)
                return Verdict {std::nullopt, false, "413 Content Too Large", "too_large", tooMuch};
            return Verdict {};
        },
        [&service, guard, upload](Outcome<Verdict> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->respond(FileService::error(
                    "503 Service Unavailable", "internal", result.error().message));
            if (!result.value().status.isEmpty())
                return guard->respond(refusal(result.value()));
            receive(service, *guard, upload);
        });
}

} // namespace palaver::server
