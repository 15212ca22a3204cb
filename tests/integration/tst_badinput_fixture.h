#pragma once
// Shared by the bad-input suites (tst_badinput, tst_badinput_access): one real server with a
// small world in it, a snapshot of its database (SQLite or PostgreSQL), and one way to send a
// bad frame and check the answer, the close code and that the database did not change.
#include "tests/support/serverprocess.h"
#include "tests/support/testclient.h"

#include <QByteArray>
#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <memory>

/// Every table of the server's database: row count and a hash of the sorted rows.
struct DbSnapshot
{
    QHash<QString, QPair<qint64, QByteArray>> tables;
    /// Tables that differ from `other`, for a readable failure message.
    QStringList changedTables(const DbSnapshot& other) const;
};

/// What a bad frame must get: an error `code` (empty: no error frame at all), whether the error
/// echoes the request id as `re`, and the close code (0: the connection stays open).
struct Expected
{
    QString code;
    bool echoesId = true;
    int closeCode = 0;
};

class BadInputWorld
{
public:
    /// Starts the server and creates: ada (the prober) with a group room she owns, holding one
    /// message from her (seq 1); bob and cat with a private group, a direct chat and a public
    /// room that ada is not in.
    bool setUp(const QStringList& serverArgs = {});
    void tearDown();

    /// The server's database, read-only, as QtSql connection `name` (SQLite: palaver.db in
    /// its data folder; PostgreSQL: its --database). Check isOpen(); remove it afterwards.
    QSqlDatabase openDatabase(const QString& name) const;
    /// Read-only snapshot through QtSql (the server runs in WAL mode: the file bytes lag).
    /// `ignored` are "table.column" values left out, for state that legitimately moves;
    /// users.last_seen always is.
    DbSnapshot snapshot(const QStringList& ignored = {}) const;
    /// Replaces @ROOM@, @PRIV@, @DM@, @PUB@, @ADA@, @BOB@, @CAT@ with the world's ids.
    QByteArray fill(QByteArray frame) const;

    /// Sends `frame` (raw text, placeholders filled) on `client` and checks the one answer with
    /// `re` 987654 (or without `re`), the close code and, through `reason`, what was wrong; the
    /// answer is kept in `answer` when given.
    bool sendAndCheck(TestClient& client, const QByteArray& frame, const Expected& expected,
        QString* reason, QJsonObject* answer = nullptr) const;
    /// A fresh connection that has not authenticated.
    std::unique_ptr<TestClient> anonymous() const;

    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<TestClient> ada, bob, cat;
    QString room, priv, direct, pub;
};
