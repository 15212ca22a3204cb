#include "catchupscenario.h"

#include "shared/jsonkeys.h"

#include <QJsonArray>

using namespace palaver;
using namespace Qt::StringLiterals;

CatchUpScenario::CatchUpScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"catch-up"_s, options, parent)
    , m_events(int(options.integer(u"events", 1000)))
    , m_repeats(int(options.integer(u"repeats", 50)))
    , m_inFlight(int(std::max<qint64>(1, options.integer(u"in-flight", 64))))
    , m_accounts(m_endpoint, this)
{
    m_ledger.resize(1);
}

QJsonObject CatchUpScenario::params() const
{
    return {{u"events"_s, m_events}, {u"repeats"_s, m_repeats}, {u"writer_in_flight"_s, m_inFlight},
        {u"history_page"_s, 200}};
}

void CatchUpScenario::start()
{
    // User 0 reads, user 1 writes and owns the room.
    m_accounts.registerUsers(
        userPrefix(), 2, 2,
        [this](int index, BenchClient* client, const BenchUser& user) {
            client->onClosed = [this](
                                   int code) { fail(u"setup connection closed: %1"_s.arg(code)); };
            if (index == 1) {
                m_writer = client;
                return;
            }
            m_reader = client;
            m_readerId = user.id;
            m_token = user.token;
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            m_accounts.createRooms({{m_writer, {m_readerId}, u"catch-up"_s}}, 1,
                [this](const QStringList& rooms, const QString& error) {
                    if (!error.isEmpty())
                        return fail(error);
                    m_room = rooms.first();
                    m_report.connections = 2;
                    barrier(u"start"_s, [this] {
                        m_report.markStart(BenchReport::nowNs());
                        nextRound();
                    });
                });
        });
}

void CatchUpScenario::nextRound()
{
    if (m_round++ == m_repeats) {
        m_report.markEnd(BenchReport::nowNs());
        m_report.deliveriesReceived = m_ledger.received();
        m_report.duplicates = m_ledger.duplicates();
        return barrier(u"end"_s, [this] { report(); });
    }
    // A dropped connection, as a laptop lid closing: no close frame, no logout.
    m_reader->abort();
    m_reader->deleteLater();
    m_reader = nullptr;
    m_queued = 0;
    m_roundAcked = 0;
    for (int i = 0; i < m_inFlight; ++i)
        sendNext();
}

void CatchUpScenario::sendNext()
{
    if (m_queued >= m_events || m_reported)
        return;
    ++m_queued;
    ++m_report.sent;
    m_writer->request({{keys::type, u"send"_s}, {keys::room, m_room},
                          {keys::clientMid, u"%1-%2"_s.arg(m_round).arg(m_queued)},
                          {keys::text, u"catch-up benchmark message"_s}},
        [this](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            ++m_report.acked;
            m_lastSeq = std::max(m_lastSeq, qint64(ack.value(keys::seq).toDouble()));
            if (++m_roundAcked == m_events)
                return reconnect();
            sendNext();
        });
}

void CatchUpScenario::reconnect()
{
    m_report.deliveriesExpected += m_lastSeq - m_cursor;
    m_roundGot = 0;
    m_roundHighest = m_cursor;
    m_pages = 0;
    m_reader = m_endpoint.connect(this, [this](BenchClient* client) {
        client->request({{keys::type, u"resume"_s}, {keys::protocol, 1}, {keys::token, m_token}},
            [this, client](const QJsonObject& welcome) {
                if (welcome.value(keys::type).toString() != u"welcome"_s)
                    return fail(u"resume refused: "_s + welcome.value(keys::code).toString());
                // The clock starts at sync: resume is measured by storm, not here.
                m_syncSentNs = BenchReport::nowNs();
                client->request(
                    {{keys::type, u"sync"_s}, {keys::cursors, QJsonObject {{m_room, m_cursor}}}},
                    [this](const QJsonObject& answer) { onPage(answer); });
            });
    });
    m_reader->onClosed = [this](int code) {
        ++m_report.refused;
        fail(u"reader closed with %1 while catching up"_s.arg(code));
    };
}

void CatchUpScenario::onPage(const QJsonObject& answer)
{
    const QString type = answer.value(keys::type).toString();
    if (type != u"synced"_s && type != u"history"_s)
        return fail(type + u": "_s + answer.value(keys::message).toString());
    if (++m_pages == 1)
        m_report.latencies[u"sync_answer_ms"_s].add((BenchReport::nowNs() - m_syncSentNs) / 1000);
    const qint64 before = m_roundHighest;
    for (const QJsonValue& v : answer.value(keys::events).toArray()) {
        const QJsonObject event = v.toObject();
        const qint64 seq = qint64(event.value(keys::seq).toDouble());
        if (event.value(keys::room).toString() != m_room || seq <= m_cursor)
            continue;
        m_roundHighest = std::max(m_roundHighest, seq);
        if (m_ledger.record(0, m_room, seq))
            ++m_roundGot;
    }
    const QJsonValue more = answer.value(keys::hasMore);
    const bool hasMore = more.isObject() ? more.toObject().value(m_room).toBool() : more.toBool();
    if (hasMore && m_roundHighest > before) { // a page that brought nothing new would loop
        m_reader->request({{keys::type, u"history"_s}, {keys::room, m_room},
                              {keys::after, m_roundHighest}, {keys::limit, 200}},
            [this](const QJsonObject& page) { onPage(page); });
        return;
    }
    roundDone(m_roundGot == m_lastSeq - m_cursor);
}

void CatchUpScenario::roundDone(bool complete)
{
    if (complete)
        m_report.latencies[u"catch_up_ms"_s].add((BenchReport::nowNs() - m_syncSentNs) / 1000);
    m_report.sums[u"pages"_s] += m_pages;
    m_cursor = m_lastSeq;
    m_reader->onClosed = nullptr;
    nextRound();
}

bool CatchUpScenario::addFigures(QJsonObject& json, const BenchReport& merged)
{
    json.insert(u"pages_per_catch_up"_s,
        m_repeats > 0 ? merged.sums.value(u"pages"_s) / double(m_repeats) : 0.0);
    json.insert(u"target"_s, QJsonObject {{u"catch_up_p99_ms"_s, 50}});
    return true;
}
