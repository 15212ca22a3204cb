#include "client/files/uploader.h"

#include "client/files/fileendpoint.h"
#include "client/logging.h"
#include "shared/jsonreader.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
constexpr int kHttpCreated = 201;
constexpr int kHttpTooLarge = 413;
constexpr int kHttpUnauthorized = 401;
constexpr int kHttpServerErrors = 500;

// The 413 body is {"code":"too_large","message":…}; the message names the server's limit
// ("files are limited to 25 MiB") or its quota ("upload quota of 1024 MiB exceeded"). The
// contract has no field for the limit, so the number is read from those words.
struct TooLargeAnswer
{
    bool quota = false;
    qint64 limitBytes = 0; ///< 0 when the answer does not say
};

TooLargeAnswer readTooLarge(const QByteArray& body)
{
    const QString message = QJsonDocument::fromJson(body).object().value(u"message"_s).toString();
    TooLargeAnswer answer;
    answer.quota = message.contains(u"quota"_s, Qt::CaseInsensitive);
    static const QRegularExpression kMiB(u"(\\d+)\\s*MiB"_s);
    const QRegularExpressionMatch match = kMiB.match(message);
    if (!answer.quota && match.hasMatch())
        answer.limitBytes = match.captured(1).toLongLong() * 1024 * 1024;
    return answer;
}
} // namespace

Uploader::Uploader(FileEndpoint& endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(endpoint)
{ }

Uploader::~Uploader()
{
    clear();
}

UploadListModel* Uploader::model(const QString& room)
{
    UploadListModel*& model = m_models[room];
    if (!model)
        model = new UploadListModel(this);
    return model;
}

int Uploader::uploadFile(const QString& room, const QString& path, const QString& caption)
{
    const QFileInfo info(path);
    Job job;
    job.item.room = room;
    job.item.name = info.fileName();
    job.item.size = info.size();
    job.path = path;
    job.caption = caption;
    job.mime = QMimeDatabase().mimeTypeForFile(info).name();
    const int id = add(std::move(job));
    Job& added = m_jobs.at(id);
    if (!info.isFile() || !info.isReadable())
        fail(added, tr("“%1” cannot be read.").arg(added.item.name), false);
    else if (added.item.size > m_endpoint.maxUploadBytes())
        fail(added, tooLarge(added.item.name), false);
    pump();
    return id;
}

int Uploader::uploadData(const QString& room, const QString& name, const QString& mime,
    const QByteArray& data, const QString& caption)
{
    Job job;
    job.item.room = room;
    job.item.name = name;
    job.item.size = data.size();
    job.data = data;
    job.mime = mime;
    job.caption = caption;
    const int id = add(std::move(job));
    if (data.size() > m_endpoint.maxUploadBytes())
        fail(m_jobs.at(id), tooLarge(name), false);
    pump();
    return id;
}

int Uploader::add(Job job)
{
    job.item.id = m_nextId++;
    const int id = job.item.id;
    UploadListModel* rows = model(job.item.room);
    const UploadItem item = job.item;
    m_jobs.emplace(id, std::move(job));
    rows->add(item);
    return id;
}

QString Uploader::tooLarge(const QString& name) const
{
    return tr("“%1” is too large (limit %2).")
        .arg(name, FileEndpoint::formatSize(m_endpoint.maxUploadBytes()));
}

void Uploader::pump()
{
    int running = 0;
    for (const auto& [id, job] : m_jobs)
        running += job.item.state == UploadItem::State::Uploading ? 1 : 0;
    for (auto& [id, job] : m_jobs) {
        if (running >= kParallel)
            return;
        if (job.item.state == UploadItem::State::Queued) {
            start(job);
            ++running;
        }
    }
}

void Uploader::start(Job& job)
{
    if (job.path.isEmpty()) {
        auto buffer = std::make_unique<QBuffer>();
        buffer->setData(job.data);
        job.body = std::move(buffer);
    } else {
        job.body = std::make_unique<QFile>(job.path);
    }
    if (!job.body->open(QIODevice::ReadOnly)) {
        fail(job, tr("“%1” cannot be read.").arg(job.item.name), false);
        return;
    }
    // The file may have changed since it was picked; what goes is what is read now.
    job.item.size = job.body->size();
    job.item.sent = 0;
    job.item.error.clear();
    job.item.canRetry = false;
    setState(job, UploadItem::State::Uploading);
    const int id = job.item.id;
    job.reply = m_endpoint.post(job.body.get(), job.item.size, job.item.name, job.mime);
    connect(job.reply, &QNetworkReply::uploadProgress, this, [this, id](qint64 sent, qint64 total) {
        const auto it = m_jobs.find(id);
        // Qt reports (0, 0) once the body is gone; progress never goes backwards.
        if (it == m_jobs.end() || it->second.item.state != UploadItem::State::Uploading ||
            total <= 0 || sent <= it->second.item.sent)
            return;
        it->second.item.sent = std::min(sent, it->second.item.size);
        model(it->second.item.room)
            ->update(it->second.item, {UploadListModel::SentRole, UploadListModel::ProgressRole});
    });
    connect(job.reply, &QNetworkReply::finished, this, [this, id] { onFinished(id); });
}

void Uploader::onFinished(int id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job& job = it->second;
    QNetworkReply* reply = job.reply;
    job.reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    job.body.reset();
    if (job.item.state != UploadItem::State::Uploading) {
        pump(); // cancelled: the abort finished it
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == kHttpCreated) {
        JsonReader reader(QJsonDocument::fromJson(body).object());
        if (const std::optional<FileInfo> file = FileInfo::fromJson(reader)) {
            job.item.sent = job.item.size;
            setState(job, UploadItem::State::Done);
            Q_EMIT uploaded(job.item.room, *file, job.caption);
            QTimer::singleShot(kDoneLingerMs, this, [this, id] { dismiss(id); });
        } else {
            fail(job, tr("The server's answer to “%1” was not understood.").arg(job.item.name),
                true);
        }
    } else if (status == kHttpTooLarge) {
        const TooLargeAnswer answer = readTooLarge(body);
        if (answer.quota) {
            fail(job,
                tr("“%1” was not sent: your upload quota on the server is used up.")
                    .arg(job.item.name),
                false);
        } else {
            // Later files over the server's limit are refused before sending.
            m_endpoint.setMaxUploadBytes(answer.limitBytes);
            fail(job, tooLarge(job.item.name), false);
        }
    } else if (status == kHttpUnauthorized) {
        fail(job, tr("Not signed in: “%1” was not sent.").arg(job.item.name), true);
    } else if (status >= kHttpServerErrors) {
        fail(job,
            tr("The server could not store “%1” (error %2). Try again.")
                .arg(job.item.name)
                .arg(status),
            true);
    } else if (status > 0) {
        fail(job, tr("The server refused “%1” (error %2).").arg(job.item.name).arg(status), false);
    } else {
        qCInfo(lcClientNet) << "upload failed:" << reply->errorString();
        fail(job, tr("Network error: “%1” was not sent. Try again.").arg(job.item.name), true);
    }
    pump();
}

void Uploader::fail(Job& job, const QString& error, bool canRetry)
{
    job.item.error = error;
    job.item.canRetry = canRetry;
    setState(job, UploadItem::State::Failed);
}

void Uploader::setState(Job& job, UploadItem::State state)
{
    job.item.state = state;
    model(job.item.room)->update(job.item);
}

void Uploader::cancel(int id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job& job = it->second;
    if (job.item.state != UploadItem::State::Queued &&
        job.item.state != UploadItem::State::Uploading)
        return;
    setState(job, UploadItem::State::Cancelled);
    if (job.reply)
        job.reply->abort(); // finished() follows, and pump() with it
    else
        pump();
}

void Uploader::retry(int id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    Job& job = it->second;
    const bool again = (job.item.state == UploadItem::State::Failed && job.item.canRetry) ||
        job.item.state == UploadItem::State::Cancelled;
    if (!again || job.item.size > m_endpoint.maxUploadBytes())
        return;
    job.item.error.clear();
    job.item.sent = 0;
    setState(job, UploadItem::State::Queued);
    pump();
}

void Uploader::dismiss(int id)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end() || it->second.item.state == UploadItem::State::Uploading ||
        it->second.item.state == UploadItem::State::Queued)
        return;
    const QString room = it->second.item.room;
    m_jobs.erase(it);
    model(room)->remove(id);
}

void Uploader::clear()
{
    for (auto& [id, job] : m_jobs) {
        job.item.state = UploadItem::State::Cancelled;
        if (job.reply) {
            job.reply->disconnect(this);
            job.reply->abort();
            job.reply->deleteLater();
        }
    }
    m_jobs.clear();
    for (UploadListModel* rows : std::as_const(m_models)) {
        for (int row = rows->rowCount() - 1; row >= 0; --row)
            rows->remove(rows->index(row).data(UploadListModel::UploadIdRole).toInt());
    }
}

} // namespace palaver::client
