#pragma once
// Readiness of every client socket through one epoll instance, seen by Qt as a single socket
// notifier. Qt's UNIX dispatcher rebuilds and poll()s an array of every notifier on each pass
// of the event loop: with 1,000 connections the profile showed the kernel's sock_poll and
// tcp_poll at 10-20 % of the server's CPU, and with QTcpSocket each connection also held a
// 16 KiB read buffer once it had read anything. Here a pass costs what the active sockets
// cost, and an idle connection holds no buffer at all. Linux only (epoll).
#include <QObject>

class QSocketNotifier;

namespace palaver::server {

class SocketPoller final : public QObject
{
    Q_OBJECT
public:
    /// What a socket is told: readable (or closed by the peer) and/or writable.
    class Client
    {
    public:
        virtual void onReadable() = 0;
        virtual void onWritable() = 0;

    protected:
        ~Client() = default;
    };

    explicit SocketPoller(QObject* parent = nullptr);
    ~SocketPoller() override;

    /// Watches `fd` for reading; the client must stay alive until remove().
    bool add(int fd, Client* client);
    /// Also (or no longer) watches `fd` for writing: while the kernel's send buffer is full.
    void setWriteInterest(int fd, Client* client, bool enabled);
    void remove(int fd);

private:
    void dispatch();

    int m_epoll = -1;
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace palaver::server
