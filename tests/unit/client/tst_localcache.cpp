// LocalCache and OutboxStore on a real SQLite file: migrations from empty, round trips of
// rooms, events, members and markers, cursors, pruning, and an outbox that outlives the
// process.
#include "client/cache/accountfolders.h"
#include "client/cache/cachedatabase.h"
#include "client/cache/cachemigrations.h"
#include "client/cache/localcache.h"
#include "client/cache/outboxstore.h"
#include "client/credentials/tokenstore.h"
#include "client/net/serveraddress.h"
#include "tests/unit/client/clienttestsupport.h"
#include "tests/unit/client/modelfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;
using clienttest::ModelFixture;

class tst_LocalCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void migratesFromEmpty();
    void reopeningKeepsTheVersion();
    void roomsRoundTrip();
    void eventsDeduplicateAndReplace();
    void cursorsAdvanceOverContiguousEvents();
    void prunesToTheNewestEvents();
    void membersAndMarkers();
    void outboxSurvivesReopening();
    void outboxOfVersion2GainsAttachments();
    void tokenFileIsPrivate();
    void keychainOrFallbackKeepsTheToken();
    void accountFolders();
};

void tst_LocalCache::migratesFromEmpty()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path());
    QVERIFY(cache.isOpen());
    QCOMPARE(cache.database().schemaVersion(), cacheMigrations().last().version);
    QSqlQuery mode = cache.database().query(u"PRAGMA journal_mode"_s);
    QVERIFY(mode.next());
    QCOMPARE(mode.value(0).toString(), u"wal"_s);
    QVERIFY(QFile::exists(dir.filePath(u"cache.db"_s)));
}

void tst_LocalCache::reopeningKeepsTheVersion()
{
    QTemporaryDir dir;
    {
        LocalCache cache(dir.path());
        cache.setMeta(u"user_id"_s, u"7"_s);
    }
    LocalCache again(dir.path());
    QVERIFY(again.isOpen());
    QCOMPARE(again.meta(u"user_id"_s), u"7"_s);
    QSqlQuery versions = again.database().query(u"SELECT COUNT(*) FROM schema_version"_s);
    QVERIFY(versions.next());
    QCOMPARE(versions.value(0).toInt(), cacheMigrations().size()); // each applied once
}

void tst_LocalCache::roomsRoundTrip()
{
    QTemporaryDir dir;
    RoomInfo room = ModelFixture::room(u"5"_s, RoomKind::Group, u"Core team"_s, 3);
    room.topic = u"ship it"_s;
    room.self = RoomMembership {2, 1, 1, Role::Owner};
    room.lastEvent = ModelFixture::message(u"5"_s, 3, u"2"_s, u"hello @ada"_s);
    {
        LocalCache cache(dir.path());
        cache.saveRoom(room);
        cache.saveRoom(ModelFixture::room(u"6"_s, RoomKind::Direct, QString()));
    }
    LocalCache cache(dir.path());
    const QList<RoomInfo> rooms = cache.rooms();
    QCOMPARE(rooms.size(), 2);
    QCOMPARE(rooms.first(), room);
    cache.saveEvents({ModelFixture::message(u"6"_s, 1, u"1"_s, u"x"_s)});
    cache.setCursor(u"6"_s, 1);
    cache.removeRoom(u"6"_s);
    QCOMPARE(cache.rooms().size(), 1);
    QVERIFY(cache.latestEvents(u"6"_s, 10).isEmpty());
    QCOMPARE(cache.cursor(u"6"_s), -1);
}

void tst_LocalCache::eventsDeduplicateAndReplace()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path());
    const Event first = ModelFixture::message(u"r"_s, 1, u"1"_s, u"one"_s);
    const Event second = ModelFixture::message(u"r"_s, 2, u"2"_s, u"two"_s);
    LocalCache::SaveResult result = cache.saveEvents({first, second});
    QCOMPARE(result.added.size(), 2);
    result = cache.saveEvents({first, second});
    QVERIFY(result.added.isEmpty());
    QVERIFY(result.changed.isEmpty());
    Event blanked = second;
    blanked.deleted = true;
    blanked.text.clear();
    result = cache.saveEvents({blanked}, false); // a local copy never overwrites
    QVERIFY(result.changed.isEmpty());
    result = cache.saveEvents({blanked}, true);
    QCOMPARE(result.changed, QList<Event> {blanked});
    QCOMPARE(cache.latestEvents(u"r"_s, 10), (QList<Event> {first, blanked}));
    QCOMPARE(cache.event(u"r"_s, 1), std::optional(first));
    QCOMPARE(cache.eventsBefore(u"r"_s, 2, 10), QList<Event> {first});
}

void tst_LocalCache::cursorsAdvanceOverContiguousEvents()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path());
    QCOMPARE(cache.advanceCursor(u"r"_s), -1); // no cursor: nothing to advance
    cache.setCursor(u"r"_s, 0);
    QList<Event> events;
    for (qint64 seq : {1, 2, 3, 5, 6})
        events.append(ModelFixture::message(u"r"_s, seq, u"2"_s, u"m"_s));
    cache.saveEvents(events);
    QCOMPARE(cache.advanceCursor(u"r"_s), 3); // 4 is missing
    cache.saveEvents({ModelFixture::message(u"r"_s, 4, u"2"_s, u"late"_s)});
    QCOMPARE(cache.advanceCursor(u"r"_s), 6);
    QCOMPARE(cache.cursors(), (QHash<QString, qint64> {{u"r"_s, 6}}));
}

void tst_LocalCache::prunesToTheNewestEvents()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path());
    QList<Event> events;
    for (qint64 seq = 1; seq <= LocalCache::kEventsPerRoom + 20; ++seq)
        events.append(ModelFixture::message(u"r"_s, seq, u"2"_s, u"m"_s));
    cache.saveEvents(events);
    const QList<Event> kept = cache.latestEvents(u"r"_s, 10000);
    QCOMPARE(kept.size(), LocalCache::kEventsPerRoom);
    QCOMPARE(kept.first().seq, 21);
    QCOMPARE(kept.last().seq, LocalCache::kEventsPerRoom + 20);
}

void tst_LocalCache::membersAndMarkers()
{
    QTemporaryDir dir;
    LocalCache cache(dir.path());
    MemberInfo ada {u"1"_s, u"ada"_s, u"Ada"_s, Role::Owner, 4, PresenceStatus::Online, {}};
    MemberInfo bob {u"2"_s, u"bob"_s, u"Bob"_s, Role::Member, 2, PresenceStatus::Offline, 99};
    cache.saveMembers(u"r"_s, {ada, bob});
    QCOMPARE(cache.members(u"r"_s).size(), 2);
    cache.saveMembers(u"r"_s, {ada}); // a fresh answer replaces the list
    QCOMPARE(cache.members(u"r"_s), QList<MemberInfo> {ada});
    QVERIFY(cache.raiseMarker(u"r"_s, u"2"_s, 5));
    QVERIFY(!cache.raiseMarker(u"r"_s, u"2"_s, 3)); // never back
    QVERIFY(cache.raiseMarker(u"r"_s, u"2"_s, 6));
    QCOMPARE(cache.markers(u"r"_s), (QHash<QString, qint64> {{u"2"_s, 6}}));
}

void tst_LocalCache::outboxSurvivesReopening()
{
    QTemporaryDir dir;
    QStringList mids;
    {
        LocalCache cache(dir.path());
        OutboxStore store(cache.database());
        for (int i = 0; i < 3; ++i) {
            OutboxEntry entry;
            entry.clientMid = u"mid-%1"_s.arg(i);
            entry.room = u"r"_s;
            entry.text = u"text %1"_s.arg(i);
            entry.replyTo = i;
            entry.mentions = i == 2 ? QStringList {u"2"_s, u"3"_s} : QStringList {};
            entry.created = 1000 + i;
            const OutboxEntry stored = store.add(entry);
            QVERIFY(stored.position > 0);
            mids.append(stored.clientMid);
        }
        store.setFailed(u"mid-1"_s, true, u"too long"_s);
    }
    LocalCache cache(dir.path());
    OutboxStore store(cache.database());
    const QList<OutboxEntry> entries = store.entries();
    QCOMPARE(entries.size(), 3);
    QCOMPARE(entries[0].clientMid, mids[0]);
    QCOMPARE(entries[2].clientMid, mids[2]); // in the order written
    QCOMPARE(entries[2].mentions, (QStringList {u"2"_s, u"3"_s}));
    QCOMPARE(entries[2].replyTo, 2);
    QVERIFY(entries[1].failed);
    QCOMPARE(entries[1].error, u"too long"_s);
    QVERIFY(!entries[0].failed);
    store.remove(u"mid-0"_s);
    QCOMPARE(store.entries().size(), 2);
}

void tst_LocalCache::outboxOfVersion2GainsAttachments()
{
    // A cache written before attachments (schema 2) with an unsent message: migration 3 keeps
    // the message, now with no files, and new entries carry theirs.
    QTemporaryDir dir;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v2"_s);
        db.setDatabaseName(dir.filePath(u"cache.db"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s));
        for (const CacheMigration& migration : cacheMigrations()) {
            if (migration.version > 2)
                continue;
            for (const QString& statement : migration.statements)
                QVERIFY2(q.exec(statement), qPrintable(statement));
            QVERIFY(q.exec(u"INSERT INTO schema_version VALUES (%1)"_s.arg(migration.version)));
        }
        QVERIFY(q.exec(u"INSERT INTO outbox (client_mid, room, text, created) "
                       u"VALUES ('old-1', 'r1', 'written offline', 5)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v2"_s);

    LocalCache cache(dir.path());
    QVERIFY(cache.isOpen());
    QCOMPARE(cache.database().schemaVersion(), cacheMigrations().last().version);
    OutboxStore store(cache.database());
    OutboxEntry entry;
    entry.clientMid = u"new-1"_s;
    entry.room = u"r1"_s;
    entry.created = 6;
    entry.attachments = {
        FileInfo {u"f9"_s, u"a.pdf"_s, u"application/pdf"_s, 3, QString(64, u'c')}};
    QVERIFY(store.add(entry).position > 0);
    const QList<OutboxEntry> entries = store.entries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0).text, u"written offline"_s);
    QVERIFY(entries.at(0).attachments.isEmpty());
    QCOMPARE(entries.at(1).attachments, entry.attachments);
}

void tst_LocalCache::tokenFileIsPrivate()
{
    QTemporaryDir dir;
    TokenStore tokens(dir.path(), u"host:1/ada"_s, false);
    QSignalSpy loaded(&tokens, &TokenStore::loaded);
    tokens.save(u"secret-token"_s);
    QCOMPARE(QFile::permissions(tokens.filePath()) & clienttest::kOthersMayAccess, 0);
    QVERIFY(QFile::permissions(tokens.filePath()) & QFileDevice::ReadOwner);
    tokens.load();
    QCOMPARE(loaded.last().first().toString(), u"secret-token"_s);
    tokens.forget();
    tokens.load();
    QCOMPARE(loaded.last().first().toString(), QString());
}

void tst_LocalCache::keychainOrFallbackKeepsTheToken()
{
    // With a Secret Service the keychain answers; without one (CI, no D-Bus session) the job
    // fails and the token lands in the private file. Either way it comes back.
    QTemporaryDir dir;
    TokenStore tokens(dir.path(), u"tst_localcache/ada"_s, true);
    QSignalSpy saved(&tokens, &TokenStore::saved);
    QSignalSpy loaded(&tokens, &TokenStore::loaded);
    tokens.save(u"kept-token"_s);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 30000);
    const bool inKeychain = saved.first().first().toBool();
    QCOMPARE(QFile::exists(tokens.filePath()), !inKeychain);
    tokens.load();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 30000);
    QCOMPARE(loaded.first().first().toString(), u"kept-token"_s);
    tokens.forget();
}

void tst_LocalCache::accountFolders()
{
    QTemporaryDir dir;
    AccountFolders folders(dir.path());
    const ServerAddress address = ServerAddress::fromUserInput(u"Chat.Example.org"_s);
    QVERIFY(address.isValid());
    QCOMPARE(address.url().toString(), u"ws://chat.example.org:8765/v1"_s);
    QCOMPARE(
        ServerAddress::fromUserInput(u"http://h:99/x?y"_s).url().toString(), u"ws://h:99/v1"_s);
    QVERIFY(!ServerAddress::fromUserInput(u"ftp://h"_s).isValid());
    const QString folder = folders.folderFor(address, u"Ada"_s);
    QCOMPARE(folder, dir.filePath(u"accounts/chat.example.org_8765_ada"_s));
    QCOMPARE(folders.lastUsed(), QString());
    folders.setLastUsed(folder);
    QCOMPARE(folders.lastUsed(), folder);
    folders.clearLastUsed();
    QCOMPARE(folders.lastUsed(), QString());
}

QTEST_GUILESS_MAIN(tst_LocalCache)
#include "tst_localcache.moc"
