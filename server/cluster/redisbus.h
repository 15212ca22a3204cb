#pragma once
#include "server/cluster/bustransport.h"

namespace palaver::server {
class RedisClient;

/// The bus on one Redis pub/sub channel: every node subscribes to it and publishes to it.
/// Redis keeps each publisher's order, which is all the room streams need.
class RedisBus final : public BusTransport
{
    Q_OBJECT
public:
    explicit RedisBus(RedisClient& client, QObject* parent = nullptr);
    bool isReady() const override;
    bool publish(const QByteArray& message) override;

    /// The channel's name carries the bus format's version: nodes of another version do not
    /// hear each other instead of misreading each other.
    static inline const QByteArray kChannel = QByteArrayLiteral("palaver:v1:bus");

private:
    RedisClient& m_client;
};

} // namespace palaver::server
