#pragma once
// The Account facade of CLIENT-API.md: the one object the QML app talks to. It wires the
// connection, the cache, sync, outbox, rules and models together and does little itself.
#include "client/cache/accountfolders.h"
#include "client/files/accountfiles.h"
#include "client/models/roomlistmodel.h"
#include "client/net/connection.h"
#include "client/search/searchmodel.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace palaver::client {

class AccountSession;
class MemberListModel;
class RoomActions;
class TimelineModel;
class TokenStore;
class TypingModel;

/// Where an Account keeps its files and its token.
struct AccountOptions
{
    QString baseFolder; ///< empty: QStandardPaths::AppDataLocation
    bool useKeychain = true; ///< false: the token goes to the 0600 file only
};

/// One signed-in account (CLIENT-API.md).
class Account : public QObject
{
    Q_OBJECT
    Q_PROPERTY(ConnectionState connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(int retryInSeconds READ retryInSeconds NOTIFY retryInSecondsChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString username READ username NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY userChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
    Q_PROPERTY(palaver::client::RoomListModel* rooms READ rooms CONSTANT)
    Q_PROPERTY(palaver::client::CertificateQuestion* certificate READ certificate CONSTANT)
    Q_PROPERTY(palaver::client::SearchModel* search READ search CONSTANT)
    Q_PROPERTY(palaver::client::AccountFiles* files READ files CONSTANT)
public:
    /// The states of the connection banner (the same order as Connection::State).
    enum ConnectionState {
        SignedOut,
        Connecting,
        Authenticating,
        Online,
        Reconnecting,
        AwaitingTrust
    };
    Q_ENUM(ConnectionState)

    /// An account with its files in AppDataLocation (PALAVER_NO_KEYCHAIN=1 skips the keychain).
    explicit Account(QObject* parent = nullptr);
    /// An account with explicit options (tests use a temporary base folder).
    explicit Account(const AccountOptions& options, QObject* parent = nullptr);
    ~Account() override;

    ConnectionState connectionState() const;
    int retryInSeconds() const;
    QString userId() const { return m_userId; }
    QString username() const { return m_username; }
    QString displayName() const { return m_displayName; }
    QString serverUrl() const { return m_serverUrl; }
    QString lastError() const { return m_lastError; }
    int totalUnread() const { return m_totalUnread; }
    RoomListModel* rooms() const { return m_roomList; }
    /// Full-text search over the account's rooms (set its query; results are rows).
    SearchModel* search() const { return m_search; }
    /// The server certificate the user is asked to trust (problem None: nothing asked).
    CertificateQuestion* certificate() { return m_connection.certificateQuestion(); }
    /// Attachments: uploads, downloads, thumbnails (client/files/accountfiles.h).
    AccountFiles* files() const { return m_files; }
    /// The connection, for tests and diagnostics.
    Connection& connection() { return m_connection; }
    /// The open account's parts (null while none is open), for tests and diagnostics.
    AccountSession* session() const { return m_session.get(); }

    /// Registers (createAccount) or logs in; the token is stored, the password never.
    Q_INVOKABLE void signIn(
        const QString& url, const QString& username, const QString& password, bool createAccount);
    /// Opens the last account's cache and resumes with its stored token; false without one.
    Q_INVOKABLE bool restoreSession();
    /// Logs out (revoking the token on the server) and forgets the token.
    Q_INVOKABLE void signOut();
    /// Trusts the certificate in question for its server from now on and connects.
    Q_INVOKABLE void trustCertificate();
    /// Does not trust it: stays disconnected (lastError says why).
    Q_INVOKABLE void rejectCertificate();

    /// The room's timeline, owned by the Account (null while signed out).
    Q_INVOKABLE palaver::client::TimelineModel* timeline(const QString& roomId);
    Q_INVOKABLE palaver::client::MemberListModel* members(const QString& roomId);
    Q_INVOKABLE palaver::client::TypingModel* typing(const QString& roomId);

    /// Queues a message (shown pending at once); `@username` of members become mentions.
    Q_INVOKABLE void sendMessage(const QString& roomId, const QString& text, qint64 replyToSeq = 0);
    Q_INVOKABLE void editMessage(const QString& roomId, qint64 seq, const QString& text);
    Q_INVOKABLE void deleteMessage(const QString& roomId, qint64 seq);
    Q_INVOKABLE void react(const QString& roomId, qint64 seq, const QString& emoji, bool on);
    Q_INVOKABLE void retrySend(const QString& clientMid);
    Q_INVOKABLE void discardSend(const QString& clientMid);
    Q_INVOKABLE void userTyping(const QString& roomId);
    Q_INVOKABLE void composerCleared(const QString& roomId);

    Q_INVOKABLE void createRoom(
        const QString& kind, const QString& name, const QString& topic, const QStringList& userIds);
    Q_INVOKABLE void openDirect(const QString& userId);
    Q_INVOKABLE void joinRoom(const QString& roomId);
    Q_INVOKABLE void leaveRoom(const QString& roomId);
    Q_INVOKABLE void invite(const QString& roomId, const QString& userId);
    Q_INVOKABLE void searchUsers(const QString& query);
    Q_INVOKABLE void browseDirectory(const QString& query);
    Q_INVOKABLE void setAway(bool away);
    Q_INVOKABLE void windowActiveChanged(bool active);
    /// The room the user is looking at (no notifications for it while the window is
    /// active). An addition to CLIENT-API.md.
    Q_INVOKABLE void setActiveRoom(const QString& roomId);

Q_SIGNALS:
    void connectionStateChanged();
    void retryInSecondsChanged();
    void userChanged();
    void lastErrorChanged();
    void totalUnreadChanged();
    void roomReady(const QString& roomId);
    void notification(
        const QString& roomId, const QString& title, const QString& body, bool isMention);
    void errorOccurred(const QString& message);
    void usersFound(const QVariantList& users);
    void directoryLoaded(const QVariantList& rooms);

private:
    bool openSession(const QString& folder);
    void closeSession();
    void onAuthenticated(const WelcomeAnswer& welcome);
    void onAuthFailed(const ErrorAnswer& error);
    void onTokenLoaded(const QString& token);
    void setError(const QString& message);
    void updateTotalUnread();
    void loadUserFromCache();

    AccountOptions m_options;
    AccountFolders m_folders;
    Connection m_connection;
    RoomListModel* m_roomList;
    RoomActions* m_actions;
    SearchModel* m_search;
    AccountFiles* m_files;
    std::unique_ptr<AccountSession> m_session;
    std::unique_ptr<TokenStore> m_tokens;
    QString m_folder;
    QString m_userId;
    QString m_username;
    QString m_displayName;
    QString m_serverUrl;
    QString m_lastError;
    QString m_activeRoom;
    bool m_windowActive = false;
    int m_totalUnread = 0;
    bool m_freshSignIn = false;
};

} // namespace palaver::client
