#pragma once
// One WebSocket per account: authenticates, matches answers to requests, hands pushes on,
// notices dead links and reconnects with backoff. Over wss:// it trusts the system's CAs and,
// for a certificate they do not vouch for, asks once and then accepts exactly that one.
#include "client/net/certificatepins.h"
#include "client/net/certificatequestion.h"
#include "client/net/reconnectpolicy.h"
#include "client/net/requesttracker.h"
#include "shared/framecodec.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace palaver::client {

class NetworkWatcher;

/// The first frame a connection sends: how it proves who it is.
struct AuthRequest
{
    enum class Mode { Register, Login, Resume };
    Mode mode = Mode::Resume;
    QString username;
    QString password; ///< register/login only; dropped as soon as a token is known
    QString displayName;
    QString token; ///< resume only
};

/// The account's link to its server.
class Connection : public QObject
{
    Q_OBJECT
public:
    /// The states of CLIENT-API.md's connectionState. AwaitingTrust: the server's certificate
    /// needs the user's decision (certificateQuestion()); nothing reconnects until then.
    enum class State { SignedOut, Connecting, Authenticating, Online, Reconnecting, AwaitingTrust };
    Q_ENUM(State)
    using Handler = RequestTracker::Handler;

    explicit Connection(QObject* parent = nullptr);
    ~Connection() override;

    /// Connects to `url` and authenticates with `auth`; reconnects (resuming) until close().
    void open(const QUrl& url, const AuthRequest& auth);
    /// Sends `logout` when online (revoking the token), then closes for good.
    void logout();
    /// Closes without logging out and stops reconnecting.
    void close();

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    /// Seconds until the next attempt while Reconnecting, else 0.
    int retryInSeconds() const { return m_retryInSeconds; }
    /// The session token once a welcome arrived.
    QString token() const { return m_auth.token; }
    /// The limits the server announced in its last welcome.
    ServerLimits limits() const { return m_limits; }

    /// Sends a request when online; `handler` gets its answer (unless `context` died). Returns
    /// false, sending nothing, when not online.
    template <class Frame>
    bool request(const Frame& frame, QObject* context = nullptr, Handler handler = {})
    {
        if (m_state != State::Online)
            return false;
        sendText(encodeRequest(frame, QJsonValue(m_tracker.add(context, std::move(handler)))));
        return true;
    }

    /// Interval of the application-level ping; a pong later than `timeoutMs` drops the link.
    void setPingInterval(int intervalMs, int timeoutMs);
    /// Replaces the backoff's random source (tests).
    void setReconnectPolicy(const ReconnectPolicy& policy) { m_policy = policy; }

    /// The certificates the user trusted (in memory until given a storage file).
    CertificatePins& certificatePins() { return m_pins; }
    /// The pending certificate decision while AwaitingTrust (problem None otherwise).
    CertificateQuestion* certificateQuestion() { return &m_question; }
    /// The user trusts the certificate in question: pins it for this server and connects
    /// again at once. False (nothing changes) when no question is pending.
    bool trustCertificate();
    /// The user does not trust it: forgets the question and closes for good.
    void rejectCertificate();

Q_SIGNALS:
    void stateChanged(palaver::client::Connection::State state);
    void retryInSecondsChanged(int seconds);
    /// After every successful register/login/resume.
    void authenticated(const palaver::WelcomeAnswer& welcome);
    /// The server refused the credentials or token; the connection is closed for good.
    void authFailed(const palaver::ErrorAnswer& error);
    /// A frame the server sent on its own (no `re`).
    void pushReceived(const palaver::ServerMessage& push);
    /// The link broke with `closeCode` (1006 when it just died); a reconnect follows unless
    /// the code forbids it.
    void connectionLost(int closeCode, const QString& reason);
    /// The server's certificate is invalid in a way no trust overrides (expired, revoked…);
    /// the connection is closed for good.
    void certificateRefused(const QString& message);
    /// trustCertificate() could not write the pin file: it holds for this run only.
    void certificatePinNotSaved(const QString& file);

private:
    void setState(State state);
    void connectNow();
    void sendAuth();
    void sendText(const QByteArray& utf8);
    void onTextMessage(const QString& text);
    void onWelcome(const WelcomeAnswer& welcome);
    void onDisconnected();
    void onSslErrors(const QList<QSslError>& errors);
    bool peerMatchesPin();
    void scheduleReconnect(std::chrono::milliseconds delay);
    void sendPing();
    void stopTimers();

    QWebSocket m_socket;
    NetworkWatcher* m_network = nullptr;
    CertificatePins m_pins;
    CertificateQuestion m_question;
    QList<QSslError> m_ignoredSslErrors; ///< what this attempt's handshake may report
    QString m_certificateRefusal; ///< set when this attempt's certificate was refused
    RequestTracker m_tracker;
    ReconnectPolicy m_policy;
    AuthRequest m_auth;
    ServerLimits m_limits;
    QUrl m_url;
    State m_state = State::SignedOut;
    bool m_authRejected = false;
    int m_retryInSeconds = 0;
    QTimer m_reconnectTimer;
    QTimer m_countdownTimer;
    QTimer m_connectTimeout;
    QTimer m_pingTimer;
    QTimer m_pongTimeout;
};

} // namespace palaver::client
