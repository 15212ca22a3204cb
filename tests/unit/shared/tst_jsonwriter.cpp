// The direct JSON writer against Qt's: every event kind and every ack shape must parse to the
// same object as the QJsonObject path, strings with every character JSON must escape.
#include "shared/framecodec.h"
#include "shared/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace palaver;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(palaver::Event)
Q_DECLARE_METATYPE(palaver::AckAnswer)

namespace {
QJsonObject viaQt(const QJsonObject& fields, const QString& type, const QJsonValue& re = {})
{
    QJsonObject o = fields;
    o.insert(u"type"_s, type);
    if (!re.isUndefined() && !re.isNull())
        o.insert(u"re"_s, re);
    return o;
}

QJsonObject parsed(const QByteArray& json)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << json << error.errorString();
    return doc.object();
}

Event baseEvent(EventKind kind)
{
    Event e;
    e.room = u"12"_s;
    e.seq = 9007199254740991;
    e.ts = 1764590000123;
    e.sender = u"3"_s;
    e.kind = kind;
    return e;
}
} // namespace

class tst_JsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapesLikeQt_data();
    void escapesLikeQt();
    void eventPushMatchesQt_data();
    void eventPushMatchesQt();
    void ackMatchesQt_data();
    void ackMatchesQt();
    void historyAndSyncedMatchQt();
};

void tst_JsonWriter::escapesLikeQt_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << u"hello world"_s;
    QTest::newRow("quotes and backslashes") << u"say \"hi\" \\ C:\\path"_s;
    QTest::newRow("named escapes") << u"a\bb\fc\nd\re\tf"_s;
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(QChar(c));
    QTest::newRow("every control character") << controls + u"\u007f"_s;
    QTest::newRow("unicode") << u"héllo 日本 \U0001F600 \u2028"_s;
    QTest::newRow("html and sql") << u"<script>alert(1)</script>'; DROP TABLE events;--"_s;
}

void tst_JsonWriter::escapesLikeQt()
{
    QFETCH(QString, text);
    JsonWriter w;
    w.beginObject();
    w.member(QLatin1String("text"), text);
    w.endObject();
    const QByteArray json = w.take();
    QCOMPARE(parsed(json).value(u"text"_s).toString(), text);
}

void tst_JsonWriter::eventPushMatchesQt_data()
{
    QTest::addColumn<Event>("event");
    Event message = baseEvent(EventKind::Message);
    message.clientMid = u"c-1"_s;
    message.text = u"plain"_s;
    QTest::newRow("message") << message;
    Event rich = message;
    rich.text = u"line\n\"quoted\" \U0001F600"_s;
    rich.replyTo = 7;
    rich.mentions = {u"4"_s, u"5"_s};
    FileInfo file;
    file.fileId = u"f1"_s;
    file.sha256 = u"ab12"_s;
    file.name = u"a \"b\".png"_s;
    file.mime = u"image/png"_s;
    file.size = 1234;
    rich.attachments = {file};
    QTest::newRow("message with reply, mentions, file") << rich;
    Event deleted = message;
    deleted.text.clear();
    deleted.deleted = true;
    QTest::newRow("deleted message") << deleted;
    Event edit = baseEvent(EventKind::Edit);
    edit.target = 5;
    edit.text = u"fixed"_s;
    QTest::newRow("edit") << edit;
    Event del = baseEvent(EventKind::Delete);
    del.target = 5;
    QTest::newRow("delete") << del;
    Event react = baseEvent(EventKind::Reaction);
    react.target = 5;
    react.emoji = u"👍"_s;
    react.on = false;
    QTest::newRow("reaction") << react;
    Event join = baseEvent(EventKind::MemberJoin);
    join.user = u"8"_s;
    QTest::newRow("join") << join;
    Event leave = baseEvent(EventKind::MemberLeave);
    leave.user = u"8"_s;
    QTest::newRow("leave") << leave;
    Event update = baseEvent(EventKind::RoomUpdate);
    update.name = u"Room"_s;
    update.topic = QString();
    QTest::newRow("room update") << update;
}

void tst_JsonWriter::eventPushMatchesQt()
{
    QFETCH(Event, event);
    const EventPush push {event};
    QCOMPARE(parsed(encodePush(push)), viaQt(push.toJson(), u"event"_s));
    QCOMPARE(parsed(event.bodyBytes()), event.bodyJson()); // what the server stores
}

void tst_JsonWriter::ackMatchesQt_data()
{
    QTest::addColumn<AckAnswer>("ack");
    QTest::addColumn<QJsonValue>("re");
    const AckAnswer plain {u"1"_s, 2, 3, std::nullopt, std::nullopt};
    const AckAnswer send {u"1"_s, 2, 3, u"mid \"x\""_s, false};
    QTest::newRow("edit ack, numeric id") << plain << QJsonValue(41);
    QTest::newRow("send ack, string id") << send << QJsonValue(u"req-\n1"_s);
    QTest::newRow("duplicate, fractional id")
        << AckAnswer {u"1"_s, 2, 3, u"m"_s, true} << QJsonValue(1.5);
    QTest::newRow("large id") << plain << QJsonValue(9007199254740991.0);
    QTest::newRow("negative id") << plain << QJsonValue(-3);
}

void tst_JsonWriter::ackMatchesQt()
{
    QFETCH(AckAnswer, ack);
    QFETCH(QJsonValue, re);
    QCOMPARE(parsed(encodeAnswer(ack, re)), viaQt(ack.toJson(), u"ack"_s, re));
}

void tst_JsonWriter::historyAndSyncedMatchQt()
{
    Event a = baseEvent(EventKind::Message);
    a.clientMid = u"x"_s;
    a.text = u"one"_s;
    Event b = baseEvent(EventKind::Reaction);
    b.target = 1;
    b.emoji = u"❤"_s;
    const HistoryAnswer empty {u"12"_s, {}, false};
    const HistoryAnswer page {u"12"_s, {a, b}, true};
    QCOMPARE(parsed(encodeAnswer(empty, 5)), viaQt(empty.toJson(), u"history"_s, 5));
    QCOMPARE(parsed(encodeAnswer(page, 6)), viaQt(page.toJson(), u"history"_s, 6));

    RoomInfo room;
    room.id = u"12"_s;
    room.name = u"Big \"room\""_s;
    SyncedAnswer synced;
    synced.rooms = {room};
    synced.events = {a, b};
    synced.hasMore = {{u"12"_s, true}, {u"13"_s, false}};
    QCOMPARE(parsed(encodeAnswer(synced, 7)), viaQt(synced.toJson(), u"synced"_s, 7));
    QCOMPARE(
        parsed(encodeAnswer(SyncedAnswer {}, 8)), viaQt(SyncedAnswer {}.toJson(), u"synced"_s, 8));
}

QTEST_GUILESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
