#include "server/core/accountwatcher.h"

#include "server/core/fanout.h"
#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/wireid.h"
#include "server/logging.h"
#include "server/storage/database.h"
#include "shared/framecodec.h"
#include "shared/frames/roomframes.h"

namespace palaver::server {
namespace {
constexpr int kBatch = 100;
} // namespace

AccountWatcher::AccountWatcher(Database& db, const SessionRegistry& sessions, RoomRoster& roster,
    const Fanout& fanout, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_sessions(sessions)
    , m_roster(roster)
    , m_fanout(fanout)
{
    connect(&m_timer, &QTimer::timeout, this, &AccountWatcher::poll);
}

void AccountWatcher::start(qint64 lastSeenId, int intervalMs)
{
    m_floor = lastSeenId;
    m_timer.start(intervalMs);
}

void AccountWatcher::poll()
{
    if (m_polling)
        return;
    m_polling = true;
    // One indexed range read of an almost always empty result: cheap enough every 500 ms.
    m_db.read<QList<AccountChange>>(
        [after = m_floor](Store& store) -> Outcome<QList<AccountChange>> {
            return store.admin().accountChangesAfter(after, kBatch);
        },
        [this](Outcome<QList<AccountChange>> result) {
            m_polling = false;
            if (!result.ok())
                return; // the next tick tries again
            for (const AccountChange& change : result.value()) {
                if (m_appliedAboveFloor.contains(change.id))
                    continue;
                m_appliedAboveFloor.insert(change.id);
                apply(change);
            }
            advanceFloor();
        });
}

void AccountWatcher::advanceFloor()
{
    constexpr qint64 kGapGiveUpMs = 10'000;
    while (m_appliedAboveFloor.remove(m_floor + 1))
        ++m_floor;
    if (m_appliedAboveFloor.isEmpty()) {
        m_gapSince.invalidate();
        return;
    }
    if (!m_gapSince.isValid()) {
        m_gapSince.start();
    } else if (m_gapSince.elapsed() > kGapGiveUpMs) {
        // Nothing will fill it now: an insert that rolled back took those ids.
        m_floor = *std::min_element(m_appliedAboveFloor.cbegin(), m_appliedAboveFloor.cend()) - 1;
        m_gapSince.invalidate();
        advanceFloor();
    }
}

void AccountWatcher::apply(const AccountChange& change)
{
    switch (change.kind) {
    case AccountChange::Kind::Disabled:
        qCInfo(lcServer) << "user" << change.userId << "was disabled: closed"
                         << m_sessions.closeUser(change.userId, CloseCode::AccountDisabled,
                                QStringLiteral("account disabled"))
                         << "sessions";
        break;
    case AccountChange::Kind::PasswordReset:
        qCInfo(lcServer) << "user" << change.userId << "had its password reset: closed"
                         << m_sessions.closeUser(change.userId, CloseCode::AuthRequired,
                                QStringLiteral("session revoked"))
                         << "sessions";
        break;
    case AccountChange::Kind::RoomDeleted: {
        const QList<qint64> members = m_roster.membersOf(change.roomId).keys();
        m_roster.dropRoom(change.roomId);
        const QByteArray push = encodePush(RoomRemovedPush {toWireId(change.roomId)});
        for (const qint64 userId : members)
            m_fanout.toUser(userId, push);
        qCInfo(lcServer) << "room" << change.roomId << "was deleted:" << members.size()
                         << "members told";
        break;
    }
    case AccountChange::Kind::Unknown:
        break;
    }
}

} // namespace palaver::server
