// Every frame of protocol v1 against JSON fixtures: valid ones survive decode → encode → decode
// unchanged, invalid ones are rejected with the code the contract prescribes.
#include "shared/framecodec.h"
#include "shared/jsonkeys.h"
#include "shared/limits.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <cmath>

using namespace palaver;
using namespace Qt::Literals::StringLiterals;

namespace {

QString framesDir()
{
    const QString base = qEnvironmentVariableIsSet("PALAVER_TEST_DATA")
        ? qEnvironmentVariable("PALAVER_TEST_DATA")
        : QFINDTESTDATA("../../data");
    return base + u"/frames"_s;
}

QByteArray readFixture(const QString& relativePath)
{
    QFile file(framesDir() + u'/' + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QJsonObject toObject(const QByteArray& json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray toBytes(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A decoded frame encoded again; `type` is empty when the codec kept it as UnknownFrame.
struct Reencoded
{
    QJsonObject object;
    std::optional<FrameType> type;
};

template <class T> constexpr std::optional<FrameType> typeOf()
{
    if constexpr (requires { T::kType; })
        return T::kType;
    else
        return std::nullopt;
}

std::variant<Reencoded, FrameError> decodeAndEncode(
    const QString& direction, const QByteArray& bytes)
{
    if (direction == u"client") {
        auto decoded = decodeClientFrame(bytes);
        if (const auto* error = std::get_if<FrameError>(&decoded))
            return *error;
        const auto& frame = std::get<ClientFrame>(decoded);
        const QByteArray encoded = std::visit(
            [&](const auto& request) { return encodeRequest(request, frame.id); }, frame.request);
        return Reencoded {toObject(encoded), frameTypeOf(frame.request)};
    }
    auto decoded = decodeServerFrame(bytes);
    if (const auto* error = std::get_if<FrameError>(&decoded))
        return *error;
    const auto& frame = std::get<ServerFrame>(decoded);
    return std::visit(
        [&]<class T>(const T& message) {
            if constexpr (std::is_same_v<T, UnknownFrame>)
                return Reencoded {message.object, std::nullopt};
            else
                return Reencoded {toObject(encodeAnswer(message, frame.re)), typeOf<T>()};
        },
        frame.message);
}

// Adds a field no peer knows to every object of the frame except the maps keyed by room id,
// where an extra entry would be data rather than an unknown field.
QJsonValue withUnknownFields(const QJsonValue& value)
{
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray())
            array.append(withUnknownFields(item));
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != keys::cursors && it.key() != keys::hasMore)
            it.value() = withUnknownFields(it.value());
    }
    object.insert(u"x_future"_s, QJsonObject {{u"nested"_s, QJsonArray {1, u"two"_s, true}}});
    return object;
}

} // namespace

class tst_Frames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void unknownFieldsIgnored_data() { roundTrip_data(); }
    void unknownFieldsIgnored();
    void everyFrameTypeHasFixture();
    void invalidFixtures_data();
    void invalidFixtures();
    void invalidIndexListsEveryFile();
    void normalisation_data();
    void normalisation();
    void idEcho_data();
    void idEcho();
    void unknownTypes();
    void encodeAddsEnvelope();
};

void tst_Frames::roundTrip_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("file");
    for (const QString& direction : {u"client"_s, u"server"_s}) {
        const QDir dir(framesDir() + u'/' + direction);
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString& file : files) {
            QTest::addRow("%s/%s", qPrintable(direction), qPrintable(file))
                << direction << direction + u'/' + file;
        }
    }
}

void tst_Frames::roundTrip()
{
    QFETCH(QString, direction);
    QFETCH(QString, file);
    const QByteArray bytes = readFixture(file);
    const QJsonObject fixture = toObject(bytes);

    const auto first = decodeAndEncode(direction, bytes);
    if (const auto* error = std::get_if<FrameError>(&first))
        QFAIL(qPrintable(toString(error->error.code) + u": "_s + error->error.message));
    const Reencoded& encoded = std::get<Reencoded>(first);
    QVERIFY2(encoded.type.has_value(), "decoded as an unknown frame");
    QCOMPARE(toString(*encoded.type), fixture.value(keys::type).toString());
    // QJsonObject compares by content, so key order does not matter.
    QCOMPARE(encoded.object, fixture);

    const auto second = decodeAndEncode(direction, toBytes(encoded.object));
    QVERIFY(std::holds_alternative<Reencoded>(second));
    QCOMPARE(std::get<Reencoded>(second).object, encoded.object);
}

void tst_Frames::unknownFieldsIgnored()
{
    QFETCH(QString, direction);
    QFETCH(QString, file);
    const QJsonObject fixture = toObject(readFixture(file));
    const QJsonObject extended = withUnknownFields(fixture).toObject();
    QVERIFY(extended != fixture);

    const auto result = decodeAndEncode(direction, toBytes(extended));
    if (const auto* error = std::get_if<FrameError>(&result))
        QFAIL(qPrintable(error->error.message));
    QCOMPARE(std::get<Reencoded>(result).object, fixture);
}

void tst_Frames::everyFrameTypeHasFixture()
{
    // Derived from the codec's variants, so a new frame type fails here until it has a fixture.
    auto check = [](const QString& direction, std::optional<FrameType> type) {
        if (!type)
            return;
        const QString path = framesDir() + u'/' + direction + u'/' + toString(*type) + u".json"_s;
        QVERIFY2(QFile::exists(path), qPrintable(u"missing fixture "_s + path));
    };
    [&]<std::size_t... I>(std::index_sequence<I...>)
    {
        (check(u"client"_s, typeOf<std::variant_alternative_t<I, ClientRequest>>()), ...);
    }
    (std::make_index_sequence<std::variant_size_v<ClientRequest>> {});
    [&]<std::size_t... I>(std::index_sequence<I...>)
    {
        (check(u"server"_s, typeOf<std::variant_alternative_t<I, ServerMessage>>()), ...);
    }
    (std::make_index_sequence<std::variant_size_v<ServerMessage>> {});
}

void tst_Frames::invalidFixtures_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("fatal");
    const QJsonArray cases = QJsonDocument::fromJson(readFixture(u"invalid/cases.json"_s)).array();
    QVERIFY(!cases.isEmpty());
    for (const QJsonValue& value : cases) {
        const QJsonObject c = value.toObject();
        const QString file = c.value(u"file"_s).toString();
        QTest::newRow(qPrintable(file))
            << c.value(u"direction"_s).toString() << u"invalid/"_s + file
            << c.value(u"code"_s).toString() << c.value(u"fatal"_s).toBool();
    }
}

void tst_Frames::invalidFixtures()
{
    QFETCH(QString, direction);
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(bool, fatal);
    QVERIFY2(errorCodeFromString(code).has_value(), qPrintable(code));
    const QByteArray bytes = readFixture(file);

    const auto result = decodeAndEncode(direction, bytes);
    QVERIFY2(std::holds_alternative<FrameError>(result), "the frame was accepted");
    const FrameError& error = std::get<FrameError>(result);
    QCOMPARE(toString(error.error.code), code);
    QCOMPARE(error.fatal, fatal);
    QVERIFY(!error.error.message.isEmpty());
    if (fatal)
        return;

    // A rejected request is still answered with `re`, and names its type when it was known.
    const QJsonObject object = toObject(bytes);
    const QJsonValue id = object.value(direction == u"client" ? keys::id : keys::re);
    // An integer id is one within ±(2^53 - 1), like every protocol integer.
    const bool idValid = id.isUndefined() || id.isString() ||
        (id.isDouble() && std::fabs(id.toDouble()) <= double(limits::maxSafeInteger) &&
            std::floor(id.toDouble()) == id.toDouble());
    if (idValid)
        QCOMPARE(error.id, id.isUndefined() ? QJsonValue() : id);
    const auto knownType = frameTypeFromString(object.value(keys::type).toString());
    if (idValid && knownType && error.error.code != ErrorCode::UnknownType) {
        QVERIFY(error.type.has_value());
        QCOMPARE(toString(*error.type), toString(*knownType));
    }
}

void tst_Frames::invalidIndexListsEveryFile()
{
    QStringList listed;
    const QJsonArray cases = QJsonDocument::fromJson(readFixture(u"invalid/cases.json"_s)).array();
    for (const QJsonValue& value : cases)
        listed.append(value.toObject().value(u"file"_s).toString());
    QStringList present = QDir(framesDir() + u"/invalid"_s).entryList({u"*.json"_s}, QDir::Files);
    present.removeOne(u"cases.json"_s);
    listed.sort();
    present.sort();
    QCOMPARE(listed, present);
}

void tst_Frames::normalisation_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QJsonObject>("expected");
    const QJsonArray cases = QJsonDocument::fromJson(readFixture(u"normalisation.json"_s)).array();
    QVERIFY(!cases.isEmpty());
    for (const QJsonValue& value : cases) {
        const QJsonObject c = value.toObject();
        QTest::newRow(qPrintable(c.value(u"name"_s).toString()))
            << c.value(u"direction"_s).toString() << c.value(u"input"_s).toObject()
            << c.value(u"expected"_s).toObject();
    }
}

void tst_Frames::normalisation()
{
    QFETCH(QString, direction);
    QFETCH(QJsonObject, input);
    QFETCH(QJsonObject, expected);
    const auto result = decodeAndEncode(direction, toBytes(input));
    if (const auto* error = std::get_if<FrameError>(&result))
        QFAIL(qPrintable(error->error.message));
    QCOMPARE(std::get<Reencoded>(result).object, expected);
}

void tst_Frames::idEcho_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("integer") << QJsonValue(42);
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("large integer") << QJsonValue(qint64(1) << 40);
    QTest::newRow("string") << QJsonValue(u"req-7"_s);
    QTest::newRow("empty string") << QJsonValue(QString());
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined);
}

void tst_Frames::idEcho()
{
    QFETCH(QJsonValue, id);
    QJsonObject ping {{keys::type, u"ping"_s}};
    QJsonObject badJoin {{keys::type, u"join"_s}};
    if (!id.isUndefined()) {
        ping.insert(keys::id, id);
        badJoin.insert(keys::id, id);
    }

    const auto decoded = decodeClientFrame(toBytes(ping));
    QVERIFY(std::holds_alternative<ClientFrame>(decoded));
    const ClientFrame& frame = std::get<ClientFrame>(decoded);
    // framecodec.h documents "undefined" for a missing id but delivers null; both mean "none"
    // and encodeAnswer omits `re` for either.
    if (id.isUndefined())
        QVERIFY(frame.id.isUndefined() || frame.id.isNull());
    else
        QCOMPARE(frame.id, id);
    const QJsonObject answer = toObject(encodeAnswer(PongAnswer {}, frame.id));
    QCOMPARE(answer.value(keys::type), QJsonValue(u"pong"_s));
    QCOMPARE(answer.value(keys::re), id);

    // The error for a malformed request still carries the id, so the client can match it.
    const auto rejected = decodeClientFrame(toBytes(badJoin));
    QVERIFY(std::holds_alternative<FrameError>(rejected));
    const FrameError& error = std::get<FrameError>(rejected);
    if (!id.isUndefined())
        QCOMPARE(error.id, id);
    const QJsonObject errorAnswer =
        toObject(encodeAnswer(ErrorAnswer {error.error.code, error.error.message, {}}, error.id));
    QCOMPARE(errorAnswer.value(keys::re), id);
    QCOMPARE(errorAnswer.value(keys::code), QJsonValue(u"bad_request"_s));
}

void tst_Frames::unknownTypes()
{
    const QByteArray future =
        toBytes({{keys::type, u"future_push"_s}, {keys::re, 3}, {u"payload"_s, QJsonArray {1, 2}}});

    // A client keeps what a newer server pushes, so it can ignore it rather than disconnect.
    const auto fromServer = decodeServerFrame(future);
    QVERIFY(std::holds_alternative<ServerFrame>(fromServer));
    const ServerFrame& serverFrame = std::get<ServerFrame>(fromServer);
    QCOMPARE(serverFrame.re, QJsonValue(3));
    const auto* unknown = std::get_if<UnknownFrame>(&serverFrame.message);
    QVERIFY(unknown);
    QCOMPARE(unknown->type, u"future_push"_s);
    QCOMPARE(unknown->object.value(u"payload"_s), QJsonValue(QJsonArray {1, 2}));

    // A server answers unknown_type and keeps the connection.
    const auto fromClient =
        decodeClientFrame(toBytes({{keys::type, u"future_push"_s}, {keys::id, u"x"_s}}));
    QVERIFY(std::holds_alternative<FrameError>(fromClient));
    const FrameError& error = std::get<FrameError>(fromClient);
    QCOMPARE(toString(error.error.code), u"unknown_type"_s);
    QVERIFY(!error.fatal);
    QCOMPARE(error.id, QJsonValue(u"x"_s));
    QVERIFY(!error.type.has_value());
}

void tst_Frames::encodeAddsEnvelope()
{
    QCOMPARE(toObject(encodeAnswer(OkAnswer {}, QJsonValue(7))),
        (QJsonObject {{keys::type, u"ok"_s}, {keys::re, 7}}));
    QCOMPARE(toObject(encodeAnswer(OkAnswer {}, QJsonValue(u"a"_s))),
        (QJsonObject {{keys::type, u"ok"_s}, {keys::re, u"a"_s}}));
    // An answer to a request without id has no `re`, like a push.
    QCOMPARE(
        toObject(encodeAnswer(OkAnswer {}, QJsonValue())), (QJsonObject {{keys::type, u"ok"_s}}));
    QCOMPARE(toObject(encodePush(RoomRemovedPush {u"r9"_s})),
        (QJsonObject {{keys::type, u"room_removed"_s}, {keys::room, u"r9"_s}}));
    QCOMPARE(toObject(encodeRequest(PingRequest {}, QJsonValue(1))),
        (QJsonObject {{keys::type, u"ping"_s}, {keys::id, 1}}));
    // Frames sharing a wire name in both directions encode under that name.
    QCOMPARE(toObject(encodePush(TypingPush {u"r1"_s, u"u2"_s, true})).value(keys::type),
        QJsonValue(u"typing"_s));
    QCOMPARE(
        toObject(encodeRequest(TypingRequest {u"r1"_s, true}, QJsonValue(2))).value(keys::type),
        QJsonValue(u"typing"_s));
}

QTEST_APPLESS_MAIN(tst_Frames)
#include "tst_frames.moc"
