// The storage layer on a real SQLite file, or with PALAVER_TEST_DATABASE=postgresql on a fresh
// PostgreSQL database (tst_store_pg): migrations, gapless seq under concurrent writers,
// idempotency, group commit, and a failing batch that acknowledges nothing.
#include "server/storage/database.h"
#include "server/storage/postgresstorefactory.h"
#include "server/storage/sqlitestorefactory.h"
#include "server/storage/sqlstore.h"
#include "server/storage/storeerror.h"
#include "tests/support/postgresdatabase.h"
#include "tests/support/serverprocess.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace palaver;
using namespace palaver::server;
using namespace Qt::StringLiterals;

namespace {
// Holds the writer inside a job until release(), so the writes queued meanwhile go into one
// batch. The constructor returns once the writer is in that job: else it may take some of the later
// jobs into the first batch, which commits (seen under ASan on a busy machine).
class WriterHold
{
public:
    explicit WriterHold(Database& db)
    {
        m_gate.lock();
        db.write<Done>(
            [this](Store&) -> Outcome<Done> {
                m_holding.release();
                m_gate.lock();
                m_gate.unlock();
                return Done {};
            },
            [](Outcome<Done>) {});
        m_holding.acquire();
    }
    void release() { m_gate.unlock(); }

private:
    QMutex m_gate;
    QSemaphore m_holding;
};
} // namespace

class tst_Store : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void migratesEmptyFileOnce();
    void seqIsGaplessUnderConcurrentWriters();
    void clientMidIsUniquePerRoomAndSender();
    void refusedJobLeavesBatchIntact();
    void failedBatchRollsBackAndAcksNothing();
    void abortedBatchRunsAgainWhole();
    void readsDoNotWaitForWriteBatch();
    void historyPagesBothWays();
    void readMarkerOnlyMovesForwardAndClamps();

private:
    struct Fixture
    {
        qint64 user = 0;
        qint64 other = 0;
        qint64 room = 0;
    };
    Fixture seed(Store& store);
    /// Starts the database (migrating it) and seeds it through a connection of its own.
    Fixture startSeeded(Database& db);
    Event message(const QString& mid) const;
    /// A factory for this test's database (SQLite file or PostgreSQL database).
    std::unique_ptr<StoreFactory> makeFactory() const;
    bool onPostgres() const { return m_postgres != nullptr; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PostgresDatabase> m_postgres;
    QString m_path;
};

void tst_Store::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(u"palaver.db"_s);
    if (ServerProcess::postgresMode()) {
        m_postgres = std::make_unique<PostgresDatabase>();
        QVERIFY2(m_postgres->ok(), qPrintable(m_postgres->error()));
    }
}

void tst_Store::cleanup()
{
    m_postgres.reset();
    m_dir.reset();
}

std::unique_ptr<StoreFactory> tst_Store::makeFactory() const
{
    if (m_postgres)
        return std::make_unique<PostgresStoreFactory>(*PostgresUrl::parse(m_postgres->url()));
    return std::make_unique<SqliteStoreFactory>(m_path);
}

tst_Store::Fixture tst_Store::seed(Store& store)
{
    Fixture f;
    f.user = *store.users().createUser(u"ada"_s, u"Ada"_s, u"hash"_s, 1);
    f.other = *store.users().createUser(u"bob"_s, u"Bob"_s, u"hash"_s, 1);
    f.room = store.rooms().createRoom(RoomKind::Group, u"r"_s, QString(), 1);
    store.rooms().addMember(f.room, f.user, Role::Owner);
    store.rooms().addMember(f.room, f.other, Role::Member);
    return f;
}

tst_Store::Fixture tst_Store::startSeeded(Database& db)
{
    db.start();
    auto store = db.factory().open(u"seed"_s, false);
    return seed(*store);
}

Event tst_Store::message(const QString& mid) const
{
    Event e;
    e.kind = EventKind::Message;
    e.text = u"hello"_s;
    e.clientMid = mid;
    e.ts = 1;
    return e;
}

void tst_Store::migratesEmptyFileOnce()
{
    const auto made = makeFactory();
    StoreFactory& factory = *made;
    factory.migrate();
    factory.migrate(); // a second run applies nothing and fails nothing
    auto store = factory.open(u"check"_s, true);
    auto& sql = static_cast<SqlStore&>(*store).connection();
    QCOMPARE(sql.scalar(u"SELECT COUNT(*) FROM schema_version"_s)->toInt(), 5);
    QCOMPARE(sql.scalar(u"SELECT MAX(version) FROM schema_version"_s)->toInt(), 5);
    const QString tableQuery = onPostgres()
        ? u"SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = ?"_s
        : u"SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"_s;
    if (!onPostgres())
        QCOMPARE(sql.scalar(u"PRAGMA journal_mode"_s)->toString(), u"wal"_s);
    for (const QString& table :
        {u"users"_s, u"sessions"_s, u"rooms"_s, u"members"_s, u"events"_s, u"event_mentions"_s,
            u"audit"_s, u"account_changes"_s, u"files"_s, u"file_refs"_s, u"message_text"_s})
        QVERIFY2(sql.scalar(tableQuery, {table}), qPrintable(table));
    QVERIFY(sql.scalar(onPostgres()
            ? u"SELECT 1 FROM pg_indexes WHERE indexname = 'events_client_mid'"_s
            : u"SELECT 1 FROM sqlite_master WHERE name='events_client_mid'"_s));
    // A database from a newer server is refused, not half-understood.
    store.reset();
    {
        auto writer = factory.open(u"future"_s, false);
        static_cast<SqlStore&>(*writer).connection().run(
            u"INSERT INTO schema_version (version) VALUES (99)"_s);
    }
    QVERIFY_THROWS_EXCEPTION(StoreError, factory.migrate());
}

void tst_Store::seqIsGaplessUnderConcurrentWriters()
{
    QObject context;
    Database db(makeFactory(), &context);
    const Fixture f = startSeeded(db);
    // Four threads submit 250 appends each, all at once.
    constexpr int kThreads = 4;
    constexpr int kPerThread = 250;
    QList<qint64> seqs;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                const QString mid = u"t%1-%2"_s.arg(t).arg(i);
                db.write<qint64>(
                    [this, f, mid](Store& s) -> Outcome<qint64> {
                        Event e = message(mid);
                        return s.events().append(e, f.room, f.user);
                    },
                    [&seqs](Outcome<qint64> r) { seqs.append(r.ok() ? r.value() : -1); });
            }
        }));
        threads.back()->start();
    }
    for (auto& t : threads)
        t->wait();
    QTRY_COMPARE_WITH_TIMEOUT(seqs.size(), kThreads * kPerThread, 30000);
    // Acks arrive in commit order, which is seq order.
    for (int i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs[i], qint64(i + 1));
    // Group commit: far fewer commits (fsyncs) than writes.
    QVERIFY2(db.writer().batchesCommitted() < quint64(seqs.size()) / 2,
        qPrintable(
            u"%1 batches for %2 writes"_s.arg(db.writer().batchesCommitted()).arg(seqs.size())));
    auto store = db.factory().open(u"check"_s, true);
    QCOMPARE(store->rooms().room(f.room)->lastSeq, qint64(kThreads * kPerThread));
}

void tst_Store::clientMidIsUniquePerRoomAndSender()
{
    const auto made = makeFactory();
    StoreFactory& factory = *made;
    factory.migrate();
    auto store = factory.open(u"w"_s, false);
    const Fixture f = seed(*store);
    Event first = message(u"m1"_s);
    QCOMPARE(store->events().append(first, f.room, f.user), 1);
    QVERIFY(store->events().findByClientMid(f.room, f.user, u"m1"_s));
    QCOMPARE(store->events().findByClientMid(f.room, f.user, u"m1"_s)->seq, 1);
    QVERIFY(!store->events().findByClientMid(f.room, f.other, u"m1"_s)); // per sender
    Event otherSender = message(u"m1"_s);
    QCOMPARE(store->events().append(otherSender, f.room, f.other), 2);
    // The database itself refuses a second row for the same (room, sender, client_mid), as a
    // conflict (the writer runs such a job again; it then finds the first row).
    store->begin();
    store->savepoint();
    Event again = message(u"m1"_s);
    QVERIFY_THROWS_EXCEPTION(StoreConflict, store->events().append(again, f.room, f.user));
    store->rollbackToSavepoint();
    store->commit();
    QCOMPARE(store->rooms().room(f.room)->lastSeq, 2); // the failed append gave its seq back
}

void tst_Store::refusedJobLeavesBatchIntact()
{
    QObject context;
    Database db(makeFactory(), &context);
    const Fixture f = startSeeded(db);
    QList<QString> results;
    auto append = [&](const QString& mid, bool refuse) {
        db.write<qint64>(
            [this, f, mid, refuse](Store& s) -> Outcome<qint64> {
                Event e = message(mid);
                const qint64 seq = s.events().append(e, f.room, f.user);
                if (refuse) // a rule violated after writing: its savepoint must undo the write
                    return Outcome<qint64>::fail(ErrorCode::Forbidden, u"no"_s);
                return seq;
            },
            [&results, mid](Outcome<qint64> r) {
                results.append(
                    mid + u'=' + (r.ok() ? QString::number(r.value()) : toString(r.error().code)));
            });
    };
    append(u"a"_s, false);
    append(u"b"_s, true);
    append(u"c"_s, false);
    QTRY_COMPARE(results.size(), 3);
    QCOMPARE(results, (QList<QString> {u"a=1"_s, u"b=forbidden"_s, u"c=2"_s}));
}

void tst_Store::failedBatchRollsBackAndAcksNothing()
{
    QObject context;
    Database db(makeFactory(), &context);
    const Fixture f = startSeeded(db);
    // A job that defers a foreign-key violation to COMMIT makes the whole batch fail there,
    // after every job in it ran: the case group commit must get right.
    QList<QString> results;
    WriterHold hold(db); // the jobs below queue up into one batch
    for (int i = 0; i < 5; ++i) {
        db.write<qint64>(
            [this, f, i](Store& s) -> Outcome<qint64> {
                Event e = message(u"x%1"_s.arg(i));
                return s.events().append(e, f.room, f.user);
            },
            [&results](Outcome<qint64> r) {
                results.append(r.ok() ? u"ack"_s : toString(r.error().code));
            });
    }
    db.write<Done>(
        [](Store& s) -> Outcome<Done> {
            auto& sql = static_cast<SqlStore&>(s).connection();
            if (sql.dialect().engine() == SqlDialect::Engine::Postgres) {
                // PostgreSQL defers only constraints declared deferrable: a table of its own
                // (gone again with the failed commit).
                sql.exec(u"CREATE TABLE doomed (room BIGINT REFERENCES rooms(id) "
                         "DEFERRABLE INITIALLY DEFERRED)"_s);
                sql.exec(u"INSERT INTO doomed VALUES (999999)"_s);
            } else {
                sql.exec(u"PRAGMA defer_foreign_keys = ON"_s);
                sql.exec(
                    u"INSERT INTO members (room_id, user_id, role) VALUES (999999, 999999, 0)"_s);
            }
            return Done {};
        },
        [&results](
            Outcome<Done> r) { results.append(r.ok() ? u"ack"_s : toString(r.error().code)); });
    hold.release();
    QTRY_COMPARE(results.size(), 6);
    QCOMPARE(results, QList<QString>(6, u"internal"_s));
    auto store = db.factory().open(u"check"_s, true);
    QCOMPARE(store->rooms().room(f.room)->lastSeq, 0);
    QVERIFY(store->events().history(f.room, std::nullopt, std::nullopt, 10).isEmpty());

    // The writer recovers: the next batch commits.
    std::optional<qint64> seq;
    db.write<qint64>(
        [this, f](Store& s) -> Outcome<qint64> {
            Event e = message(u"after"_s);
            return s.events().append(e, f.room, f.user);
        },
        [&seq](Outcome<qint64> r) { seq = r.ok() ? r.value() : -1; });
    QTRY_VERIFY(seq.has_value());
    QCOMPARE(*seq, 1);
}

void tst_Store::abortedBatchRunsAgainWhole()
{
    QObject context;
    Database db(makeFactory(), &context);
    const Fixture f = startSeeded(db);
    // A deadlock (PostgreSQL aborts the whole transaction) in the second job of a batch: the
    // writer runs the whole batch again, so the first job's append, rolled back with it, is
    // made once more and both are acknowledged.
    QList<QString> results;
    WriterHold hold(db);
    db.write<qint64>(
        [this, f](Store& s) -> Outcome<qint64> {
            Event e = message(u"first"_s);
            return s.events().append(e, f.room, f.user);
        },
        [&results](Outcome<qint64> r) {
            results.append(r.ok() ? QString::number(r.value()) : toString(r.error().code));
        });
    int runs = 0;
    db.write<qint64>(
        [this, f, &runs](Store& s) -> Outcome<qint64> {
            if (++runs == 1)
                throw StoreTransactionAborted(u"deadlock detected (simulated)"_s);
            Event e = message(u"second"_s);
            return s.events().append(e, f.room, f.user);
        },
        [&results](Outcome<qint64> r) {
            results.append(r.ok() ? QString::number(r.value()) : toString(r.error().code));
        });
    hold.release();
    QTRY_COMPARE(results.size(), 2);
    QCOMPARE(results, (QList<QString> {u"1"_s, u"2"_s})); // gapless: the abort gave seqs back
    QCOMPARE(runs, 2);
    auto store = db.factory().open(u"check"_s, true);
    QCOMPARE(store->rooms().room(f.room)->lastSeq, 2);
}

void tst_Store::readsDoNotWaitForWriteBatch()
{
    QObject context;
    Database db(makeFactory(), &context);
    db.start();
    Fixture f;
    {
        auto store = db.factory().open(u"seed"_s, false);
        f = seed(*store);
        Event e = message(u"m"_s);
        store->events().append(e, f.room, f.user);
    }
    QMutex gate;
    gate.lock();
    std::atomic<bool> writerInside = false;
    bool writeDone = false;
    db.write<Done>(
        [&](Store& s) -> Outcome<Done> {
            Event e = message(u"slow"_s);
            s.events().append(e, f.room, f.user);
            writerInside = true;
            gate.lock(); // an open write transaction holding SQLite's write lock
            gate.unlock();
            return Done {};
        },
        [&](Outcome<Done>) { writeDone = true; });
    QTRY_VERIFY(writerInside.load());
    std::optional<int> seen;
    db.read<int>(
        [f](Store& s) -> Outcome<int> {
            return int(s.events().history(f.room, std::nullopt, std::nullopt, 10).size());
        },
        [&seen](Outcome<int> r) { seen = r.ok() ? r.value() : -1; });
    QTRY_VERIFY_WITH_TIMEOUT(seen.has_value(), 3000); // answered while the writer is blocked
    QCOMPARE(*seen, 1); // the uncommitted write is invisible
    QVERIFY(!writeDone);
    gate.unlock();
    QTRY_VERIFY(writeDone);
}

void tst_Store::historyPagesBothWays()
{
    const auto made = makeFactory();
    StoreFactory& factory = *made;
    factory.migrate();
    auto store = factory.open(u"w"_s, false);
    const Fixture f = seed(*store);
    for (int i = 1; i <= 10; ++i) {
        Event e = message(u"m%1"_s.arg(i));
        store->events().append(e, f.room, f.user);
    }
    auto seqsOf = [](const QList<Event>& events) {
        QList<qint64> s;
        for (const Event& e : events)
            s.append(e.seq);
        return s;
    };
    auto& events = store->events();
    QCOMPARE(
        seqsOf(events.history(f.room, std::nullopt, std::nullopt, 3)), (QList<qint64> {8, 9, 10}));
    QCOMPARE(seqsOf(events.history(f.room, 8, std::nullopt, 3)), (QList<qint64> {5, 6, 7}));
    QCOMPARE(seqsOf(events.history(f.room, 3, std::nullopt, 3)), (QList<qint64> {1, 2}));
    QCOMPARE(seqsOf(events.history(f.room, std::nullopt, 0, 3)), (QList<qint64> {1, 2, 3}));
    QCOMPARE(seqsOf(events.history(f.room, std::nullopt, 8, 3)), (QList<qint64> {9, 10}));
}

void tst_Store::readMarkerOnlyMovesForwardAndClamps()
{
    const auto made = makeFactory();
    StoreFactory& factory = *made;
    factory.migrate();
    auto store = factory.open(u"w"_s, false);
    const Fixture f = seed(*store);
    for (int i = 1; i <= 5; ++i) {
        Event e = message(u"m%1"_s.arg(i));
        store->events().append(e, f.room, f.other);
    }
    auto& rooms = store->rooms();
    QCOMPARE(rooms.roomFor(f.room, f.user)->self->unread, 5);
    QCOMPARE(rooms.advanceReadMarker(f.room, f.user, 3).lastReadSeq, 3);
    QCOMPARE(rooms.roomFor(f.room, f.user)->self->unread, 2);
    QCOMPARE(rooms.advanceReadMarker(f.room, f.user, 1).lastReadSeq, 3); // never backwards
    QCOMPARE(rooms.advanceReadMarker(f.room, f.user, 99).lastReadSeq, 5); // clamped to last_seq
    QCOMPARE(rooms.roomFor(f.room, f.user)->self->unread, 0);
}

QTEST_GUILESS_MAIN(tst_Store)
#include "tst_store.moc"
