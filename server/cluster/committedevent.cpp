#include "server/cluster/committedevent.h"

#include "server/core/wireid.h"
#include "shared/framecodec.h"

namespace palaver::server {

CommittedEvent CommittedEvent::from(const Event& event)
{
    CommittedEvent c;
    c.roomId = fromWireId(event.room).value_or(0);
    c.seq = event.seq;
    c.senderId = fromWireId(event.sender).value_or(0);
    c.kind = event.kind;
    c.userId = fromWireId(event.user).value_or(0);
    for (const QString& user : event.mentions)
        c.mentions.append(fromWireId(user).value_or(0));
    c.push = encodePush(EventPush {event});
    return c;
}

} // namespace palaver::server
