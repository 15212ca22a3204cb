#pragma once
// The server's Redis client: commands, publish and subscriptions on Qt's event loop.
#include "server/bus/redisendpoint.h"
#include "server/bus/redisreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

namespace palaver::server {
class RedisLink;

/// One Redis server on Qt's event loop: a command connection and a subscriber connection,
/// both reconnected forever with capped exponential backoff and jitter (100 ms doubling to 5 s);
/// subscriptions are renewed after each reconnect. Callbacks and signals never run inside
/// hiredis, so they may do anything, including destroying the client.
class RedisClient : public QObject
{
    Q_OBJECT
public:
    explicit RedisClient(RedisEndpoint endpoint, QObject* parent = nullptr);
    /// Frees the hiredis contexts; pending `done` callbacks are dropped uncalled (their owners
    /// are usually being destroyed too) and no signal is emitted after.
    ~RedisClient() override;

    /// Begins connecting (non-blocking).
    void start();
    /// Both connections up, AUTHed and every subscription confirmed.
    bool isReady() const;
    /// Sends a command (binary-safe args). `done`, if given, is called exactly once on this
    /// thread (never from inside command()): with the reply, or with Kind::Failed when not
    /// connected / the connection drops first. Replies come in command order.
    void command(const QList<QByteArray>& args, std::function<void(const RedisReply&)> done = {});
    /// PUBLISH without caring for the reply; returns false (and counts a drop) when not
    /// connected. A publish whose reply is an error or lost also counts as dropped, though a
    /// lost one may have reached Redis.
    bool publish(const QByteArray& channel, const QByteArray& payload);
    /// Kept across reconnects; messages arrive as message(), the confirmation as subscribed().
    void subscribe(const QByteArray& channel);
    /// Connection attempts after a failure or drop (both connections); grows while Redis is away.
    quint64 reconnects() const;
    quint64 droppedPublishes() const { return m_droppedPublishes; }

Q_SIGNALS:
    /// After every (re)connect once both connections work and subscriptions are confirmed.
    /// A subscribe() while ready makes isReady() false until confirmed, without another ready().
    void ready();
    /// Once when either connection drops after ready() (then reconnecting).
    void lost();
    void message(const QByteArray& channel, const QByteArray& payload);
    /// Redis confirmed a subscription (again after every reconnect).
    void subscribed(const QByteArray& channel);

private:
    void subscriberUp();
    void linkDown();
    void pushed(const RedisReply& reply);
    void checkReady();

    quint64 m_droppedPublishes = 0;
    QList<QByteArray> m_channels;
    QSet<QByteArray> m_unconfirmed;
    bool m_readyReported = false;
    std::unique_ptr<RedisLink> m_commands;
    std::unique_ptr<RedisLink> m_subscriber;
};
} // namespace palaver::server
