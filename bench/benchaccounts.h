#pragma once
// Creates what a scenario needs before it measures: users on their own connections, more
// connections for existing users, and rooms. Shared by every scenario.
//
// Costs to keep in mind: `register` hashes a password with Argon2id on the server (~15–25 ms of
// CPU, 19 MiB, on a pool of two threads), and so does `login`. `resume` is a token lookup and a
// small write. So scenarios register one user per distinct member and open further devices of
// that user with `resume` on the same token.
#include "benchclient.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>

class BenchEndpoint;

struct BenchUser
{
    QString id;
    QString username;
    QString token;
};

struct RoomPlan
{
    BenchClient* creator = nullptr; ///< an authenticated connection of the owner
    QStringList members; ///< user ids besides the owner
    QString name;
};

class BenchAccounts : public QObject
{
    Q_OBJECT
public:
    using Each = std::function<void(int index, BenchClient* client, const BenchUser& user)>;
    /// How many failed (0 on success) and the first error. A failure does not stop the rest.
    using Done = std::function<void(int failed, const QString& firstError)>;

    BenchAccounts(BenchEndpoint& endpoint, QObject* owner);

    /// Registers `count` users named prefix + index, each on a new connection, `parallel` at a
    /// time. `each` receives every authenticated connection; the caller keeps it (it is a child
    /// of the owner) or deletes it.
    void registerUsers(const QString& prefix, int count, int parallel, Each each, Done done);
    /// Opens one connection per token with `resume`, `parallel` at a time (0 = all at once).
    void resumeAll(const QStringList& tokens, int parallel, Each each, Done done);
    /// Creates group rooms, `parallel` create_room requests in flight; `done` gets the room ids
    /// in plan order, or an error. Members get room_added pushes on their connections.
    void createRooms(
        const QList<RoomPlan>& plans, int parallel, std::function<void(QStringList, QString)> done);

private:
    void openAll(
        int count, int parallel, std::function<QJsonObject(int)> authFrame, Each each, Done done);

    BenchEndpoint& m_endpoint;
    QObject* m_owner;
};
