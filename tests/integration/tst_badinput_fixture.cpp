#include "tests/integration/tst_badinput_fixture.h"

#include "tests/support/framechecks.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

QStringList DbSnapshot::changedTables(const DbSnapshot& other) const
{
    QStringList changed;
    for (auto it = tables.cbegin(); it != tables.cend(); ++it) {
        if (other.tables.value(it.key()) != it.value())
            changed << u"%1 (%2 rows, now %3)"_s.arg(it.key())
                           .arg(it.value().first)
                           .arg(other.tables.value(it.key()).first);
    }
    for (auto it = other.tables.cbegin(); it != other.tables.cend(); ++it) {
        if (!tables.contains(it.key()))
            changed << u"%1 (new)"_s.arg(it.key());
    }
    return changed;
}

bool BadInputWorld::setUp(const QStringList& serverArgs)
{
    // The suites open hundreds of connections and fail many logins from 127.0.0.1 within
    // seconds; the per-address handshake and login-failure limits would refuse them and hide
    // the answers under test. As environment variables, so a server without them ignores them.
    qputenv("PALAVER_HANDSHAKES_PER_IP_PER_S", "0");
    qputenv("PALAVER_LOGIN_FAILURES_PER_IP", "0");
    qputenv("PALAVER_LOGIN_FAILURES_PER_ACCOUNT", "0");
    // Generous rate limits: the suites send hundreds of requests on one account, and a
    // rate_limited answer would hide the answer under test.
    server = std::make_unique<ServerProcess>(
        QStringList {u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s} + serverArgs);
    if (!server->start())
        return false;
    ada = TestClient::registered(server->url(), u"ada"_s);
    bob = TestClient::registered(server->url(), u"bob"_s);
    cat = TestClient::registered(server->url(), u"cat"_s);
    if (!ada || !bob || !cat)
        return false;
    room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Ada's"_s, {bob->userId}));
    priv = TestClient::roomIdOf(bob->createRoom(u"group"_s, u"Secret plans"_s, {cat->userId}));
    pub = TestClient::roomIdOf(bob->createRoom(u"public"_s, u"Lobby"_s));
    direct = TestClient::roomIdOf(bob->ask(u"open_direct"_s, {{u"user"_s, cat->userId}}));
    return !room.isEmpty() && !priv.isEmpty() && !pub.isEmpty() && !direct.isEmpty() &&
        checks::isType(ada->sendMessage(room, u"first"_s), u"ack"_s) &&
        checks::isType(bob->sendMessage(priv, u"private"_s), u"ack"_s) &&
        checks::isType(bob->sendMessage(direct, u"direct"_s), u"ack"_s);
}

void BadInputWorld::tearDown()
{
    ada.reset();
    bob.reset();
    cat.reset();
    if (server)
        QCOMPARE(server->stop(), 0);
}

QSqlDatabase BadInputWorld::openDatabase(const QString& name) const
{
    QSqlDatabase db;
    if (server->databaseUrl().isEmpty()) {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(server->dataDir() + u"/palaver.db"_s);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
    } else {
        const QUrl url(server->databaseUrl());
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path(QUrl::FullyDecoded).mid(1));
    }
    if (!db.open())
        qWarning() << "cannot open the database:" << db.lastError().text();
    return db;
}

DbSnapshot BadInputWorld::snapshot(const QStringList& ignored) const
{
    DbSnapshot result;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = openDatabase(name);
        if (!db.isOpen())
            return result;
        QStringList tables;
        QSqlQuery list(db.driverName() == u"QPSQL"_s
                ? u"SELECT tablename FROM pg_tables WHERE schemaname = 'public'"_s
                : u"SELECT name FROM sqlite_master WHERE type = 'table' "
                  "AND name NOT LIKE 'sqlite_%'"_s,
            db);
        while (list.next())
            tables << list.value(0).toString();
        for (const QString& table : tables) {
            // Rows sorted as text, so the hash does not depend on the order SQLite returns.
            QSqlQuery rows(u"SELECT * FROM \"%1\""_s.arg(table), db);
            QList<QByteArray> lines;
            while (rows.next()) {
                QByteArray line;
                const QSqlRecord record = rows.record();
                for (int i = 0; i < record.count(); ++i) {
                    const QString name = table + u'.' + record.fieldName(i);
                    // last_seen is written whenever a user's last connection closes, which the
                    // suites cause between cases (a closed device, a test's client going away).
                    if (name == u"users.last_seen"_s || ignored.contains(name))
                        continue;
                    const QVariant v = rows.value(i);
                    line += v.typeName() + QByteArray(":") +
                        (v.metaType().id() == QMetaType::QByteArray ? v.toByteArray().toHex()
                                                                    : v.toString().toUtf8()) +
                        QByteArray("\x1f");
                }
                lines << line;
            }
            std::sort(lines.begin(), lines.end());
            QCryptographicHash hash(QCryptographicHash::Sha256);
            for (const QByteArray& line : std::as_const(lines))
                hash.addData(QByteArray(line + '\n'));
            result.tables.insert(table, {lines.size(), hash.result()});
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QByteArray BadInputWorld::fill(QByteArray frame) const
{
    return frame.replace("@ROOM@", room.toUtf8())
        .replace("@PRIV@", priv.toUtf8())
        .replace("@DM@", direct.toUtf8())
        .replace("@PUB@", pub.toUtf8())
        .replace("@ADA@", ada->userId.toUtf8())
        .replace("@BOB@", bob->userId.toUtf8())
        .replace("@CAT@", cat->userId.toUtf8());
}

std::unique_ptr<TestClient> BadInputWorld::anonymous() const
{
    auto c = std::make_unique<TestClient>();
    return c->connectTo(server->url()) ? std::move(c) : nullptr;
}

bool BadInputWorld::sendAndCheck(TestClient& client, const QByteArray& frame,
    const Expected& expected, QString* reason, QJsonObject* answerOut) const
{
    client.drain(); // earlier answers with re 987654 are not this one
    const qsizetype before = client.frames.size();
    client.sendRaw(QString::fromUtf8(fill(frame)));
    QJsonObject answer;
    QDeadlineTimer deadline(10000);
    // The answer, or the close that comes without one.
    while (!deadline.hasExpired()) {
        for (qsizetype i = before; i < client.frames.size() && answer.isEmpty(); ++i) {
            const QJsonObject& f = client.frames[i];
            if (f.value(u"re"_s) == QJsonValue(987654) || f.value(u"type"_s) == u"error"_s)
                answer = f;
        }
        if (!answer.isEmpty() || !client.isConnected())
            break;
        QTest::qWait(2);
    }
    if (answerOut)
        *answerOut = answer;
    if (expected.code.isEmpty()) {
        if (!answer.isEmpty())
            return *reason = u"expected no answer, got "_s + checks::compact(answer), false;
    } else if (answer.value(u"type"_s) != u"error"_s || answer.value(u"code"_s) != expected.code ||
        answer.value(u"message"_s).toString().isEmpty()) {
        return *reason = u"expected error %1, got %2"_s.arg(expected.code, checks::compact(answer)),
               false;
    } else if (answer.contains(u"re"_s) != expected.echoesId) {
        return *reason = u"`re` %1 expected: "_s.arg(expected.echoesId ? u"was"_s : u"was not"_s) +
                   checks::compact(answer),
               false;
    }
    if (expected.closeCode) {
        if (!client.awaitClosed() || client.closeCode() != expected.closeCode)
            return *reason = u"expected close %1, got %2"_s.arg(expected.closeCode)
                                 .arg(client.closeCode()),
                   false;
    } else {
        const QJsonObject pong = client.request({{u"type"_s, u"ping"_s}});
        if (!client.isConnected() || pong.value(u"type"_s) != u"pong"_s)
            return *reason = u"the connection did not stay open and serving"_s, false;
    }
    return true;
}
