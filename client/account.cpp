#include "client/account.h"

#include "client/accountsession.h"
#include "client/credentials/tokenstore.h"
#include "client/files/accountfiles.h"
#include "client/models/roomlistmodel.h"
#include "client/models/typingmodel.h"
#include "client/net/serveraddress.h"
#include "client/roomactions.h"
#include "client/rules/mentionparser.h"
#include "client/rules/typingnotifier.h"
#include "client/rules/unreadtotals.h"
#include "client/search/searchmodel.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
// Keys of the cache's meta table (local bookkeeping, not wire JSON).
const QString kMetaUserId = u"user_id"_s;
const QString kMetaUsername = u"username"_s;
const QString kMetaDisplayName = u"display_name"_s;
const QString kMetaServerUrl = u"server_url"_s;
const QString kMetaTokenSaved = u"token_saved"_s;

AccountOptions defaultOptions()
{
    AccountOptions options;
    options.useKeychain = !qEnvironmentVariableIsSet("PALAVER_NO_KEYCHAIN");
    return options;
}

QString keychainKey(const QString& serverUrl, const QString& username)
{
    return QUrl(serverUrl).authority() + u'/' + username;
}
} // namespace

Account::Account(QObject* parent)
    : Account(defaultOptions(), parent)
{ }

Account::Account(const AccountOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_folders(options.baseFolder)
    , m_roomList(new RoomListModel(this))
    , m_actions(new RoomActions(m_connection, this))
    , m_search(new SearchModel(m_connection, this))
    , m_files(new AccountFiles(m_connection, this))
{
    m_search->setNamers(
        [this](const QString& roomId) {
            const int row = m_roomList->rowOf(roomId);
            return row < 0 ? QString()
                           : m_roomList->index(row, 0).data(RoomListModel::NameRole).toString();
        },
        [this](const QString& userId) {
            return m_session ? m_session->members().displayName(userId) : userId;
        });
    connect(&m_connection, &Connection::stateChanged, this, &Account::connectionStateChanged);
    connect(
        &m_connection, &Connection::retryInSecondsChanged, this, &Account::retryInSecondsChanged);
    connect(&m_connection, &Connection::authenticated, this, &Account::onAuthenticated);
    connect(&m_connection, &Connection::authFailed, this, &Account::onAuthFailed);
    connect(&m_connection, &Connection::certificateRefused, this, &Account::setError);
    connect(&m_connection, &Connection::certificatePinNotSaved, this, [this](const QString& file) {
        setError(tr("Could not save the trusted certificate to %1; you will be asked again "
                    "next time.")
                     .arg(file));
    });
    m_connection.certificatePins().setStorageFile(m_folders.certificatePinsFile());
    connect(&m_connection, &Connection::connectionLost, this, [this](int code, const QString& why) {
        if (code == int(CloseCode::ProtocolViolation) || code == int(CloseCode::AccountDisabled))
            setError(tr("The server closed the connection: %1").arg(why));
    });
    connect(m_actions, &RoomActions::roomReceived, this, [this](const RoomInfo& room) {
        if (m_session)
            m_session->sync().applyRoom(room);
    });
    connect(m_actions, &RoomActions::roomReady, this, &Account::roomReady);
    connect(m_actions, &RoomActions::usersFound, this, &Account::usersFound);
    connect(m_actions, &RoomActions::directoryLoaded, this, &Account::directoryLoaded);
    connect(m_actions, &RoomActions::errorOccurred, this, &Account::setError);
    connect(m_files, &AccountFiles::errorOccurred, this, &Account::setError);
}

Account::~Account()
{
    m_roomList->setStores(nullptr, nullptr);
    m_files->setSession(nullptr, {});
    m_connection.close();
}

Account::ConnectionState Account::connectionState() const
{
    // The two enums list the same states in the same order by design.
    return ConnectionState(int(m_connection.state()));
}

int Account::retryInSeconds() const
{
    return m_connection.retryInSeconds();
}

bool Account::openSession(const QString& folder)
{
    if (m_session && m_folder == folder)
        return true;
    closeSession();
    auto session = std::make_unique<AccountSession>(folder, m_connection);
    if (!session->isOpen()) {
        setError(tr("Cannot open the local cache in %1.").arg(folder));
        return false;
    }
    m_session = std::move(session);
    m_folder = folder;
    AccountSession* s = m_session.get();
    connect(s, &AccountSession::notification, this, &Account::notification);
    connect(s, &AccountSession::errorOccurred, this, &Account::setError);
    for (auto signal : {&RoomStore::roomAdded, &RoomStore::roomChanged, &RoomStore::roomRemoved})
        connect(&s->rooms(), signal, this, &Account::updateTotalUnread);
    s->readMarkers().setWindowActive(m_windowActive);
    s->notifications().setWindowActive(m_windowActive);
    s->notifications().setActiveRoom(m_activeRoom);
    m_roomList->setStores(&s->rooms(), &s->members());
    m_files->setSession(&s->outbox(), folder);
    loadUserFromCache();
    updateTotalUnread();
    return true;
}

void Account::closeSession()
{
    m_search->clear();
    m_roomList->setStores(nullptr, nullptr);
    m_files->setSession(nullptr, {});
    m_session.reset();
    m_tokens.reset();
    m_folder.clear();
    updateTotalUnread();
}

void Account::loadUserFromCache()
{
    LocalCache& cache = m_session->cache();
    m_userId = cache.meta(kMetaUserId);
    m_username = cache.meta(kMetaUsername);
    m_displayName = cache.meta(kMetaDisplayName);
    m_serverUrl = cache.meta(kMetaServerUrl);
    Q_EMIT userChanged();
}

void Account::signIn(
    const QString& url, const QString& username, const QString& password, bool createAccount)
{
    const ServerAddress address = ServerAddress::fromUserInput(url);
    if (!address.isValid()) {
        setError(tr("'%1' is not a server address.").arg(url));
        return;
    }
    const QString name = username.trimmed().toLower();
    if (!openSession(m_folders.folderFor(address, name)))
        return;
    m_serverUrl = address.url().toString();
    m_tokens = std::make_unique<TokenStore>(
        m_folder, keychainKey(m_serverUrl, name), m_options.useKeychain);
    m_freshSignIn = true;
    AuthRequest auth;
    auth.mode = createAccount ? AuthRequest::Mode::Register : AuthRequest::Mode::Login;
    auth.username = name;
    auth.password = password;
    m_connection.open(address.url(), auth);
}

bool Account::restoreSession()
{
    const QString folder = m_folders.lastUsed();
    if (folder.isEmpty() || !QFileInfo::exists(folder) || !openSession(folder))
        return false;
    LocalCache& cache = m_session->cache();
    if (cache.meta(kMetaTokenSaved) != u"1"_s || m_serverUrl.isEmpty()) {
        closeSession();
        return false;
    }
    m_tokens = std::make_unique<TokenStore>(
        m_folder, keychainKey(m_serverUrl, m_username), m_options.useKeychain);
    connect(m_tokens.get(), &TokenStore::loaded, this, &Account::onTokenLoaded);
    m_freshSignIn = false;
    m_tokens->load();
    return true;
}

void Account::onTokenLoaded(const QString& token)
{
    if (token.isEmpty()) {
        setError(tr("Your session ended; please sign in again."));
        return;
    }
    AuthRequest auth;
    auth.mode = AuthRequest::Mode::Resume;
    auth.token = token;
    m_connection.open(QUrl(m_serverUrl), auth);
}

void Account::signOut()
{
    m_connection.logout();
    if (m_tokens)
        m_tokens->forget();
    if (m_session)
        m_session->cache().setMeta(kMetaTokenSaved, u"0"_s);
    m_folders.clearLastUsed();
    closeSession();
    m_userId.clear();
    m_username.clear();
    m_displayName.clear();
    Q_EMIT userChanged();
}

void Account::trustCertificate()
{
    m_connection.trustCertificate();
}

void Account::rejectCertificate()
{
    const QString server = m_connection.certificateQuestion()->server();
    if (server.isEmpty())
        return;
    m_connection.rejectCertificate();
    setError(tr("Not connected: you did not trust the certificate of %1.").arg(server));
}

void Account::onAuthenticated(const WelcomeAnswer& welcome)
{
    if (!m_session)
        return;
    LocalCache& cache = m_session->cache();
    cache.setMeta(kMetaUserId, welcome.user.id);
    cache.setMeta(kMetaUsername, welcome.user.username);
    cache.setMeta(kMetaDisplayName, welcome.user.displayName);
    cache.setMeta(kMetaServerUrl, m_serverUrl);
    m_folders.setLastUsed(m_folder);
    if (m_freshSignIn && m_tokens) {
        // Marked before the (possibly asynchronous) keychain write finishes: the file
        // fallback makes the save itself unable to fail for good.
        m_tokens->save(welcome.token);
        cache.setMeta(kMetaTokenSaved, u"1"_s);
        m_freshSignIn = false;
    }
    m_session->notifications().setOwnUserId(welcome.user.id);
    loadUserFromCache();
    if (!m_lastError.isEmpty()) {
        m_lastError.clear();
        Q_EMIT lastErrorChanged();
    }
}

void Account::onAuthFailed(const ErrorAnswer& error)
{
    if (!m_freshSignIn) {
        // The stored token is gone (logged out elsewhere, expired, revoked).
        if (m_tokens)
            m_tokens->forget();
        if (m_session)
            m_session->cache().setMeta(kMetaTokenSaved, u"0"_s);
        setError(tr("Your session ended; please sign in again."));
        return;
    }
    setError(RoomActions::describe(error));
}

void Account::setError(const QString& message)
{
    m_lastError = message;
    Q_EMIT lastErrorChanged();
    Q_EMIT errorOccurred(message);
}

void Account::updateTotalUnread()
{
    const int total = m_session ? int(UnreadTotals::unread(m_session->rooms().rooms())) : 0;
    if (total == m_totalUnread)
        return;
    m_totalUnread = total;
    Q_EMIT totalUnreadChanged();
}

TimelineModel* Account::timeline(const QString& roomId)
{
    return m_session ? m_session->timeline(roomId) : nullptr;
}

MemberListModel* Account::members(const QString& roomId)
{
    return m_session ? m_session->memberList(roomId) : nullptr;
}

TypingModel* Account::typing(const QString& roomId)
{
    return m_session ? m_session->typing(roomId) : nullptr;
}

void Account::sendMessage(const QString& roomId, const QString& text, qint64 replyToSeq)
{
    if (!m_session || text.trimmed().isEmpty())
        return;
    const QStringList mentions =
        MentionParser::mentionedUserIds(text, m_session->members().members(roomId), m_userId);
    m_session->outbox().enqueue(roomId, text, replyToSeq, mentions);
    m_session->typingNotifier(roomId)->stopped();
}

void Account::editMessage(const QString& roomId, qint64 seq, const QString& text)
{
    m_actions->editMessage(roomId, seq, text);
}

void Account::deleteMessage(const QString& roomId, qint64 seq)
{
    m_actions->deleteMessage(roomId, seq);
}

void Account::react(const QString& roomId, qint64 seq, const QString& emoji, bool on)
{
    m_actions->react(roomId, seq, emoji, on);
}

void Account::retrySend(const QString& clientMid)
{
    if (m_session)
        m_session->outbox().retry(clientMid);
}

void Account::discardSend(const QString& clientMid)
{
    if (m_session)
        m_session->outbox().discard(clientMid);
}

void Account::userTyping(const QString& roomId)
{
    if (m_session)
        m_session->typingNotifier(roomId)->userTyped();
}

void Account::composerCleared(const QString& roomId)
{
    if (m_session)
        m_session->typingNotifier(roomId)->stopped();
}

void Account::createRoom(
    const QString& kind, const QString& name, const QString& topic, const QStringList& userIds)
{
    m_actions->createRoom(kind, name, topic, userIds);
}

void Account::openDirect(const QString& userId)
{
    m_actions->openDirect(userId);
}

void Account::joinRoom(const QString& roomId)
{
    m_actions->joinRoom(roomId);
}

void Account::leaveRoom(const QString& roomId)
{
    m_actions->leaveRoom(roomId);
}

void Account::invite(const QString& roomId, const QString& userId)
{
    m_actions->invite(roomId, userId);
}

void Account::searchUsers(const QString& query)
{
    m_actions->searchUsers(query);
}

void Account::browseDirectory(const QString& query)
{
    m_actions->browseDirectory(query);
}

void Account::setAway(bool away)
{
    m_actions->setAway(away);
}

void Account::windowActiveChanged(bool active)
{
    m_windowActive = active;
    if (!m_session)
        return;
    m_session->readMarkers().setWindowActive(active);
    m_session->notifications().setWindowActive(active);
}

void Account::setActiveRoom(const QString& roomId)
{
    m_activeRoom = roomId;
    if (m_session)
        m_session->notifications().setActiveRoom(roomId);
}

} // namespace palaver::client
