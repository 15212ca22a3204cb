#include "server/net/connectionlistener.h"

#include <unistd.h>

namespace palaver::server {

void ConnectionListener::incomingConnection(qintptr fd)
{
    if (onAccepted)
        onAccepted(int(fd));
    else
        ::close(int(fd));
}

} // namespace palaver::server
