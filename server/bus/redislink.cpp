#include "server/bus/redislink.h"

#include "server/bus/buslogging.h"
#include "server/bus/redisqtadapter.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QPointer>
#include <vector>

namespace palaver::server {
namespace {
// hiredis hands the cleanup hook only the adapter; this is how the hook finds its link.
class LinkAdapter final : public RedisQtAdapter
{
public:
    explicit LinkAdapter(RedisLink* link)
        : link(link)
    { }
    RedisLink* const link;
};

RedisReply convert(const redisReply* reply)
{
    RedisReply out;
    switch (reply->type) {
    case REDIS_REPLY_ERROR:
        out.kind = RedisReply::Kind::Error;
        break;
    case REDIS_REPLY_NIL:
        out.kind = RedisReply::Kind::Nil;
        break;
    case REDIS_REPLY_INTEGER:
        out.kind = RedisReply::Kind::Integer;
        out.integer = reply->integer;
        break;
    case REDIS_REPLY_STRING:
        out.kind = RedisReply::Kind::String;
        break;
    case REDIS_REPLY_STATUS:
        out.kind = RedisReply::Kind::Status;
        break;
    case REDIS_REPLY_ARRAY:
        out.kind = RedisReply::Kind::Array;
        out.elements.reserve(qsizetype(reply->elements));
        for (size_t i = 0; i < reply->elements; ++i)
            out.elements.append(convert(reply->element[i]));
        break;
    default: // no other type in RESP2, which is all hiredis 0.14 speaks
        out.kind = RedisReply::Kind::Error;
        out.string = QByteArrayLiteral("unsupported reply type");
        return out;
    }
    if (reply->type == REDIS_REPLY_ERROR || reply->type == REDIS_REPLY_STRING ||
        reply->type == REDIS_REPLY_STATUS)
        out.string = QByteArray(reply->str, qsizetype(reply->len));
    return out;
}
} // namespace

RedisLink::RedisLink(RedisEndpoint endpoint, QString name, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_name(std::move(name))
    , m_parked(std::make_unique<redisAsyncContext>())
    , m_adapter(std::make_unique<LinkAdapter>(this))
{
    m_handshakeTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, &RedisLink::handshakeTimedOut);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        ++m_retries;
        connectNow();
    });
}

RedisLink::~RedisLink()
{
    // Freeing runs the pending callbacks and the cleanup hook right here; they see
    // m_destroying and only let go of their state. Nothing is delivered after this.
    m_destroying = true;
    if (m_lookupId != -1)
        QHostInfo::abortHostLookup(m_lookupId);
    if (m_ctx)
        redisAsyncFree(m_ctx);
}

QString RedisLink::where() const
{
    return QStringLiteral("%1:%2 (%3)").arg(m_endpoint.host).arg(m_endpoint.port).arg(m_name);
}

void RedisLink::start()
{
    if (m_state == State::Idle)
        connectNow();
}

bool RedisLink::canSend() const
{
    return m_state == State::Up && m_ctx;
}

void RedisLink::connectNow()
{
    m_state = State::Connecting;
    ++m_generation;
    m_handshakeTimer.start(kHandshakeTimeoutMs);
    // hiredis resolves names with a blocking getaddrinfo(); only addresses are given to it.
    if (!QHostAddress(m_endpoint.host).isNull()) {
        open(m_endpoint.host.toLatin1());
        return;
    }
    const quint64 generation = m_generation;
    m_lookupId =
        QHostInfo::lookupHost(m_endpoint.host, this, [this, generation](const QHostInfo& info) {
            m_lookupId = -1;
            if (generation != m_generation)
                return;
            if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                connectionFailed("cannot resolve the host: " + info.errorString().toUtf8());
                return;
            }
            // A name often has an IPv6 and an IPv4 address while Redis listens on one of them;
            // taking the next one on each attempt finds the one that works.
            const QList<QHostAddress> addresses = info.addresses();
            open(addresses.at(qsizetype(m_addressTurn++ % quint64(addresses.size())))
                     .toString()
                     .toLatin1());
        });
}

void RedisLink::open(const QByteArray& address)
{
    redisAsyncContext* ctx = redisAsyncConnect(address.constData(), m_endpoint.port);
    if (!ctx) {
        connectionFailed("out of memory");
        return;
    }
    if (ctx->err) {
        const QByteArray reason(ctx->c.errstr);
        redisAsyncFree(ctx); // no adapter attached yet: nothing but the context to free
        connectionFailed(reason);
        return;
    }
    m_adapter->setContext(ctx);
    ctx->ev.cleanup = &RedisLink::onCleanup;
    m_ctx = ctx;
    // A peer that vanishes without a FIN/RST is noticed within about a minute, not never.
    redisEnableKeepAlive(&ctx->c);
    // AUTH goes first on the wire; hiredis buffers both until the connect completes.
    if (!m_endpoint.password.isEmpty()) {
        QList<QByteArray> auth {QByteArrayLiteral("AUTH")};
        if (!m_endpoint.user.isEmpty())
            auth.append(m_endpoint.user.toUtf8());
        auth.append(m_endpoint.password.toUtf8());
        issue(
            auth, [this](const RedisReply& reply) { handshakeReply(reply, true); }, true);
    }
    issue(
        {QByteArrayLiteral("PING")},
        [this](const RedisReply& reply) { handshakeReply(reply, false); }, true);
}

bool RedisLink::issue(const QList<QByteArray>& args, ReplyHandler handler, bool internal)
{
    if (!m_ctx || (!internal && m_state != State::Up) || args.isEmpty())
        return false;
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray& arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    if (redisAsyncCommandArgv(m_ctx, &RedisLink::onReply, this, int(argv.size()), argv.data(),
            lengths.data()) != REDIS_OK)
        return false;
    m_pending.push_back({std::move(handler), internal});
    return true;
}

void RedisLink::send(const QList<QByteArray>& args, ReplyHandler done)
{
    if (issue(args, done, false))
        return;
    if (done)
        deliver({Delivery::Type::Reply, std::move(done), {}});
}

bool RedisLink::subscribe(const QList<QByteArray>& channels)
{
    if (!canSend() || channels.isEmpty())
        return false;
    std::vector<const char*> argv {"SUBSCRIBE"};
    std::vector<size_t> lengths {9};
    for (const QByteArray& channel : channels) {
        argv.push_back(channel.constData());
        lengths.push_back(size_t(channel.size()));
    }
    return redisAsyncCommandArgv(m_ctx, &RedisLink::onPush, this, int(argv.size()), argv.data(),
               lengths.data()) == REDIS_OK;
}

void RedisLink::onReply(redisAsyncContext*, void* reply, void* privdata)
{
    static_cast<RedisLink*>(privdata)->handleReply(reply);
}

void RedisLink::handleReply(const void* reply)
{
    // hiredis calls back in command order, once per command, so the front is this reply's.
    Q_ASSERT(!m_pending.empty());
    if (m_pending.empty())
        return;
    Pending pending = std::move(m_pending.front());
    m_pending.pop_front();
    if (m_destroying || !pending.handler)
        return;
    RedisReply converted = reply ? convert(static_cast<const redisReply*>(reply)) : RedisReply {};
    if (pending.internal)
        pending.handler(converted);
    else
        deliver({Delivery::Type::Reply, std::move(pending.handler), std::move(converted)});
}

void RedisLink::onPush(redisAsyncContext*, void* reply, void* privdata)
{
    auto* self = static_cast<RedisLink*>(privdata);
    // A null reply is hiredis freeing the context: the subscriptions end with it.
    if (!reply || self->m_destroying)
        return;
    self->deliver({Delivery::Type::Push, {}, convert(static_cast<const redisReply*>(reply))});
}

void RedisLink::handshakeReply(const RedisReply& reply, bool isAuth)
{
    if (reply.kind == RedisReply::Kind::Failed)
        return; // the context is going; contextGone() handles it
    if (reply.kind == RedisReply::Kind::Error) {
        // Redis's refusal names neither user nor password, so it can be logged as it is.
        abortConnection((isAuth ? "authentication refused: " : "PING failed: ") + reply.string);
        return;
    }
    if (!isAuth && m_closeReason.isEmpty())
        becomeUp();
}

void RedisLink::becomeUp()
{
    m_handshakeTimer.stop();
    m_state = State::Up;
    m_backoff.reset();
    m_lastFailure.clear();
    qCInfo(lcBus, "connected to Redis %s", qUtf8Printable(where()));
    deliver({Delivery::Type::Up, {}, {}});
}

// Called inside hiredis callbacks. hiredis would defer a free asked for there, but only for
// some callbacks; freeing from the event loop is safe whatever hiredis is in the middle of.
void RedisLink::abortConnection(const QByteArray& reason)
{
    if (m_closeReason.isEmpty())
        m_closeReason = reason;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation == m_generation && m_ctx)
                redisAsyncFree(m_ctx);
        },
        Qt::QueuedConnection);
}

void RedisLink::handshakeTimedOut()
{
    const QByteArray reason =
        "no answer within " + QByteArray::number(kHandshakeTimeoutMs) + " ms (connect timed out)";
    if (m_lookupId != -1) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
        connectionFailed(reason);
    } else if (m_ctx) {
        m_closeReason = reason;
        redisAsyncFree(m_ctx); // from a timer, not a hiredis callback: frees at once
    }
}

// The cleanup hook: hiredis is freeing the context (after failing its pending callbacks). The
// context is still valid here and never again after, so everything that points at it lets go.
void RedisLink::onCleanup(void* adapter)
{
    static_cast<LinkAdapter*>(static_cast<RedisQtAdapter*>(adapter))->link->contextGone();
}

void RedisLink::contextGone()
{
    if (!m_ctx)
        return;
    redisAsyncContext* ctx = std::exchange(m_ctx, nullptr);
    const QByteArray reason = m_closeReason.isEmpty() ? QByteArray(ctx->c.errstr) : m_closeReason;
    RedisQtCleanup(m_adapter.get()); // deletes its socket notifiers
    ctx->ev = {}; // hiredis must not call the adapter for this context again
    *m_parked = redisAsyncContext {};
    m_adapter->setContext(m_parked.get());
    if (m_destroying)
        return;
    // Every regular callback has had its null reply by now; anything left would never get one.
    for (Pending& pending : m_pending) {
        if (pending.handler && !pending.internal)
            deliver({Delivery::Type::Reply, std::move(pending.handler), {}});
    }
    m_pending.clear();
    connectionFailed(reason.isEmpty() ? QByteArrayLiteral("connection closed") : reason);
}

void RedisLink::connectionFailed(const QByteArray& reason)
{
    m_handshakeTimer.stop();
    const bool wasUp = m_state == State::Up;
    m_state = State::Waiting;
    m_closeReason.clear();
    if (wasUp) {
        qCWarning(lcBus, "lost Redis %s: %s", qUtf8Printable(where()), reason.constData());
        deliver({Delivery::Type::Down, {}, {}});
    } else if (reason != m_lastFailure) {
        qCWarning(lcBus, "cannot connect to Redis %s: %s (retrying)", qUtf8Printable(where()),
            reason.constData());
    } else {
        qCDebug(lcBus, "cannot connect to Redis %s: %s (retrying)", qUtf8Printable(where()),
            reason.constData());
    }
    m_lastFailure = reason;
    m_retryTimer.start(m_backoff.nextDelayMs());
}

void RedisLink::deliver(Delivery delivery)
{
    m_inbox.push_back(std::move(delivery));
    if (!m_drainPosted) {
        m_drainPosted = true;
        QMetaObject::invokeMethod(this, &RedisLink::drain, Qt::QueuedConnection);
    }
}

void RedisLink::drain()
{
    m_drainPosted = false;
    const QPointer<RedisLink> alive(this);
    // A handler may destroy this link; `alive` is checked before anything else is touched.
    while (alive && !m_inbox.empty()) {
        Delivery delivery = std::move(m_inbox.front());
        m_inbox.pop_front();
        switch (delivery.type) {
        case Delivery::Type::Reply:
            delivery.handler(delivery.reply);
            break;
        case Delivery::Type::Push:
            Q_EMIT pushed(delivery.reply);
            break;
        case Delivery::Type::Up:
            m_reportedUp = true;
            Q_EMIT up();
            break;
        case Delivery::Type::Down:
            m_reportedUp = false;
            Q_EMIT down();
            break;
        }
    }
}
} // namespace palaver::server
