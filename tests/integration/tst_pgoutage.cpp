// A PostgreSQL outage and back, on a private cluster of this test's own: while the database is
// down sends are answered `internal` (never a false ack); once it is back the server reconnects
// by itself, a resend of the failed client_mid and new sends are acked, and history holds every
// acked message exactly once.
#include "tests/support/framechecks.h"
#include "tests/support/postgresdatabase.h"
#include "tests/support/postgresserver.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using checks::isError;
using checks::isType;

class tst_PgOutage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sendsFailDuringOutageAndRecoverAfter();
};

void tst_PgOutage::sendsFailDuringOutageAndRecoverAfter()
{
    PostgresServer postgres;
    QVERIFY2(postgres.start(), qPrintable(postgres.error()));
    std::optional<PostgresDatabase> database(std::in_place, postgres.url());
    QVERIFY2(database->ok(), qPrintable(database->error()));
    ServerProcess server;
    server.setDatabaseUrl(database->url());
    QVERIFY(server.start());

    auto ada = TestClient::registered(server.url(), u"ada"_s);
    QVERIFY(ada);
    const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"Outage"_s));
    QVERIFY(!room.isEmpty());
    QVERIFY(isType(ada->sendMessage(room, u"before"_s, u"m-1"_s), u"ack"_s));

    QVERIFY2(postgres.stop(), qPrintable(postgres.error()));
    const QJsonObject during = ada->sendMessage(room, u"during"_s, u"m-2"_s);
    QVERIFY2(isError(during, u"internal"_s), QJsonDocument(during).toJson().constData());
    QVERIFY(isError(ada->sendMessage(room, u"during again"_s, u"m-2"_s), u"internal"_s));

    QVERIFY2(postgres.start(), qPrintable(postgres.error()));
    // The writer reopens its connection on a later batch (with a short pause between
    // attempts): resend until acked, as a client's outbox does.
    // (QTRY_ evaluates its condition once more after success: `acked` keeps that from
    // sending again.)
    QJsonObject resent;
    bool acked = false;
    QTRY_VERIFY_WITH_TIMEOUT(
        acked = acked || isType(resent = ada->sendMessage(room, u"during"_s, u"m-2"_s), u"ack"_s),
        20000);
    QCOMPARE(resent.value(u"duplicate"_s).toBool(true), false);
    const QJsonObject again = ada->sendMessage(room, u"during"_s, u"m-2"_s);
    QVERIFY(isType(again, u"ack"_s));
    QCOMPARE(again.value(u"duplicate"_s).toBool(), true);
    QCOMPARE(again.value(u"seq"_s).toInteger(), resent.value(u"seq"_s).toInteger());
    QVERIFY(isType(ada->sendMessage(room, u"after"_s, u"m-3"_s), u"ack"_s));

    const QJsonArray events =
        ada->request({{u"type"_s, u"history"_s}, {u"room"_s, room}}).value(u"events"_s).toArray();
    QStringList mids;
    for (const QJsonValue& e : std::as_const(events))
        if (e.toObject().value(u"kind"_s).toString() == u"message"_s)
            mids << e.toObject().value(u"client_mid"_s).toString();
    QCOMPARE(mids, (QStringList {u"m-1"_s, u"m-2"_s, u"m-3"_s}));
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_PgOutage)
#include "tst_pgoutage.moc"
