#include "server/handlers/authhandler.h"

#include "server/auth/loginthrottle.h"
#include "server/auth/passwordhasher.h"
#include "server/auth/sessiontoken.h"
#include "server/config/serverconfig.h"
#include "server/core/wireid.h"
#include "server/handlers/audit.h"
#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/session.h"
#include "server/storage/database.h"
#include "shared/limits.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>

namespace palaver::server {
namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

const ProtocolError kBadCredentials {
    ErrorCode::AuthFailed, QStringLiteral("wrong username or password")};
} // namespace

bool AuthHandler::acceptProtocol(Session& session, const QJsonValue& id, int protocol)
{
    if (protocol == limits::protocolVersion)
        return true;
    session.answerError(id, ErrorCode::UnsupportedProtocol,
        QStringLiteral("this server speaks protocol 1, not %1").arg(protocol));
    session.close(CloseCode::ProtocolViolation, QStringLiteral("unsupported protocol"));
    return false;
}

void AuthHandler::fail(Session& session, const QJsonValue& id, const ProtocolError& error)
{
    ServerMetrics::add(m_ctx.metrics.authFailures);
    qCInfo(lcAuth) << session.peerDescription() << "authentication failed:" << error.message;
    session.answerError(id, error);
    session.close(CloseCode::AuthRequired, QStringLiteral("authentication failed"));
}

void AuthHandler::handle(Session& session, const QJsonValue& id, const RegisterRequest& request)
{
    if (!acceptProtocol(session, id, request.protocol))
        return;
    session.setState(Session::State::Authenticating);
    QPointer<Session> guard(&session);
    m_ctx.hasher.hash(request.password, [this, guard, id, request](const QString& hash) {
        if (!guard)
            return;
        if (hash.isEmpty()) {
            fail(*guard, id, {ErrorCode::Internal, QStringLiteral("cannot hash the password")});
            return;
        }
        const QString token = sessiontoken::generate();
        const QByteArray tokenHash = sessiontoken::hash(token);
        const qint64 expires = now() + m_ctx.config.tokenLifetimeMs();
        m_ctx.db.write<UserRecord>(
            [request, hash, tokenHash, expires, address = guard->peerAddress().toString()](
                Store& store) -> Outcome<UserRecord> {
                const qint64 ts = now();
                const auto userId =
                    store.users().createUser(request.username, request.displayName, hash, ts);
                if (!userId)
                    return Outcome<UserRecord>::fail(
                        ErrorCode::Conflict, QStringLiteral("username is taken"));
                store.users().createSession(tokenHash, *userId, request.device, ts, expires);
                recordAudit(store, address, *userId, request.username, QStringLiteral("signup"),
                    userTarget(request.username));
                return UserRecord {*userId, request.username, request.displayName, hash, 0, false};
            },
            [this, guard, id, token](Outcome<UserRecord> result) {
                if (!guard)
                    return;
                if (!result.ok())
                    return fail(*guard, id, result.error());
                qCInfo(lcAuth) << "registered user" << result.value().id;
                welcome(*guard, id, result.value(), token);
            });
    });
}

void AuthHandler::handle(Session& session, const QJsonValue& id, const LoginRequest& request)
{
    if (!acceptProtocol(session, id, request.protocol))
        return;
    session.setState(Session::State::Authenticating);
    if (const auto wait = m_ctx.logins.refusedFor(request.username, session.peerAddress(), now())) {
        // Refused whether or not the account exists, and before the password is looked at.
        ServerMetrics::add(m_ctx.metrics.loginsRefused);
        qCInfo(lcAuth) << session.peerDescription() << "login refused: too many failures";
        session.answerError(id, ErrorCode::RateLimited,
            QStringLiteral("too many failed logins; try again later"), *wait);
        session.close(CloseCode::AuthRequired, QStringLiteral("too many failed logins"));
        return;
    }
    QPointer<Session> guard(&session);
    m_ctx.db.read<std::optional<UserRecord>>(
        [username = request.username](Store& store) -> Outcome<std::optional<UserRecord>> {
            return store.users().userByName(username);
        },
        [this, guard, id, request](Outcome<std::optional<UserRecord>> found) {
            if (!guard)
                return;
            if (!found.ok())
                return fail(*guard, id, found.error());
            const std::optional<UserRecord> user = found.value();
            // Verify even for a missing or disabled account so timing reveals nothing.
            const QString encoded = user && !user->disabled ? user->passwordHash : QString();
            m_ctx.hasher.verify(encoded, request.password,
                [this, guard, id, user, device = request.device, name = request.username](
                    bool match) {
                    if (!guard)
                        return;
                    if (!match) {
                        noteLoginFailure(*guard, user, name);
                        // Each failure past the first few is answered later than the last.
                        const qint64 delay = m_ctx.logins.failed(name, guard->peerAddress(), now());
                        if (delay == 0)
                            return fail(*guard, id, kBadCredentials);
                        QTimer::singleShot(delay, guard, [this, guard, id] {
                            if (guard)
                                fail(*guard, id, kBadCredentials);
                        });
                        return;
                    }
                    m_ctx.logins.succeeded(name);
                    startSession(*guard, id, *user, device);
                });
        });
}

void AuthHandler::startSession(
    Session& session, const QJsonValue& id, const UserRecord& user, const QString& device)
{
    const QString token = sessiontoken::generate();
    const QByteArray tokenHash = sessiontoken::hash(token);
    const qint64 expires = now() + m_ctx.config.tokenLifetimeMs();
    QPointer<Session> guard(&session);
    m_ctx.db.write<Done>(
        [tokenHash, user, device, expires, address = session.peerAddress().toString()](
            Store& store) -> Outcome<Done> {
            // Disabled or given a new password (admin command) since the password was
            // checked: no session for it.
            const auto current = store.users().userById(user.id);
            if (!current || current->disabled || current->passwordHash != user.passwordHash)
                return kBadCredentials;
            store.users().createSession(tokenHash, user.id, device, now(), expires);
            recordAudit(store, address, user.id, user.username, QStringLiteral("login"),
                userTarget(user.username), auditDetail({{QStringLiteral("device"), device}}));
            return Done {};
        },
        [this, guard, id, user, token](Outcome<Done> result) {
            if (!guard)
                return;
            if (!result.ok())
                return fail(*guard, id, result.error());
            welcome(*guard, id, user, token);
        });
}

void AuthHandler::handle(Session& session, const QJsonValue& id, const ResumeRequest& request)
{
    if (!acceptProtocol(session, id, request.protocol))
        return;
    session.setState(Session::State::Authenticating);
    QPointer<Session> guard(&session);
    const QByteArray tokenHash = sessiontoken::hash(request.token);
    const qint64 ts = now();
    const qint64 expires = ts + m_ctx.config.tokenLifetimeMs();
    m_ctx.db.write<UserRecord>(
        [tokenHash, ts, expires](Store& store) -> Outcome<UserRecord> {
            const auto userId = store.users().resumeSession(tokenHash, ts, expires);
            const auto user = userId ? store.users().userById(*userId) : std::nullopt;
            if (!user)
                return Outcome<UserRecord>::fail(ErrorCode::AuthFailed,
                    QStringLiteral("the token is unknown, revoked or expired"));
            return *user;
        },
        [this, guard, id, token = request.token](Outcome<UserRecord> result) {
            if (!guard)
                return;
            if (!result.ok())
                return fail(*guard, id, result.error());
            welcome(*guard, id, result.value(), token);
        });
}

void AuthHandler::handle(Session& session, const QJsonValue& id, const LogoutRequest&)
{
    QPointer<Session> guard(&session);
    m_ctx.db.write<Done>(
        [tokenHash = session.tokenHash(), userId = session.userId(),
            address = session.peerAddress().toString()](Store& store) -> Outcome<Done> {
            store.users().deleteSession(tokenHash);
            recordAudit(store, address, userId, {}, QStringLiteral("logout"), {});
            return Done {};
        },
        [guard, id](Outcome<Done> result) {
            if (!guard)
                return;
            if (!result.ok())
                return guard->answerError(id, result.error());
            // The token is gone, so the connection has nobody left to speak for.
            guard->answer(id, OkAnswer {});
            guard->close(CloseCode::Normal, QStringLiteral("logged out"));
        });
}

void AuthHandler::noteLoginFailure(
    Session& session, const std::optional<UserRecord>& user, const QString& username)
{
    // Its own small write: there is no change for it to share a transaction with.
    const QString reason = !user ? QStringLiteral("no such user")
        : user->disabled         ? QStringLiteral("account disabled")
                                 : QStringLiteral("wrong password");
    const std::optional<qint64> actorId = user ? std::optional(user->id) : std::nullopt;
    m_ctx.db.write<Done>(
        [address = session.peerAddress().toString(), actorId, username, reason](
            Store& store) -> Outcome<Done> {
            recordAudit(store, address, actorId, username, QStringLiteral("login_failed"),
                userTarget(username), auditDetail({{QStringLiteral("reason"), reason}}));
            return Done {};
        },
        [](Outcome<Done>) {});
}

void AuthHandler::welcome(
    Session& session, const QJsonValue& id, const UserRecord& user, const QString& token)
{
    if (session.state() == Session::State::Closing)
        return;
    session.authenticate(user.id, sessiontoken::hash(token));
    WelcomeAnswer answer;
    answer.user =
        UserInfo {toWireId(user.id), user.username, user.displayName, std::nullopt, std::nullopt};
    answer.token = token;
    answer.serverVersion = QStringLiteral(PALAVER_VERSION);
    answer.limits = ServerLimits {
        limits::maxText, m_ctx.config.ratePerS, m_ctx.config.burst, limits::historyPage};
    session.answer(id, answer);
    m_onAuthenticated(&session);
}

} // namespace palaver::server
