#pragma once
#include "server/net/session.h"
#include "server/storage/outcome.h"

#include <QPointer>

namespace palaver::server {

/// Answers a request with its outcome, if the session is still connected.
template <class T>
void reply(const QPointer<Session>& session, const QJsonValue& id, const Outcome<T>& result)
{
    if (!session)
        return;
    if (result.ok())
        session->answer(id, result.value());
    else
        session->answerError(id, result.error());
}

} // namespace palaver::server
