// The admin subcommands of the real palaver-server binary on temporary data folders: users,
// rooms, the audit log, check, and their exit codes (0 ok, 1 failed, 2 usage).
#include "tests/integration/tst_admin_cli.h"
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Admin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usersAddListDisableEnable();
    void resetPasswordTakesEffect();
    void passwordsNeverFromArguments();
    void usageErrorsExit2_data();
    void usageErrorsExit2();
    void helpExits0_data();
    void helpExits0();
    void roomsListShowDelete();
    void auditRecordsWhoWhatWhereWhen();
    void auditSinceAndLimit();
    void checkPassesOnGoodAndFailsOnCorrupt();

private:
    /// The audit listing's lines that contain every one of `parts`.
    static QStringList auditLines(const QString& dir, const QStringList& parts);
};

void tst_Admin::usersAddListDisableEnable()
{
    QTemporaryDir dir;
    CliResult r = runCli(dir.path(),
        {u"user"_s, u"add"_s, u"Ada"_s, u"--display-name"_s, u"Ada L."_s, u"--password-stdin"_s},
        "password123\n");
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"added user ada"_s), qPrintable(r.out));
    QCOMPARE(
        runCli(dir.path(), {u"user"_s, u"add"_s, u"ada"_s, u"--password-stdin"_s}, "password123\n")
            .code,
        1); // taken, case-insensitively
    QCOMPARE(
        runCli(dir.path(), {u"user"_s, u"add"_s, u"bob"_s, u"--password-stdin"_s}, "password456\n")
            .code,
        0);

    r = runCli(dir.path(), {u"user"_s, u"list"_s});
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 4, qPrintable(r.out)); // header, ada, bob, count
    QVERIFY(lines[0].startsWith(u"ID"_s));
    QVERIFY(lines[1].contains(QRegularExpression(u"^1\\s+ada\\s+Ada L\\.\\s+active\\s+0\\s"_s)));
    // Aligned: every row's USERNAME column starts where the header's does.
    const qsizetype column = lines[0].indexOf(u"USERNAME"_s);
    QCOMPARE(lines[1].indexOf(u"ada"_s), column);
    QCOMPARE(lines[2].indexOf(u"bob"_s), column);

    QCOMPARE(runCli(dir.path(), {u"user"_s, u"disable"_s, u"ada"_s}).code, 0);
    r = runCli(dir.path(), {u"user"_s, u"list"_s});
    QVERIFY(r.out.contains(QRegularExpression(u"\\bada\\b.*\\bdisabled\\b"_s)));
    QCOMPARE(runCli(dir.path(), {u"user"_s, u"enable"_s, u"ADA"_s}).code, 0);
    r = runCli(dir.path(), {u"user"_s, u"list"_s});
    QVERIFY(r.out.contains(QRegularExpression(u"\\bada\\b.*\\bactive\\b"_s)));

    r = runCli(dir.path(), {u"user"_s, u"disable"_s, u"nobody"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(u"no user 'nobody'"_s));
    QVERIFY(r.out.isEmpty());

    // An account made by the CLI logs in on the server.
    ServerProcess server({}, dir.path());
    QVERIFY(server.start());
    TestClient c;
    QVERIFY(c.connectTo(server.url()));
    const QJsonObject welcome = c.login(u"ada"_s);
    QCOMPARE(welcome.value(u"type"_s).toString(), u"welcome"_s);
    QCOMPARE(welcome.value(u"user"_s).toObject().value(u"display_name"_s).toString(), u"Ada L."_s);
}

void tst_Admin::resetPasswordTakesEffect()
{
    QTemporaryDir dir;
    QCOMPARE(
        runCli(dir.path(), {u"user"_s, u"add"_s, u"cyd"_s, u"--password-stdin"_s}, "password123\n")
            .code,
        0);
    const CliResult r = runCli(dir.path(),
        {u"user"_s, u"reset-password"_s, u"cyd"_s, u"--password-stdin"_s}, "brandnew99\n");
    QCOMPARE(r.code, 0);
    QCOMPARE(
        runCli(dir.path(), {u"user"_s, u"reset-password"_s, u"nobody"_s, u"--password-stdin"_s},
            "brandnew99\n")
            .code,
        1);
    ServerProcess server({}, dir.path());
    QVERIFY(server.start());
    TestClient old;
    QVERIFY(old.connectTo(server.url()));
    QCOMPARE(old.login(u"cyd"_s).value(u"code"_s).toString(), u"auth_failed"_s);
    TestClient fresh;
    QVERIFY(fresh.connectTo(server.url()));
    QCOMPARE(fresh.login(u"cyd"_s, u"brandnew99"_s).value(u"type"_s).toString(), u"welcome"_s);
}

void tst_Admin::passwordsNeverFromArguments()
{
    QTemporaryDir dir;
    // No terminal and no --password-stdin: refused, nothing created.
    CliResult r = runCli(dir.path(), {u"user"_s, u"add"_s, u"dee"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"--password-stdin"_s), qPrintable(r.err));
    r = runCli(dir.path(), {u"user"_s, u"add"_s, u"dee"_s, u"--password"_s, u"password123"_s});
    QCOMPARE(r.code, 2);
    r = runCli(dir.path(), {u"user"_s, u"add"_s, u"dee"_s, u"--password-stdin"_s}, "short\n");
    QCOMPARE(r.code, 1);
    QVERIFY(!runCli(dir.path(), {u"user"_s, u"list"_s}).out.contains(u"dee"_s));
}

void tst_Admin::usageErrorsExit2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no subcommand") << QStringList {u"user"_s};
    QTest::newRow("unknown subcommand") << QStringList {u"room"_s, u"frobnicate"_s};
    QTest::newRow("missing name") << QStringList {u"user"_s, u"add"_s, u"--password-stdin"_s};
    QTest::newRow("bad name") << QStringList {u"user"_s, u"disable"_s, u"a b"_s};
    QTest::newRow("extra argument") << QStringList {u"user"_s, u"list"_s, u"more"_s};
    QTest::newRow("unknown option") << QStringList {u"user"_s, u"list"_s, u"--bogus"_s};
    QTest::newRow("bad room id") << QStringList {u"room"_s, u"show"_s, u"abc"_s};
    QTest::newRow("bad since") << QStringList {u"audit"_s, u"--since"_s, u"someday"_s};
    QTest::newRow("bad limit") << QStringList {u"audit"_s, u"--limit"_s, u"0"_s};
    QTest::newRow("backup without --to") << QStringList {u"backup"_s};
}

void tst_Admin::usageErrorsExit2()
{
    QFETCH(QStringList, args);
    QTemporaryDir dir;
    const CliResult r = runCli(dir.path(), args);
    QCOMPARE(r.code, 2);
    QVERIFY(!r.err.isEmpty());
    QVERIFY(r.out.isEmpty());
}

void tst_Admin::helpExits0_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("server") << QStringList {u"--help"_s} << u"user add NAME"_s;
    QTest::newRow("user") << QStringList {u"user"_s, u"--help"_s} << u"user reset-password"_s;
    QTest::newRow("user add") << QStringList {u"user"_s, u"add"_s, u"--help"_s}
                              << u"--password-stdin"_s;
    QTest::newRow("room") << QStringList {u"room"_s, u"-h"_s} << u"room delete ID"_s;
    QTest::newRow("audit") << QStringList {u"audit"_s, u"--help"_s} << u"--since"_s;
    QTest::newRow("backup") << QStringList {u"backup"_s, u"--help"_s} << u"--force"_s;
    QTest::newRow("check") << QStringList {u"check"_s, u"--help"_s} << u"integrity_check"_s;
}

void tst_Admin::helpExits0()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const CliResult r = runCli(args);
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(expected), qPrintable(r.out));
}

void tst_Admin::roomsListShowDelete()
{
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    auto bob = TestClient::registered(server.url(), u"bob"_s);
    QVERIFY(ada && bob);
    const QString plans =
        TestClient::roomIdOf(ada->createRoom(u"group"_s, u"plans"_s, {bob->userId}));
    const QString lobby = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"lobby"_s));
    QVERIFY(!plans.isEmpty() && !lobby.isEmpty());
    QCOMPARE(ada->sendMessage(plans, u"hello"_s).value(u"type"_s).toString(), u"ack"_s);
    bob->awaitPush(u"event"_s);

    // While the server runs, on the same database.
    CliResult r = runCli(server.dataDir(), {u"room"_s, u"list"_s});
    QCOMPARE(r.code, 0);
    QVERIFY2(
        r.out.contains(QRegularExpression(u"\\n%1\\s+group\\s+2\\s+1\\s.*plans\\n"_s.arg(plans))),
        qPrintable(r.out));
    QVERIFY(
        r.out.contains(QRegularExpression(u"\\n%1\\s+public\\s+1\\s+0\\s.*lobby\\n"_s.arg(lobby))));
    QVERIFY(r.out.contains(u"2 rooms"_s));

    r = runCli(server.dataDir(), {u"room"_s, u"show"_s, plans});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QRegularExpression(u"name\\s+plans"_s)));
    QVERIFY(r.out.contains(QRegularExpression(u"members\\s+2"_s)));
    QVERIFY(r.out.contains(QRegularExpression(u"%1\\s+owner"_s.arg(ada->username))));
    QVERIFY(r.out.contains(QRegularExpression(u"%1\\s+member"_s.arg(bob->username))));

    bob->drain();
    r = runCli(server.dataDir(), {u"room"_s, u"delete"_s, plans});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(u"deleted room %1"_s.arg(plans)));
    // The running server tells the members' devices.
    const QJsonObject removed = bob->awaitPush(u"room_removed"_s, {}, 5000);
    QCOMPARE(removed.value(u"room"_s).toString(), plans);
    QCOMPARE(ada->ask(u"rooms"_s).value(u"rooms"_s).toArray().size(), 1);
    QCOMPARE(ada->sendMessage(plans, u"gone?"_s).value(u"code"_s).toString(), u"forbidden"_s);

    QCOMPARE(runCli(server.dataDir(), {u"room"_s, u"show"_s, plans}).code, 1);
    QCOMPARE(runCli(server.dataDir(), {u"room"_s, u"delete"_s, plans}).code, 1);
    QVERIFY(runCli(server.dataDir(), {u"audit"_s})
                .out.contains(
                    QRegularExpression(u"admin_room_delete\\s+room:%1\\s+cli\\s"_s.arg(plans))));
}

QStringList tst_Admin::auditLines(const QString& dir, const QStringList& parts)
{
    QStringList found;
    const CliResult r = runCli(dir, {u"audit"_s, u"--limit"_s, u"1000"_s});
    for (const QString& line : r.out.split(u'\n')) {
        if (std::all_of(
                parts.begin(), parts.end(), [&](const QString& p) { return line.contains(p); }))
            found.append(line);
    }
    return found;
}

void tst_Admin::auditRecordsWhoWhatWhereWhen()
{
    ServerProcess server;
    QVERIFY(server.start());
    auto ada = TestClient::registered(server.url(), u"ada"_s);
    auto bob = TestClient::registered(server.url(), u"bob"_s);
    QVERIFY(ada && bob);
    TestClient wrong;
    QVERIFY(wrong.connectTo(server.url()));
    QCOMPARE(wrong.login(ada->username, u"not the password"_s).value(u"code"_s).toString(),
        u"auth_failed"_s);
    TestClient nobody;
    QVERIFY(nobody.connectTo(server.url()));
    nobody.login(u"no_such_user"_s);
    auto adaLaptop = ada->anotherDevice(server.url());
    QVERIFY(adaLaptop);
    const QString lobby = TestClient::roomIdOf(ada->createRoom(u"public"_s, u"lobby"_s));
    QCOMPARE(bob->ask(u"join"_s, {{u"room"_s, lobby}}).value(u"type"_s).toString(), u"room"_s);
    QCOMPARE(ada->ask(u"kick"_s, {{u"room"_s, lobby}, {u"user"_s, bob->userId}})
                 .value(u"type"_s)
                 .toString(),
        u"ok"_s);
    QCOMPARE(ada->ask(u"invite"_s, {{u"room"_s, lobby}, {u"user"_s, bob->userId}})
                 .value(u"type"_s)
                 .toString(),
        u"ok"_s);
    QCOMPARE(bob->ask(u"leave"_s, {{u"room"_s, lobby}}).value(u"type"_s).toString(), u"ok"_s);
    QCOMPARE(adaLaptop->ask(u"logout"_s).value(u"type"_s).toString(), u"ok"_s);
    QVERIFY(adaLaptop->awaitClosed());

    const QString today = QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd"_s);
    const QString ip = u"127.0.0.1"_s;
    const QString room = u"room:"_s + lobby;
    const QString a = ada->username;
    const QString b = bob->username;
    const QList<QStringList> expected {
        {today, a, u"signup"_s, u"user:"_s + a, ip},
        {today, b, u"signup"_s, u"user:"_s + b, ip},
        {today, a, u"login_failed"_s, u"user:"_s + a, ip, u"wrong password"_s},
        {today, u"no_such_user"_s, u"login_failed"_s, ip, u"no such user"_s},
        {today, a, u" login "_s, u"user:"_s + a, ip},
        {today, a, u"room_created"_s, room, ip, u"\"kind\":\"public\""_s, u"lobby"_s},
        {today, b, u"member_joined"_s, room, ip},
        {today, a, u"member_kicked"_s, room, ip, u"\"user\":\"%1\""_s.arg(b)},
        {today, a, u"member_invited"_s, room, ip, u"\"user\":\"%1\""_s.arg(b)},
        {today, b, u"member_left"_s, room, ip},
        {today, a, u"logout"_s, ip},
    };
    for (const QStringList& parts : expected)
        QVERIFY2(auditLines(server.dataDir(), parts).size() == 1, qPrintable(parts.join(u", "_s)));
    // Never a password, in any row.
    QVERIFY(auditLines(server.dataDir(), {u"password123"_s}).isEmpty());
    QVERIFY(auditLines(server.dataDir(), {u"not the password"_s}).isEmpty());
    // In order: the listing is oldest first.
    const QString all = runCli(server.dataDir(), {u"audit"_s}).out;
    QVERIFY(all.indexOf(u"room_created"_s) < all.indexOf(u"member_kicked"_s));
    QVERIFY(all.indexOf(u"member_kicked"_s) < all.indexOf(u"member_left"_s));
}

void tst_Admin::auditSinceAndLimit()
{
    QTemporaryDir dir;
    for (const char* name : {"eve", "fay", "gus"}) {
        QCOMPARE(runCli(dir.path(),
                     {u"user"_s, u"add"_s, QString::fromLatin1(name), u"--password-stdin"_s},
                     "password123\n")
                     .code,
            0);
    }
    const auto entries = [&](const QStringList& args) {
        const CliResult r = runCli(dir.path(), QStringList {u"audit"_s} + args);
        return r.code == 0 ? r.out.count(u"admin_user_add"_s) : -1;
    };
    QCOMPARE(entries({}), 3);
    QCOMPARE(entries({u"--since"_s, u"1h"_s}), 3);
    QCOMPARE(entries({u"--since"_s, u"2000-01-01"_s}), 3);
    QCOMPARE(entries({u"--since"_s, u"2999-01-01"_s}), 0);
    QCOMPARE(entries({u"--since"_s, u"2999-01-01T10:00:00"_s}), 0);
    // The newest N, still oldest first.
    const QString two = runCli(dir.path(), {u"audit"_s, u"--limit"_s, u"2"_s}).out;
    QVERIFY(!two.contains(u"user:eve"_s));
    QVERIFY(
        two.indexOf(u"user:fay"_s) >= 0 && two.indexOf(u"user:fay"_s) < two.indexOf(u"user:gus"_s));
}

void tst_Admin::checkPassesOnGoodAndFailsOnCorrupt()
{
    QTemporaryDir dir;
    {
        ServerProcess server({u"--rate-per-s"_s, u"1000"_s, u"--burst"_s, u"1000"_s}, dir.path());
        QVERIFY(server.start());
        auto ada = TestClient::registered(server.url(), u"ada"_s);
        QVERIFY(ada);
        const QString room = TestClient::roomIdOf(ada->createRoom(u"group"_s, u"notes"_s));
        for (int i = 0; i < 300; ++i)
            ada->send(
                {{u"type"_s, u"send"_s}, {u"room"_s, room}, {u"client_mid"_s, u"m%1"_s.arg(i)},
                    {u"text"_s, u"message number %1 with some padding to fill pages"_s.arg(i)}});
        QVERIFY(ada->ask(u"ping"_s).value(u"type"_s).toString() == u"pong"_s);
        // Checked while the server runs, too.
        QCOMPARE(runCli(dir.path(), {u"check"_s}).code, 0);
        QCOMPARE(server.stop(), 0);
    }
    CliResult r = runCli(dir.path(), {u"check"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QRegularExpression(u"integrity\\s+ok"_s)));
    QVERIFY(r.out.contains(QRegularExpression(u"schema\\s+version \\d+ \\(current\\)"_s)));

    // A copy with garbage written over pages in the middle of the file.
    QTemporaryDir broken;
    const QString copy = broken.filePath(u"palaver.db"_s);
    QVERIFY(QFile::copy(dir.filePath(u"palaver.db"_s), copy));
    QFile f(copy);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 16 * 4096);
    for (qint64 page = 2; page * 4096 < size - 4096; page += 3) {
        f.seek(page * 4096 + 100);
        f.write(QByteArray(1500, '\x5a'));
    }
    f.close();
    r = runCli(broken.path(), {u"check"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(
        r.out.contains(QRegularExpression(u"integrity\\s+FAILED"_s)), qPrintable(r.out + r.err));
    QCOMPARE(runCli({u"check"_s, u"--file"_s, copy}).code, 1);
    QCOMPARE(runCli({u"check"_s, u"--file"_s, broken.filePath(u"missing.db"_s)}).code, 1);
}

QTEST_GUILESS_MAIN(tst_Admin)
#include "tst_admin.moc"
