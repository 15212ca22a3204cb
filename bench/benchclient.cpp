#include "benchclient.h"

#include "shared/jsonkeys.h"

#include <QJsonDocument>

using namespace palaver;

BenchClient::BenchClient(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString& text) {
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        const QJsonValue re = frame.value(keys::re);
        if (re.isDouble()) {
            if (auto cb = m_pending.take(qint64(re.toDouble())))
                cb(frame);
        } else if (onPush) {
            onPush(frame);
        }
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        if (onClosed)
            onClosed(m_socket.closeCode());
    });
}

void BenchClient::open(const QUrl& url, std::function<void()> connected)
{
    connect(&m_socket, &QWebSocket::connected, this, std::move(connected));
    m_socket.open(url);
}

void BenchClient::request(QJsonObject frame, Callback answered)
{
    const qint64 id = m_nextId++;
    frame.insert(keys::id, id);
    m_pending.insert(id, std::move(answered));
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}
