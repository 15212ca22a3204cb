#pragma once
// The outbox table: messages written but not yet acknowledged, in send order. Written
// before anything goes on the wire, so a crash or restart never loses what the user sent.
#include "client/outbox/outboxentry.h"

#include <QList>

namespace palaver::client {

class CacheDatabase;

/// Persistent storage of outbox entries.
class OutboxStore
{
public:
    explicit OutboxStore(CacheDatabase& db)
        : m_db(db)
    { }

    /// Every entry, oldest first.
    QList<OutboxEntry> entries() const;
    /// Stores a new entry and returns it with its position set; position 0 on failure.
    OutboxEntry add(OutboxEntry entry);
    void remove(const QString& clientMid);
    void setFailed(const QString& clientMid, bool failed, const QString& error = {});

private:
    CacheDatabase& m_db;
};

} // namespace palaver::client
