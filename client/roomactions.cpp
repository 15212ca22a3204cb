#include "client/roomactions.h"

#include "client/net/connection.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

RoomActions::RoomActions(Connection& connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{ }

template <class Frame> void RoomActions::send(const Frame& frame)
{
    if (!m_connection.request(frame, this, [this](const ServerMessage& a) { onAnswer(a); }))
        Q_EMIT errorOccurred(tr("You are offline; try again when the connection is back."));
}

void RoomActions::onAnswer(const ServerMessage& answer)
{
    if (const auto* room = std::get_if<RoomAnswer>(&answer)) {
        Q_EMIT roomReceived(room->room);
        Q_EMIT roomReady(room->room.id);
    } else if (const auto* rooms = std::get_if<RoomsAnswer>(&answer)) {
        // Only `directory` is sent from here; the wire field names are the map keys.
        QVariantList list;
        for (const RoomInfo& info : rooms->rooms)
            list.append(info.toJson().toVariantMap());
        Q_EMIT directoryLoaded(list);
    } else if (const auto* users = std::get_if<UsersAnswer>(&answer)) {
        QVariantList list;
        for (const UserInfo& user : users->users)
            list.append(user.toJson().toVariantMap());
        Q_EMIT usersFound(list);
    } else if (const auto* error = std::get_if<ErrorAnswer>(&answer)) {
        Q_EMIT errorOccurred(describe(*error));
    }
}

QString RoomActions::describe(const ErrorAnswer& error)
{
    switch (error.code) {
    case ErrorCode::Forbidden:
        return tr("You are not allowed to do that.");
    case ErrorCode::NotFound:
        return tr("That no longer exists.");
    case ErrorCode::RateLimited:
        return tr("Slow down a little and try again.");
    case ErrorCode::TooLarge:
        return tr("That is too long.");
    case ErrorCode::AuthFailed:
        return tr("Wrong username or password.");
    case ErrorCode::Conflict:
        return tr("That username is taken.");
    default:
        return error.message.isEmpty() ? tr("The server could not do that.") : error.message;
    }
}

void RoomActions::createRoom(
    const QString& kind, const QString& name, const QString& topic, const QStringList& userIds)
{
    const auto parsed = roomKindFromString(kind);
    if (!parsed || *parsed == RoomKind::Direct) {
        Q_EMIT errorOccurred(tr("A room is either public or group."));
        return;
    }
    send(CreateRoomRequest {*parsed, name.trimmed(), topic.trimmed(), userIds});
}

void RoomActions::openDirect(const QString& userId)
{
    send(OpenDirectRequest {userId});
}

void RoomActions::joinRoom(const QString& roomId)
{
    send(JoinRequest {roomId});
}

void RoomActions::leaveRoom(const QString& roomId)
{
    // The room_removed push that follows takes the room out of the stores.
    send(LeaveRequest {roomId});
}

void RoomActions::invite(const QString& roomId, const QString& userId)
{
    send(InviteRequest {roomId, userId});
}

void RoomActions::searchUsers(const QString& query)
{
    UsersRequest request;
    request.query = query.trimmed();
    send(request);
}

void RoomActions::browseDirectory(const QString& query)
{
    DirectoryRequest request;
    request.query = query.trimmed();
    send(request);
}

void RoomActions::editMessage(const QString& roomId, qint64 seq, const QString& text)
{
    // Not through the outbox: edits are not idempotent, a blind resend would append twice.
    send(EditRequest {roomId, seq, text.trimmed()});
}

void RoomActions::deleteMessage(const QString& roomId, qint64 seq)
{
    send(DeleteRequest {roomId, seq});
}

void RoomActions::react(const QString& roomId, qint64 seq, const QString& emoji, bool on)
{
    send(ReactRequest {roomId, seq, emoji, on});
}

void RoomActions::setAway(bool away)
{
    send(PresenceRequest {away ? PresenceStatus::Away : PresenceStatus::Online});
}

} // namespace palaver::client
