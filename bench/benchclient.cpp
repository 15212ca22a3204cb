#include "benchclient.h"

#include "shared/jsonkeys.h"

#include <QJsonDocument>

using namespace palaver;

BenchClient::BenchClient(QObject* parent)
    : QObject(parent)
{
    connect(&m_link, &WebSocketLink::textReceived, this, [this](const QByteArray& text) {
        if (!m_ignore.isEmpty() && text.contains(m_ignore))
            return;
        // Answers carry "re" (right after the type, as this server writes them); the key cannot
        // occur inside a string (its quotes would be escaped), so its absence marks a push.
        if (onRawPush) {
            const QByteArrayView type = leadingType(text);
            const bool isPush = type.isEmpty()
                ? !text.contains("\"re\":")
                : !QByteArrayView(text).sliced(10 + type.size()).startsWith(",\"re\":");
            if (isPush && onRawPush(text))
                return;
        }
        if (!m_rawPending.isEmpty()) {
            const qint64 re = scanInteger(text, "\"re\":");
            if (auto cb = m_rawPending.take(re))
                return cb(text);
        }
        const QJsonObject frame = QJsonDocument::fromJson(text).object();
        const QJsonValue re = frame.value(keys::re);
        if (re.isDouble()) {
            if (auto cb = m_pending.take(qint64(re.toDouble())))
                cb(frame);
        } else if (onPush) {
            onPush(frame);
        }
    });
    connect(&m_link, &WebSocketLink::closed, this, [this](int code) {
        if (onClosed)
            onClosed(code);
    });
}

void BenchClient::open(const QUrl& url, const QHostAddress& source, std::function<void()> connected)
{
    connect(&m_link, &WebSocketLink::opened, this, std::move(connected));
    m_link.open(url, source);
}

void BenchClient::request(QJsonObject frame, Callback answered)
{
    m_pending.insert(send(std::move(frame)), std::move(answered));
}

void BenchClient::requestRaw(QJsonObject frame, RawCallback answered)
{
    m_rawPending.insert(send(std::move(frame)), std::move(answered));
}

qint64 BenchClient::send(QJsonObject frame)
{
    const qint64 id = m_nextId++;
    frame.insert(keys::id, id);
    m_link.sendText(QJsonDocument(frame).toJson(QJsonDocument::Compact));
    return id;
}

void BenchClient::abort()
{
    onPush = nullptr;
    onClosed = nullptr;
    m_pending.clear();
    m_rawPending.clear();
    m_link.abort();
}

qint64 BenchClient::scanInteger(const QByteArray& text, QByteArrayView key)
{
    qsizetype i = text.indexOf(key);
    if (i < 0)
        return -1;
    i += key.size();
    qint64 value = 0;
    bool any = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        value = value * 10 + (text[i++] - '0');
        any = true;
    }
    return any ? value : -1;
}

QByteArrayView BenchClient::leadingType(const QByteArray& text)
{
    static constexpr QByteArrayView prefix("{\"type\":\"");
    if (!text.startsWith(prefix))
        return {};
    const qsizetype end = text.indexOf('"', prefix.size());
    return end < 0 ? QByteArrayView()
                   : QByteArrayView(text).sliced(prefix.size(), end - prefix.size());
}
