#pragma once
// A protocol v1 client for tests: raw JSON in and out over a real QWebSocket, with waits
// built on the event loop (no sleeps).
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>
#include <functional>
#include <memory>
#include <optional>

class TestClient : public QObject
{
    Q_OBJECT
public:
    explicit TestClient(QObject* parent = nullptr);
    ~TestClient() override;

    bool connectTo(const QUrl& url, int timeoutMs = 10000);
    /// Sends a request with a fresh integer id and returns that id.
    int send(QJsonObject request);
    void sendRaw(const QString& text);
    void sendBinary(const QByteArray& data);
    /// Sends and waits for the answer (`re` == id). Empty object on timeout.
    QJsonObject request(const QJsonObject& request, int timeoutMs = 10000);
    /// request() with the type given apart from the other fields.
    QJsonObject ask(const QString& type, QJsonObject fields = {});
    /// The answer to a request sent earlier.
    QJsonObject awaitAnswer(int id, int timeoutMs = 10000);
    /// The next unseen push of `type` (frames without `re`) that matches `match`.
    QJsonObject awaitPush(const QString& type, std::function<bool(const QJsonObject&)> match = {},
        int timeoutMs = 10000);
    /// True when no push of `type` arrives within `ms` (for "nothing is pushed" checks).
    bool noPush(const QString& type, int ms = 300);
    /// Marks everything received so far as taken: later waits see only newer frames.
    void drain();
    /// Waits until the server closes the connection.
    bool awaitClosed(int timeoutMs = 15000);
    int closeCode() const { return m_closeCode; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void close() { m_socket.close(); }
    void abort() { m_socket.abort(); }

    /// register / login / resume in one call; returns the welcome (or error) frame.
    QJsonObject registerUser(
        const QString& username, const QString& password = QStringLiteral("password123"));
    QJsonObject login(
        const QString& username, const QString& password = QStringLiteral("password123"));
    QJsonObject resume(const QString& token);

    /// A new account named `prefix` plus a process-wide counter, connected; null on failure.
    static std::unique_ptr<TestClient> registered(const QUrl& url, const QString& prefix);
    /// Another device of this client's account (a fresh login); null on failure.
    std::unique_ptr<TestClient> anotherDevice(const QUrl& url) const;

    /// `create_room`; the answer (`room` or `error`).
    QJsonObject createRoom(
        const QString& kind, const QString& name, const QStringList& members = {});
    /// `send` with `clientMid` (a fresh one when empty); the answer (`ack` or `error`).
    QJsonObject sendMessage(
        const QString& room, const QString& text, const QString& clientMid = {});
    /// The room id of a `room` answer or `room_added` push.
    static QString roomIdOf(const QJsonObject& frame);
    /// Every push of `type` received so far, taken or not, in arrival order.
    QList<QJsonObject> pushes(const QString& type) const;

    QString userId;
    QString username;
    QString token;
    QList<QJsonObject> frames; ///< everything received, in order

Q_SIGNALS:
    /// Emitted for every frame as it arrives, after it was appended to `frames`.
    void frameReceived(const QJsonObject& frame);

private:
    QJsonObject authenticate(const QJsonObject& request);
    std::optional<QJsonObject> takePush(
        const QString& type, const std::function<bool(const QJsonObject&)>& match);
    QWebSocket m_socket;
    int m_nextId = 1;
    int m_closeCode = -1;
    bool m_closed = false;
    QList<bool> m_consumed;
};
