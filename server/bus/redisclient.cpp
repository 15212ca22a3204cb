#include "server/bus/redisclient.h"

#include "server/bus/redislink.h"

#include <QPointer>

namespace palaver::server {
RedisClient::RedisClient(RedisEndpoint endpoint, QObject* parent)
    : QObject(parent)
    , m_commands(std::make_unique<RedisLink>(endpoint, QStringLiteral("commands")))
    , m_subscriber(std::make_unique<RedisLink>(std::move(endpoint), QStringLiteral("subscriber")))
{
    connect(m_commands.get(), &RedisLink::up, this, &RedisClient::checkReady);
    connect(m_commands.get(), &RedisLink::down, this, &RedisClient::linkDown);
    connect(m_subscriber.get(), &RedisLink::up, this, &RedisClient::subscriberUp);
    connect(m_subscriber.get(), &RedisLink::down, this, &RedisClient::linkDown);
    connect(m_subscriber.get(), &RedisLink::pushed, this, &RedisClient::pushed);
}

// Out of line so RedisLink is complete where the unique_ptrs delete it; the subscriber goes
// first so a message can never arrive for a client whose command link is already gone.
RedisClient::~RedisClient()
{
    m_subscriber.reset();
    m_commands.reset();
}

void RedisClient::start()
{
    m_commands->start();
    m_subscriber->start();
}

bool RedisClient::isReady() const
{
    return m_commands->isUp() && m_subscriber->isUp() && m_unconfirmed.isEmpty();
}

quint64 RedisClient::reconnects() const
{
    return m_commands->retries() + m_subscriber->retries();
}

void RedisClient::command(
    const QList<QByteArray>& args, std::function<void(const RedisReply&)> done)
{
    m_commands->send(args, std::move(done));
}

bool RedisClient::publish(const QByteArray& channel, const QByteArray& payload)
{
    if (!m_commands->canSend()) {
        ++m_droppedPublishes;
        return false;
    }
    m_commands->send(
        {QByteArrayLiteral("PUBLISH"), channel, payload}, [this](const RedisReply& reply) {
            if (!reply.ok())
                ++m_droppedPublishes;
        });
    return true;
}

void RedisClient::subscribe(const QByteArray& channel)
{
    if (m_channels.contains(channel))
        return;
    m_channels.append(channel);
    if (!m_subscriber->isUp())
        return; // subscriberUp() subscribes to everything
    m_unconfirmed.insert(channel);
    // When this fails the link is dropping; its next up() subscribes again.
    m_subscriber->subscribe({channel});
}

void RedisClient::subscriberUp()
{
    m_unconfirmed = QSet<QByteArray>(m_channels.cbegin(), m_channels.cend());
    if (!m_channels.isEmpty())
        m_subscriber->subscribe(m_channels);
    checkReady();
}

void RedisClient::linkDown()
{
    if (!m_readyReported)
        return;
    m_readyReported = false;
    Q_EMIT lost();
}

void RedisClient::pushed(const RedisReply& reply)
{
    // Pub/sub pushes are [kind, channel, payload-or-count].
    if (reply.kind != RedisReply::Kind::Array || reply.elements.size() < 3)
        return;
    const QByteArray& kind = reply.elements[0].string;
    const QByteArray& channel = reply.elements[1].string;
    if (kind == "message") {
        Q_EMIT message(channel, reply.elements[2].string);
    } else if (kind == "subscribe") {
        m_unconfirmed.remove(channel);
        const QPointer<RedisClient> alive(this);
        Q_EMIT subscribed(channel);
        if (alive)
            checkReady();
    }
}

void RedisClient::checkReady()
{
    if (m_readyReported || !isReady())
        return;
    m_readyReported = true;
    Q_EMIT ready();
}
} // namespace palaver::server
