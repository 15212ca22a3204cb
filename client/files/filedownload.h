#pragma once
// One attachment's download for its file card: to a chosen path or the account's files
// folder, with progress and cancel, written to a temporary file that becomes the target only
// when every byte arrived (a cancelled or broken download leaves nothing behind).
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

class QNetworkReply;
class QSaveFile;

namespace palaver::client {

class FileEndpoint;

/// The download of one file id (the same object for every card showing that file).
class FileDownload : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString fileId READ fileId CONSTANT)
    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(qint64 received READ received NOTIFY progressChanged)
    Q_PROPERTY(qint64 total READ total NOTIFY progressChanged)
    Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
    Q_PROPERTY(QUrl localUrl READ localUrl NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
public:
    /// idle, downloading, done, failed, cancelled
    enum class State { Idle, Downloading, Done, Failed, Cancelled };

    /// `defaultPath`: where start() without a target puts the file.
    FileDownload(FileEndpoint& endpoint, const QString& fileId, qint64 size,
        const QString& defaultPath, QObject* parent = nullptr);
    ~FileDownload() override;

    QString fileId() const { return m_fileId; }
    QString state() const;
    State stateValue() const { return m_state; }
    qint64 received() const { return m_received; }
    qint64 total() const { return m_total; }
    double progress() const;
    /// file:// URL of the downloaded file once done.
    QUrl localUrl() const;
    QString localPath() const { return m_path; }
    QString error() const { return m_error; }

    /// Downloads to `target` (a local file URL or path; empty: the account's files folder).
    /// Done already to the same place: nothing happens.
    Q_INVOKABLE void start(const QUrl& target = {});
    Q_INVOKABLE void cancel();
    /// Copies the downloaded file to `target` (Save as… after the download).
    Q_INVOKABLE bool saveAs(const QUrl& target);

Q_SIGNALS:
    void stateChanged();
    void progressChanged();

private:
    void onReadyRead();
    void onFinished();
    void setState(State state, const QString& error = {});

    FileEndpoint& m_endpoint;
    QString m_fileId;
    QString m_defaultPath;
    QString m_path;
    QPointer<QNetworkReply> m_reply;
    std::unique_ptr<QSaveFile> m_file;
    State m_state = State::Idle;
    qint64 m_received = 0;
    qint64 m_written = 0; ///< bytes of this attempt written to the file
    qint64 m_total = 0;
    QString m_error;
};

} // namespace palaver::client
