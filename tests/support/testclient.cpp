#include "tests/support/testclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

TestClient::TestClient(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        m_consumed.append(false);
        Q_EMIT frameReceived(frames.last());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

TestClient::~TestClient()
{
    m_socket.abort();
}

bool TestClient::connectTo(const QUrl& url, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.wait(timeoutMs) || connected.count() > 0;
}

int TestClient::send(QJsonObject request)
{
    const int id = m_nextId++;
    request.insert(QStringLiteral("id"), id);
    sendRaw(QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
    return id;
}

void TestClient::sendRaw(const QString& text)
{
    m_socket.sendTextMessage(text);
}
void TestClient::sendBinary(const QByteArray& data)
{
    m_socket.sendBinaryMessage(data);
}

QJsonObject TestClient::request(const QJsonObject& request, int timeoutMs)
{
    return awaitAnswer(send(request), timeoutMs);
}

QJsonObject TestClient::ask(const QString& type, QJsonObject fields)
{
    fields.insert(QStringLiteral("type"), type);
    return request(fields);
}

QJsonObject TestClient::awaitAnswer(int id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        for (qsizetype i = 0; i < frames.size(); ++i) {
            if (!m_consumed[i] && frames[i].value(QStringLiteral("re")).toInt(-1) == id) {
                m_consumed[i] = true;
                return frames[i];
            }
        }
        if (deadline.hasExpired() || m_closed)
            return {};
        QTest::qWait(1);
    }
}

std::optional<QJsonObject> TestClient::takePush(
    const QString& type, const std::function<bool(const QJsonObject&)>& match)
{
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const QJsonObject& f = frames[i];
        if (!m_consumed[i] && !f.contains(QStringLiteral("re")) &&
            f.value(QStringLiteral("type")).toString() == type && (!match || match(f))) {
            m_consumed[i] = true;
            return f;
        }
    }
    return std::nullopt;
}

QJsonObject TestClient::awaitPush(
    const QString& type, std::function<bool(const QJsonObject&)> match, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (auto f = takePush(type, match))
            return *f;
        if (deadline.hasExpired() || m_closed)
            return {};
        QTest::qWait(1);
    }
}

bool TestClient::noPush(const QString& type, int ms)
{
    QTest::qWait(ms);
    return !takePush(type, {}).has_value();
}

void TestClient::drain()
{
    m_consumed.fill(true);
}

bool TestClient::awaitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(5);
    return m_closed;
}

QJsonObject TestClient::authenticate(const QJsonObject& req)
{
    const QJsonObject answer = request(req);
    const QJsonObject user = answer.value(QStringLiteral("user")).toObject();
    userId = user.value(QStringLiteral("id")).toString();
    username = user.value(QStringLiteral("username")).toString();
    if (answer.contains(QStringLiteral("token")))
        token = answer.value(QStringLiteral("token")).toString();
    return answer;
}

QJsonObject TestClient::registerUser(const QString& name, const QString& password)
{
    return authenticate(
        {{QStringLiteral("type"), QStringLiteral("register")}, {QStringLiteral("protocol"), 1},
            {QStringLiteral("username"), name}, {QStringLiteral("password"), password}});
}

QJsonObject TestClient::login(const QString& name, const QString& password)
{
    return authenticate(
        {{QStringLiteral("type"), QStringLiteral("login")}, {QStringLiteral("protocol"), 1},
            {QStringLiteral("username"), name}, {QStringLiteral("password"), password}});
}

QJsonObject TestClient::resume(const QString& resumeToken)
{
    token = resumeToken;
    return authenticate({{QStringLiteral("type"), QStringLiteral("resume")},
        {QStringLiteral("protocol"), 1}, {QStringLiteral("token"), resumeToken}});
}

std::unique_ptr<TestClient> TestClient::registered(const QUrl& url, const QString& prefix)
{
    static int counter = 0;
    auto client = std::make_unique<TestClient>();
    const QString name = QStringLiteral("%1_%2").arg(prefix).arg(++counter);
    if (!client->connectTo(url))
        return nullptr;
    const QJsonObject answer = client->registerUser(name);
    if (answer.value(QStringLiteral("type")).toString() != QStringLiteral("welcome")) {
        qWarning() << "cannot register" << name << answer;
        return nullptr;
    }
    return client;
}

std::unique_ptr<TestClient> TestClient::anotherDevice(const QUrl& url) const
{
    auto client = std::make_unique<TestClient>();
    if (!client->connectTo(url))
        return nullptr;
    const QJsonObject answer = client->login(username);
    if (answer.value(QStringLiteral("type")).toString() != QStringLiteral("welcome")) {
        qWarning() << "cannot log in as" << username << answer;
        return nullptr;
    }
    return client;
}

QJsonObject TestClient::createRoom(
    const QString& kind, const QString& name, const QStringList& members)
{
    QJsonObject req {{QStringLiteral("type"), QStringLiteral("create_room")},
        {QStringLiteral("kind"), kind}, {QStringLiteral("name"), name}};
    if (!members.isEmpty())
        req.insert(QStringLiteral("members"), QJsonArray::fromStringList(members));
    return request(req);
}

QJsonObject TestClient::sendMessage(
    const QString& room, const QString& text, const QString& clientMid)
{
    static int counter = 0;
    const QString mid = clientMid.isEmpty() ? QStringLiteral("auto-%1").arg(++counter) : clientMid;
    return request(
        {{QStringLiteral("type"), QStringLiteral("send")}, {QStringLiteral("room"), room},
            {QStringLiteral("client_mid"), mid}, {QStringLiteral("text"), text}});
}

QString TestClient::roomIdOf(const QJsonObject& frame)
{
    return frame.value(QStringLiteral("room")).toObject().value(QStringLiteral("id")).toString();
}

QList<QJsonObject> TestClient::pushes(const QString& type) const
{
    QList<QJsonObject> found;
    for (const QJsonObject& f : frames) {
        if (!f.contains(QStringLiteral("re")) && f.value(QStringLiteral("type")).toString() == type)
            found.append(f);
    }
    return found;
}
