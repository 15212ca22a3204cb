#pragma once
// The one-shot requests behind the Account's invokables (rooms, users, edits, reactions,
// presence): send, then turn the answer into a signal the UI can use.
#include "shared/framecodec.h"

#include <QObject>
#include <QVariantList>

namespace palaver::client {

class Connection;

/// Requests that need no local state beyond their answer.
class RoomActions : public QObject
{
    Q_OBJECT
public:
    explicit RoomActions(Connection& connection, QObject* parent = nullptr);

    void createRoom(
        const QString& kind, const QString& name, const QString& topic, const QStringList& userIds);
    void openDirect(const QString& userId);
    void joinRoom(const QString& roomId);
    void leaveRoom(const QString& roomId);
    void invite(const QString& roomId, const QString& userId);
    void searchUsers(const QString& query);
    void browseDirectory(const QString& query);
    void editMessage(const QString& roomId, qint64 seq, const QString& text);
    void deleteMessage(const QString& roomId, qint64 seq);
    void react(const QString& roomId, qint64 seq, const QString& emoji, bool on);
    void setAway(bool away);

    /// A sentence for people from an error answer.
    static QString describe(const ErrorAnswer& error);

Q_SIGNALS:
    /// A room answer arrived; the stores take it before roomReady is emitted.
    void roomReceived(const palaver::RoomInfo& room);
    void roomReady(const QString& roomId);
    void usersFound(const QVariantList& users);
    void directoryLoaded(const QVariantList& rooms);
    void errorOccurred(const QString& message);

private:
    template <class Frame> void send(const Frame& frame);
    void onAnswer(const ServerMessage& answer);

    Connection& m_connection;
};

} // namespace palaver::client
