// The search index under the store's own write paths, on a real SQLite file or
// (tst_searchstore_pg) a fresh PostgreSQL database: it follows appends, edits and deletes at
// their commit (also those in the transaction that stored the message), a rolled-back write
// leaves no trace in it, and deleting a room empties it (FTS5's own integrity check agrees).
#include "server/storage/postgresstorefactory.h"
#include "server/storage/searchquery.h"
#include "server/storage/sqlitestorefactory.h"
#include "server/storage/sqlstore.h"
#include "tests/support/postgresdatabase.h"
#include "tests/support/serverprocess.h"

#include <QTemporaryDir>
#include <QTest>

using namespace palaver;
using namespace palaver::server;
using namespace Qt::StringLiterals;

class tst_SearchStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void followsWrites();
    void rollbackLeavesNoTrace();
    void sameTransactionEditsAndDeletes();
    void roomDeleteEmptiesIndex();

private:
    // One write transaction, as the WriteBatcher runs them: the index takes new messages at
    // its commit.
    template <class F> auto inTransaction(F&& write)
    {
        m_store->begin();
        if constexpr (std::is_void_v<decltype(write())>) {
            write();
            m_store->commit();
        } else {
            auto result = write();
            m_store->commit();
            return result;
        }
    }
    qint64 sendNow(const QString& text)
    {
        return inTransaction([&] { return send(text); });
    }
    qint64 send(const QString& text)
    {
        Event e;
        e.kind = EventKind::Message;
        e.text = text;
        e.clientMid = u"m%1"_s.arg(++m_mids);
        e.ts = m_mids;
        return m_store->events().append(e, m_room, m_user);
    }
    void edit(qint64 target, const QString& text)
    {
        Event e;
        e.kind = EventKind::Edit;
        e.target = target;
        e.text = text;
        e.ts = ++m_mids;
        m_store->events().append(e, m_room, m_user);
    }
    QStringList find(const QString& query, std::optional<qint64> room = std::nullopt)
    {
        QStringList texts;
        for (const Event& e : m_store->search().search(m_user, SearchQuery(query), room, 50))
            texts.append(e.text);
        return texts;
    }
    qint64 indexed()
    {
        auto& sql = static_cast<SqlStore&>(*m_store).connection();
        return sql.scalar(u"SELECT COUNT(*) FROM message_text"_s)->toLongLong();
    }
    void checkFtsIntegrity()
    {
        auto& sql = static_cast<SqlStore&>(*m_store).connection();
        if (sql.dialect().engine() == SqlDialect::Engine::Sqlite) // throws when inconsistent
            sql.exec(u"INSERT INTO message_search (message_search, rank) "
                     "VALUES ('integrity-check', 1)"_s);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PostgresDatabase> m_postgres;
    std::unique_ptr<StoreFactory> m_factory;
    std::unique_ptr<Store> m_store;
    qint64 m_user = 0;
    qint64 m_room = 0;
    int m_mids = 0;
};

void tst_SearchStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    if (ServerProcess::postgresMode()) {
        m_postgres = std::make_unique<PostgresDatabase>();
        QVERIFY2(m_postgres->ok(), qPrintable(m_postgres->error()));
        m_factory = std::make_unique<PostgresStoreFactory>(*PostgresUrl::parse(m_postgres->url()));
    } else {
        m_factory = std::make_unique<SqliteStoreFactory>(m_dir->filePath(u"palaver.db"_s));
    }
    m_factory->migrate();
    m_store = m_factory->open(u"search"_s, false);
    m_user = *m_store->users().createUser(u"ada"_s, u"Ada"_s, u"hash"_s, 1);
    m_room = m_store->rooms().createRoom(RoomKind::Group, u"r"_s, QString(), 1);
    m_store->rooms().addMember(m_room, m_user, Role::Owner);
}

void tst_SearchStore::cleanup()
{
    m_store.reset();
    m_factory.reset();
    m_postgres.reset();
    m_dir.reset();
}

void tst_SearchStore::followsWrites()
{
    const qint64 first = sendNow(u"alpha beta"_s);
    sendNow(u"alpha gamma"_s);
    QCOMPARE(find(u"alpha"_s), (QStringList {u"alpha gamma"_s, u"alpha beta"_s}));
    inTransaction([&] { edit(first, u"delta beta"_s); });
    QCOMPARE(find(u"alpha"_s), QStringList {u"alpha gamma"_s});
    QCOMPARE(find(u"delta"_s), QStringList {u"delta beta"_s});
    inTransaction([&] { m_store->events().markDeleted(m_room, first); });
    QCOMPARE(find(u"beta"_s), QStringList {});
    QCOMPARE(indexed(), 1);
    // Not a member: nothing, whatever the room filter says.
    m_store->rooms().removeMember(m_room, m_user);
    QCOMPARE(find(u"alpha"_s), QStringList {});
    QCOMPARE(find(u"alpha"_s, m_room), QStringList {});
    checkFtsIntegrity();
}

void tst_SearchStore::rollbackLeavesNoTrace()
{
    sendNow(u"kept"_s);
    m_store->begin();
    m_store->savepoint();
    const qint64 seq = send(u"rolled back"_s);
    edit(seq, u"rolled edit"_s);
    m_store->rollbackToSavepoint();
    m_store->commit();
    QCOMPARE(find(u"rolled"_s), QStringList {});
    QCOMPARE(indexed(), 1);
    // A whole transaction rolled back, then one committed: only the second is indexed.
    m_store->begin();
    send(u"rolled twice"_s);
    m_store->rollback();
    sendNow(u"kept too"_s);
    QCOMPARE(find(u"rolled"_s), QStringList {});
    QCOMPARE(find(u"kept"_s), (QStringList {u"kept too"_s, u"kept"_s}));
    checkFtsIntegrity();
}

void tst_SearchStore::sameTransactionEditsAndDeletes()
{
    // Messages edited or deleted before the commit that indexes them: indexed as they are
    // then, or not at all.
    const qint64 kept = sendNow(u"older message"_s);
    inTransaction([&] {
        const qint64 edited = send(u"first draft"_s);
        edit(edited, u"final words"_s);
        const qint64 gone = send(u"short lived"_s);
        m_store->events().markDeleted(m_room, gone);
        edit(kept, u"older but edited"_s);
    });
    QCOMPARE(find(u"draft"_s), QStringList {});
    QCOMPARE(find(u"final"_s), QStringList {u"final words"_s});
    QCOMPARE(find(u"short"_s), QStringList {});
    QCOMPARE(find(u"older"_s), QStringList {u"older but edited"_s});
    QCOMPARE(find(u"message"_s), QStringList {});
    // A deleted newest row's id is not handed out again (it would be taken as indexed).
    const qint64 last = sendNow(u"newest"_s);
    inTransaction([&] { m_store->events().markDeleted(m_room, last); });
    sendNow(u"after the newest"_s);
    QCOMPARE(find(u"after"_s), QStringList {u"after the newest"_s});
    checkFtsIntegrity();
}

void tst_SearchStore::roomDeleteEmptiesIndex()
{
    inTransaction([&] {
        for (int i = 0; i < 20; ++i)
            send(u"row %1"_s.arg(i));
    });
    inTransaction([&] { edit(3, u"edited row"_s); });
    QCOMPARE(indexed(), 20);
    QVERIFY(inTransaction([&] { return m_store->admin().deleteRoom(m_room); })); // cascades
    QCOMPARE(indexed(), 0);
    QCOMPARE(find(u"row"_s), QStringList {});
    checkFtsIntegrity();
}

QTEST_GUILESS_MAIN(tst_SearchStore)
#include "tst_searchstore.moc"
