#include "server/cluster/redisbus.h"

#include "server/bus/redisclient.h"

namespace palaver::server {

RedisBus::RedisBus(RedisClient& client, QObject* parent)
    : BusTransport(parent)
    , m_client(client)
{
    m_client.subscribe(kChannel);
    connect(&m_client, &RedisClient::ready, this, &BusTransport::ready);
    connect(&m_client, &RedisClient::lost, this, &BusTransport::lost);
    connect(&m_client, &RedisClient::message, this,
        [this](const QByteArray& channel, const QByteArray& payload) {
            if (channel == kChannel)
                Q_EMIT received(payload);
        });
}

bool RedisBus::isReady() const
{
    return m_client.isReady();
}

bool RedisBus::publish(const QByteArray& message)
{
    return m_client.publish(kChannel, message);
}

} // namespace palaver::server
