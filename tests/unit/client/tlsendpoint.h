#pragma once
// A stand-in palaver server over wss:// for Connection tests: a QWebSocketServer in secure
// mode on 127.0.0.1 with a test certificate, answering register/login/resume with a welcome.
// It counts connections and credentials received, so a test can prove nothing was sent to a
// server whose certificate was refused.
#include "shared/framecodec.h"
#include "tests/support/testcertificate.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QWebSocket>
#include <QWebSocketServer>
#include <memory>
#include <vector>

class TlsEndpoint
{
public:
    explicit TlsEndpoint(bool secure = true)
        : m_server(QStringLiteral("tls-endpoint"),
              secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode)
    {
        QObject::connect(&m_server, &QWebSocketServer::newConnection, [this] {
            while (QWebSocket* socket = m_server.nextPendingConnection()) {
                ++m_connections;
                m_sockets.emplace_back(socket);
                QObject::connect(socket, &QWebSocket::textMessageReceived,
                    [this, socket](const QString& text) { answer(*socket, text); });
            }
        });
    }

    /// Presents `certificate` to every later connection.
    bool useCertificate(const TestCertificate& certificate)
    {
        QFile keyFile(certificate.keyPath);
        if (!keyFile.open(QIODevice::ReadOnly))
            return false;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(certificate.certificate);
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(tls);
        return true;
    }
    bool listen(quint16 port = 0) { return m_server.listen(QHostAddress::LocalHost, port); }
    /// Drops every client, as a server restart would.
    void dropAll()
    {
        for (auto& socket : m_sockets)
            socket->abort();
        m_sockets.clear();
    }
    QUrl url() const
    {
        return QUrl(
            QStringLiteral("%1://127.0.0.1:%2/v1")
                .arg(m_server.secureMode() == QWebSocketServer::SecureMode ? QStringLiteral("wss")
                                                                           : QStringLiteral("ws"))
                .arg(m_server.serverPort()));
    }
    /// WebSocket connections that completed the upgrade.
    int connections() const { return m_connections; }
    /// register/login/resume frames received: credentials that reached this server.
    int authFrames() const { return m_authFrames; }
    QWebSocketServer& server() { return m_server; }

private:
    void answer(QWebSocket& socket, const QString& text)
    {
        auto decoded = palaver::decodeClientFrame(text.toUtf8());
        auto* frame = std::get_if<palaver::ClientFrame>(&decoded);
        if (!frame)
            return;
        if (std::holds_alternative<palaver::RegisterRequest>(frame->request) ||
            std::holds_alternative<palaver::LoginRequest>(frame->request) ||
            std::holds_alternative<palaver::ResumeRequest>(frame->request)) {
            ++m_authFrames;
            palaver::WelcomeAnswer welcome;
            welcome.user = {QStringLiteral("u1"), QStringLiteral("ada"), QStringLiteral("Ada"),
                std::nullopt, std::nullopt};
            welcome.token = QStringLiteral("token-%1").arg(m_authFrames);
            welcome.serverVersion = QStringLiteral("test");
            socket.sendTextMessage(QString::fromUtf8(palaver::encodeAnswer(welcome, frame->id)));
        } else if (std::holds_alternative<palaver::PingRequest>(frame->request)) {
            socket.sendTextMessage(
                QString::fromUtf8(palaver::encodeAnswer(palaver::PongAnswer {}, frame->id)));
        }
    }

    QWebSocketServer m_server;
    std::vector<std::unique_ptr<QWebSocket>> m_sockets;
    int m_connections = 0;
    int m_authFrames = 0;
};
