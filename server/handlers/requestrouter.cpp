#include "server/handlers/requestrouter.h"

#include "server/cluster/sharedratelimit.h"
#include "server/config/serverconfig.h"
#include "server/core/ratelimiter.h"
#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/session.h"

#include <QDateTime>
#include <QPointer>

namespace palaver::server {
namespace {
// Frames a client may pipeline behind its auth request before the welcome arrives.
constexpr int kMaxDeferredFrames = 64;
// Frames queued behind a send that waits for the shared rate limit (a few tens of µs); a
// client that outruns that by this much is flooding.
constexpr int kMaxHeldFrames = 1024;

template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};

bool isAuthRequest(FrameType type)
{
    return type == FrameType::Register || type == FrameType::Login || type == FrameType::Resume;
}

RateLimiter::Bucket bucketOf(FrameType type)
{
    switch (type) {
    case FrameType::Send:
        return RateLimiter::Bucket::Message;
    case FrameType::Edit:
    case FrameType::Delete:
    case FrameType::React:
        return RateLimiter::Bucket::Edit;
    case FrameType::Typing:
        return RateLimiter::Bucket::Typing;
    case FrameType::Read:
        return RateLimiter::Bucket::Read;
    default:
        return RateLimiter::Bucket::Request;
    }
}
} // namespace

RequestRouter::RequestRouter(ServerContext& context, AuthHandler::Authenticated onAuthenticated)
    : m_ctx(context)
    , m_auth(context, std::move(onAuthenticated))
    , m_rooms(context)
    , m_roomQueries(context)
    , m_events(context)
    , m_history(context)
    , m_read(context)
    , m_liveState(context)
    , m_search(context)
{ }

void RequestRouter::onFrame(Session& session, const QByteArray& frame)
{
    switch (session.state()) {
    case Session::State::Closing:
        return;
    case Session::State::Authenticating:
        if (session.deferredFrames().size() >= kMaxDeferredFrames)
            session.close(
                CloseCode::ProtocolViolation, QStringLiteral("too many frames before welcome"));
        else
            session.deferredFrames().enqueue(frame);
        return;
    case Session::State::Authenticated:
        if (session.isHeld()) {
            if (session.deferredFrames().size() >= kMaxHeldFrames)
                session.close(CloseCode::Flooding, QStringLiteral("flooding"));
            else
                session.deferredFrames().enqueue(frame);
            return;
        }
        break;
    case Session::State::Unauthenticated:
        break;
    }

    auto decoded = decodeClientFrame(frame);
    if (auto* error = std::get_if<FrameError>(&decoded)) {
        session.answerError(error->id, error->error);
        if (error->fatal)
            session.close(CloseCode::ProtocolViolation, error->error.message);
        else if (!session.isAuthenticated())
            session.close(CloseCode::AuthRequired, QStringLiteral("authenticate first"));
        return;
    }
    dispatch(session, std::get<ClientFrame>(decoded));
}

void RequestRouter::replayDeferred(Session& session)
{
    while (!session.deferredFrames().isEmpty() && session.isAuthenticated() && !session.isHeld())
        onFrame(session, session.deferredFrames().dequeue());
}

bool RequestRouter::admit(Session& session, const QJsonValue& id, FrameType type)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto retryAfter = m_ctx.limiter.take(session.userId(), bucketOf(type), now);
    if (!retryAfter)
        return true;
    refuse(session, id, *retryAfter);
    return false;
}

void RequestRouter::refuse(Session& session, const QJsonValue& id, qint64 retryAfterMs)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    session.answerError(id, ErrorCode::RateLimited, QStringLiteral("slow down"), retryAfterMs);
    ServerMetrics::add(m_ctx.metrics.rateLimited);
    if (session.noteRateLimited(now, m_ctx.config.floodThreshold, m_ctx.config.floodWindowMs)) {
        ServerMetrics::add(m_ctx.metrics.floodCloses);
        qCInfo(lcSession) << session.peerDescription() << "closed for flooding";
        session.close(CloseCode::Flooding, QStringLiteral("flooding"));
    }
}

void RequestRouter::admitShared(Session& session, const ClientFrame& frame)
{
    // The frames behind this send wait until the shared bucket answers, so a user's requests
    // keep their order (a few tens of µs on a local network).
    session.setHeld(true);
    QPointer<Session> guard(&session);
    m_ctx.sharedLimit->take(
        session.userId(), [this, guard, frame](bool answered, std::optional<qint64> retryAfterMs) {
            if (!guard)
                return;
            Session& s = *guard;
            s.setHeld(false);
            if (s.state() != Session::State::Authenticated)
                return;
            if (!answered) // Redis is away: this node's own bucket decides meanwhile
                retryAfterMs = m_ctx.limiter.take(
                    s.userId(), RateLimiter::Bucket::Message, QDateTime::currentMSecsSinceEpoch());
            if (retryAfterMs)
                refuse(s, frame.id, *retryAfterMs);
            else
                route(s, frame);
            replayDeferred(s);
        });
}

void RequestRouter::dispatch(Session& session, const ClientFrame& frame)
{
    const FrameType type = frameTypeOf(frame.request);
    const QJsonValue& id = frame.id;
    if (!session.isAuthenticated() && !isAuthRequest(type)) {
        session.answerError(id, ErrorCode::AuthFailed,
            QStringLiteral("the first frame must be register, login or resume"));
        session.close(CloseCode::AuthRequired, QStringLiteral("authenticate first"));
        return;
    }
    if (session.isAuthenticated()) {
        if (isAuthRequest(type))
            return session.answerError(
                id, ErrorCode::BadRequest, QStringLiteral("already authenticated"));
        if (type == FrameType::Send && m_ctx.sharedLimit && m_ctx.sharedLimit->active())
            return admitShared(session, frame);
        if (!admit(session, id, type))
            return;
    }
    route(session, frame);
}

void RequestRouter::route(Session& session, const ClientFrame& frame)
{
    const QJsonValue& id = frame.id;
    std::visit(Overloaded {
                   [&](const RegisterRequest& r) { m_auth.handle(session, id, r); },
                   [&](const LoginRequest& r) { m_auth.handle(session, id, r); },
                   [&](const ResumeRequest& r) { m_auth.handle(session, id, r); },
                   [&](const LogoutRequest& r) { m_auth.handle(session, id, r); },
                   [&](const PingRequest&) { session.answer(id, PongAnswer {}); },
                   [&](const CreateRoomRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const OpenDirectRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const JoinRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const LeaveRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const InviteRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const KickRequest& r) { m_rooms.handle(session, id, r); },
                   [&](const RoomsRequest& r) { m_roomQueries.handle(session, id, r); },
                   [&](const DirectoryRequest& r) { m_roomQueries.handle(session, id, r); },
                   [&](const MembersRequest& r) { m_roomQueries.handle(session, id, r); },
                   [&](const UsersRequest& r) { m_roomQueries.handle(session, id, r); },
                   [&](const SendRequest& r) { m_events.handle(session, id, r); },
                   [&](const EditRequest& r) { m_events.handle(session, id, r); },
                   [&](const DeleteRequest& r) { m_events.handle(session, id, r); },
                   [&](const ReactRequest& r) { m_events.handle(session, id, r); },
                   [&](const HistoryRequest& r) { m_history.handle(session, id, r); },
                   [&](const SyncRequest& r) { m_history.handle(session, id, r); },
                   [&](const ReadRequest& r) { m_read.handle(session, id, r); },
                   [&](const TypingRequest& r) { m_liveState.handle(session, id, r); },
                   [&](const PresenceRequest& r) { m_liveState.handle(session, id, r); },
                   [&](const SearchRequest& r) { m_search.handle(session, id, r); },
               },
        frame.request);
}

} // namespace palaver::server
