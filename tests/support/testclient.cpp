#include "tests/support/testclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

TestClient::TestClient(QObject* parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        frames.append(QJsonDocument::fromJson(text.toUtf8()).object());
        m_consumed.append(false);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_closed = true;
        m_closeCode = m_socket.closeCode();
    });
}

TestClient::~TestClient() { m_socket.abort(); }

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

void TestClient::sendRaw(const QString& text) { m_socket.sendTextMessage(text); }
void TestClient::sendBinary(const QByteArray& data) { m_socket.sendBinaryMessage(data); }

QJsonObject TestClient::request(const QJsonObject& request, int timeoutMs)
{
    return awaitAnswer(send(request), timeoutMs);
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

std::optional<QJsonObject> TestClient::takePush(const QString& type,
                                                const std::function<bool(const QJsonObject&)>& match)
{
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const QJsonObject& f = frames[i];
        if (!m_consumed[i] && !f.contains(QStringLiteral("re")) && f.value(QStringLiteral("type")).toString() == type
            && (!match || match(f))) {
            m_consumed[i] = true;
            return f;
        }
    }
    return std::nullopt;
}

QJsonObject TestClient::awaitPush(const QString& type, std::function<bool(const QJsonObject&)> match, int timeoutMs)
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

bool TestClient::awaitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(5);
    return m_closed;
}

QJsonObject TestClient::registerUser(const QString& username, const QString& password)
{
    const QJsonObject answer = request({{QStringLiteral("type"), QStringLiteral("register")},
                                        {QStringLiteral("protocol"), 1},
                                        {QStringLiteral("username"), username},
                                        {QStringLiteral("password"), password}});
    userId = answer.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    token = answer.value(QStringLiteral("token")).toString();
    return answer;
}

QJsonObject TestClient::login(const QString& username, const QString& password)
{
    const QJsonObject answer = request({{QStringLiteral("type"), QStringLiteral("login")},
                                        {QStringLiteral("protocol"), 1},
                                        {QStringLiteral("username"), username},
                                        {QStringLiteral("password"), password}});
    userId = answer.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    token = answer.value(QStringLiteral("token")).toString();
    return answer;
}

QJsonObject TestClient::resume(const QString& resumeToken)
{
    const QJsonObject answer = request({{QStringLiteral("type"), QStringLiteral("resume")},
                                        {QStringLiteral("protocol"), 1},
                                        {QStringLiteral("token"), resumeToken}});
    userId = answer.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    token = resumeToken;
    return answer;
}
