// The boundary of every length, count and range limit of client frames: the last valid value
// passes and the first invalid one is rejected with the contract's code.
#include "shared/framecodec.h"
#include "shared/jsonkeys.h"
#include "shared/limits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace palaver;
using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QStringList manyIds(int count, const QString& prefix = u"u"_s)
{
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids.append(prefix + QString::number(i));
    return ids;
}

QJsonArray toArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

const QString kEmoji = u"😀"_s; // one character, two UTF-16 units, four UTF-8 bytes

QJsonObject sendFrame(const QString& text)
{
    return {{keys::type, u"send"_s}, {keys::room, u"r1"_s}, {keys::clientMid, u"m-1"_s},
        {keys::text, text}};
}

QJsonObject with(QJsonObject object, QLatin1String key, const QJsonValue& value)
{
    object.insert(key, value);
    return object;
}

} // namespace

class tst_FrameLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundaries_data();
    void boundaries();
};

void tst_FrameLimits::boundaries_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code"); // empty: the frame is valid
    auto row = [](const char* name, const QJsonObject& frame, const QString& code = {}) {
        QTest::newRow(name) << toBytes(frame) << code;
    };
    const QString tooLarge = u"too_large"_s;
    const QString badRequest = u"bad_request"_s;
    const QJsonArray oneFile {QJsonObject {{keys::fileId, u"f1"_s}}};

    // Text length is counted in characters after trimming, not in UTF-16 units or bytes.
    row("text 4000 emoji", sendFrame(kEmoji.repeated(limits::maxText)));
    row("text 4001 emoji", sendFrame(kEmoji.repeated(limits::maxText + 1)), tooLarge);
    row("text 4000 ascii", sendFrame(u"a"_s.repeated(limits::maxText)));
    row("text 4001 ascii", sendFrame(u"a"_s.repeated(limits::maxText + 1)), tooLarge);
    row("text 4000 padded", sendFrame(u"  \n"_s + u"b"_s.repeated(limits::maxText) + u"\t "_s));
    QJsonObject fileOnly = with(sendFrame({}), keys::attachments, oneFile);
    fileOnly.remove(keys::text);
    row("attachments, no text", fileOnly);
    row("attachments, blank text", with(sendFrame(u"  "_s), keys::attachments, oneFile));
    row("attachments, text too long",
        with(sendFrame(u"c"_s.repeated(limits::maxText + 1)), keys::attachments, oneFile),
        tooLarge);
    const QJsonObject edit {{keys::type, u"edit"_s}, {keys::room, u"r1"_s}, {keys::target, 3}};
    row("edit 4000 emoji", with(edit, keys::text, kEmoji.repeated(limits::maxText)));
    row("edit 4001 emoji", with(edit, keys::text, kEmoji.repeated(limits::maxText + 1)), tooLarge);

    const QJsonObject create {{keys::type, u"create_room"_s}, {keys::kind, u"public"_s}};
    row("room name 100 emoji", with(create, keys::name, kEmoji.repeated(limits::maxRoomName)));
    row("room name 101", with(create, keys::name, u"n"_s.repeated(limits::maxRoomName + 1)),
        tooLarge);
    const QJsonObject named = with(create, keys::name, u"Lobby"_s);
    row("topic 500", with(named, keys::topic, u"t"_s.repeated(limits::maxTopic)));
    row("topic 501", with(named, keys::topic, u"t"_s.repeated(limits::maxTopic + 1)), tooLarge);
    row("members 1000", with(named, keys::members, toArray(manyIds(limits::maxInitialMembers))));
    row("members 1001", with(named, keys::members, toArray(manyIds(limits::maxInitialMembers + 1))),
        tooLarge);

    const QJsonObject search {{keys::type, u"search"_s}};
    row("search query 100", with(search, keys::query, u"q"_s.repeated(limits::maxQuery)));
    row("search query 101", with(search, keys::query, u"q"_s.repeated(limits::maxQuery + 1)),
        tooLarge);
    row("directory query 101",
        QJsonObject {
            {keys::type, u"directory"_s}, {keys::query, u"q"_s.repeated(limits::maxQuery + 1)}},
        tooLarge);
    const QJsonObject users {{keys::type, u"users"_s}};
    row("users query empty", with(users, keys::query, QString()));
    row("users query 101", with(users, keys::query, u"q"_s.repeated(limits::maxQuery + 1)),
        tooLarge);

    row("room id 64", QJsonObject {{keys::type, u"join"_s}, {keys::room, u"r"_s.repeated(64)}});
    row("room id 65", QJsonObject {{keys::type, u"join"_s}, {keys::room, u"r"_s.repeated(65)}},
        badRequest);
    row("client_mid 64", with(sendFrame(u"hi"_s), keys::clientMid, u"m"_s.repeated(64)));
    row("client_mid 65", with(sendFrame(u"hi"_s), keys::clientMid, u"m"_s.repeated(65)),
        badRequest);
    row("mentions 100",
        with(sendFrame(u"hi"_s), keys::mentions, toArray(manyIds(limits::maxMentions))));
    row("mentions 101",
        with(sendFrame(u"hi"_s), keys::mentions, toArray(manyIds(limits::maxMentions + 1))),
        tooLarge);
    QJsonArray files;
    for (const QString& id : manyIds(limits::maxAttachments, u"f"_s))
        files.append(QJsonObject {{keys::fileId, id}});
    row("attachments 10", with(sendFrame(u"hi"_s), keys::attachments, files));
    files.append(QJsonObject {{keys::fileId, u"f-extra"_s}});
    row("attachments 11", with(sendFrame(u"hi"_s), keys::attachments, files), tooLarge);

    const QJsonObject react {{keys::type, u"react"_s}, {keys::room, u"r1"_s}, {keys::target, 3}};
    row("emoji 32 units", with(react, keys::emoji, u"e"_s.repeated(limits::maxEmoji)));
    row("emoji 33 units", with(react, keys::emoji, u"e"_s.repeated(limits::maxEmoji + 1)),
        badRequest);

    const QJsonObject history {{keys::type, u"history"_s}, {keys::room, u"r1"_s}};
    row("history limit 200", with(history, keys::limit, limits::historyPage));
    row("history limit 201", with(history, keys::limit, limits::historyPage + 1), badRequest);
    row("history before 2^53-1", with(history, keys::before, limits::maxSafeInteger));
    row("history before 2^53", with(history, keys::before, limits::maxSafeInteger + 1), badRequest);
    row("history after 0", with(history, keys::after, 0));

    QJsonObject cursors;
    for (const QString& id : manyIds(limits::maxCursors, u"r"_s))
        cursors.insert(id, 1);
    const QJsonObject sync {{keys::type, u"sync"_s}};
    row("sync 10000 cursors", with(sync, keys::cursors, cursors));
    cursors.insert(u"r-extra"_s, 1);
    row("sync 10001 cursors", with(sync, keys::cursors, cursors), tooLarge);
    row("sync cursor room 65", with(sync, keys::cursors, QJsonObject {{u"r"_s.repeated(65), 1}}),
        badRequest);

    const QJsonObject registerFrame {
        {keys::type, u"register"_s}, {keys::protocol, 1}, {keys::username, u"ada"_s}};
    row("password 8", with(registerFrame, keys::password, u"p"_s.repeated(limits::minPassword)));
    row("password 1025",
        with(registerFrame, keys::password, u"p"_s.repeated(limits::maxPassword + 1)), badRequest);
    row("username 32",
        with(with(registerFrame, keys::password, u"password"_s), keys::username,
            u"a"_s.repeated(limits::maxUsername)));
    row("username 33",
        with(with(registerFrame, keys::password, u"password"_s), keys::username,
            u"a"_s.repeated(limits::maxUsername + 1)),
        badRequest);
}

void tst_FrameLimits::boundaries()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    const auto result = decodeClientFrame(frame);
    if (code.isEmpty()) {
        if (const auto* error = std::get_if<FrameError>(&result))
            QFAIL(qPrintable(error->error.message));
        return;
    }
    QVERIFY2(std::holds_alternative<FrameError>(result), "the frame was accepted");
    const FrameError& error = std::get<FrameError>(result);
    QCOMPARE(toString(error.error.code), code);
    QVERIFY(!error.fatal);
}

QTEST_APPLESS_MAIN(tst_FrameLimits)
#include "tst_framelimits.moc"
