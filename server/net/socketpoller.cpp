#include "server/net/socketpoller.h"

#include "server/logging.h"

#include <QSocketNotifier>
#include <cerrno>
#include <cstring>
#include <sys/epoll.h>
#include <unistd.h>

namespace palaver::server {
namespace {
constexpr int kEventsPerWait = 256;

epoll_event eventFor(SocketPoller::Client* client, bool writable)
{
    epoll_event event {};
    event.events = EPOLLIN | EPOLLRDHUP | (writable ? EPOLLOUT : 0u);
    event.data.ptr = client;
    return event;
}
} // namespace

SocketPoller::SocketPoller(QObject* parent)
    : QObject(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0) {
        qCCritical(lcServer) << "epoll_create1 failed:" << strerror(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SocketPoller::dispatch);
}

SocketPoller::~SocketPoller()
{
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool SocketPoller::add(int fd, Client* client)
{
    epoll_event event = eventFor(client, false);
    return m_epoll >= 0 && epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) == 0;
}

void SocketPoller::setWriteInterest(int fd, Client* client, bool enabled)
{
    epoll_event event = eventFor(client, enabled);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void SocketPoller::remove(int fd)
{
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void SocketPoller::dispatch()
{
    // Level-triggered: what a client leaves unread is reported again on the next pass, so
    // one busy peer cannot starve the others.
    epoll_event events[kEventsPerWait];
    const int ready = epoll_wait(m_epoll, events, kEventsPerWait, 0);
    for (int i = 0; i < ready; ++i) {
        // Clients are deleted only by deleteLater(), never while this loop runs, and a client
        // that closed its socket in this pass ignores the events still listed for it.
        auto* client = static_cast<Client*>(events[i].data.ptr);
        if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
            client->onReadable();
        if (events[i].events & EPOLLOUT)
            client->onWritable();
    }
}

} // namespace palaver::server
