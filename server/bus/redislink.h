#pragma once
// One hiredis connection to Redis on the Qt event loop, reconnected forever.
#include "server/bus/redisbackoff.h"
#include "server/bus/redisendpoint.h"
#include "server/bus/redisreply.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>

struct redisAsyncContext;
class RedisQtAdapter;

namespace palaver::server {
/// A connection goes through: connect (non-blocking, host names resolved off the event loop),
/// AUTH when there is a password, PING; the PONG makes it up. Any failure, a drop, or no PONG
/// within kHandshakeTimeoutMs frees the hiredis context and retries after a RedisBackoff delay.
///
/// Replies, pushes and up/down are queued and delivered from the event loop, never from inside
/// a hiredis callback: a handler may send more commands, or destroy the link's owner, without
/// hiredis still being on the stack. The order of everything delivered is the order it
/// happened in. Destroying the link discards what was not delivered yet.
class RedisLink : public QObject
{
    Q_OBJECT
public:
    using ReplyHandler = std::function<void(const RedisReply&)>;
    static constexpr int kHandshakeTimeoutMs = 2000;

    /// `name` tells the connections of one client apart in the log.
    RedisLink(RedisEndpoint endpoint, QString name, QObject* parent = nullptr);
    ~RedisLink() override;

    void start();
    /// Up as last delivered by up()/down(): what the owner has been told.
    bool isUp() const { return m_reportedUp; }
    /// Whether a command sent now goes out (the connection may drop before up/down says so).
    bool canSend() const;
    /// Sends a regular command; `done` (may be empty) gets exactly one reply, Failed when the
    /// command could not be sent or the connection dropped first.
    void send(const QList<QByteArray>& args, ReplyHandler done);
    /// SUBSCRIBE; the confirmations and messages arrive as pushed(). After this only more
    /// subscriptions may go on this link (Redis allows nothing else in subscriber mode).
    bool subscribe(const QList<QByteArray>& channels);
    /// Connection attempts made after a failure or a drop.
    quint64 retries() const { return m_retries; }

Q_SIGNALS:
    void up();
    void down();
    void pushed(const RedisReply& reply);

private:
    enum class State { Idle, Connecting, Up, Waiting };
    struct Pending
    {
        ReplyHandler handler;
        bool internal = false; ///< the handshake's own: run at once, it only changes state
    };
    struct Delivery
    {
        enum class Type { Reply, Push, Up, Down } type;
        ReplyHandler handler;
        RedisReply reply;
    };

    static void onReply(redisAsyncContext* context, void* reply, void* privdata);
    static void onPush(redisAsyncContext* context, void* reply, void* privdata);
    static void onCleanup(void* adapter);

    void connectNow();
    void open(const QByteArray& address);
    bool issue(const QList<QByteArray>& args, ReplyHandler handler, bool internal);
    void handleReply(const void* reply);
    void handshakeReply(const RedisReply& reply, bool isAuth);
    void becomeUp();
    void abortConnection(const QByteArray& reason);
    void handshakeTimedOut();
    void contextGone();
    void connectionFailed(const QByteArray& reason);
    void deliver(Delivery delivery);
    void drain();
    QString where() const;

    RedisEndpoint m_endpoint;
    QString m_name;
    State m_state = State::Idle;
    redisAsyncContext* m_ctx = nullptr;
    // Declared before m_adapter so it outlives it: the adapter's destructor writes into it.
    std::unique_ptr<redisAsyncContext> m_parked;
    std::unique_ptr<RedisQtAdapter> m_adapter;
    std::deque<Pending> m_pending; ///< one per hiredis regular callback, in command order
    std::deque<Delivery> m_inbox;
    bool m_drainPosted = false;
    bool m_reportedUp = false;
    bool m_destroying = false;
    quint64 m_generation = 0; ///< one per connection attempt, to ignore stale queued work
    int m_lookupId = -1;
    QByteArray m_closeReason; ///< why we freed the context ourselves
    QByteArray m_lastFailure; ///< to log a failure that repeats at debug level only
    quint64 m_retries = 0;
    quint64 m_addressTurn = 0; ///< which of a host name's addresses the next attempt uses
    RedisBackoff m_backoff;
    QTimer m_handshakeTimer;
    QTimer m_retryTimer;
};
} // namespace palaver::server
