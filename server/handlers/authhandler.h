#pragma once
#include "server/handlers/servercontext.h"
#include "server/storage/records.h"
#include "shared/frames/authframes.h"

#include <functional>

namespace palaver::server {
class Session;

/// register, login, resume and logout. Every failure is answered, then closed with 4401.
class AuthHandler
{
public:
    using Authenticated = std::function<void(Session*)>;
    AuthHandler(ServerContext& context, Authenticated onAuthenticated)
        : m_ctx(context)
        , m_onAuthenticated(std::move(onAuthenticated))
    { }

    void handle(Session& session, const QJsonValue& id, const RegisterRequest& request);
    void handle(Session& session, const QJsonValue& id, const LoginRequest& request);
    void handle(Session& session, const QJsonValue& id, const ResumeRequest& request);
    void handle(Session& session, const QJsonValue& id, const LogoutRequest& request);

private:
    /// False (and the connection closed) when the client speaks another protocol version.
    bool acceptProtocol(Session& session, const QJsonValue& id, int protocol);
    void fail(Session& session, const QJsonValue& id, const ProtocolError& error);
    /// Stores a new token for the user and welcomes the session.
    void startSession(
        Session& session, const QJsonValue& id, const UserRecord& user, const QString& device);
    void welcome(
        Session& session, const QJsonValue& id, const UserRecord& user, const QString& token);
    /// An audit row for a refused login (the address, the name tried, why; never the password).
    void noteLoginFailure(
        Session& session, const std::optional<UserRecord>& user, const QString& username);

    ServerContext& m_ctx;
    Authenticated m_onAuthenticated;
};

} // namespace palaver::server
