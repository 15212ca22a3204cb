#pragma once
// What the user typed as a server ("chat.example.org", "host:8765", "ws://host:8765/v1") in
// the one form the connection and the account folder need.
#include <QString>
#include <QUrl>

namespace palaver::client {

/// A server address normalised to ws(s)://HOST:PORT/v1.
class ServerAddress
{
public:
    /// Parses user input; isValid() is false when no host can be read from it.
    static ServerAddress fromUserInput(const QString& input);

    bool isValid() const { return m_url.isValid() && !m_url.host().isEmpty(); }
    /// The WebSocket URL, always with the /v1 path.
    QUrl url() const { return m_url; }
    /// "host_port": the server part of the account folder's name.
    QString folderKey() const;

    static constexpr int kDefaultPort = 8765;

private:
    QUrl m_url;
};

} // namespace palaver::client
