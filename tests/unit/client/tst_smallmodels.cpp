// MemberListModel and TypingModel fed with real server frames, under QAbstractItemModelTester.
#include "client/models/memberlistmodel.h"
#include "client/models/typingmodel.h"
#include "tests/unit/client/clienttestsupport.h"
#include "tests/unit/client/modelfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace palaver;
using namespace palaver::client;
using clienttest::ModelFixture;

class tst_SmallModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void memberListFollowsAnswersAndPresence();
    void typingText_data();
    void typingText();
    void typingFollowsPushesAndExpires();
};

void tst_SmallModels::memberListFollowsAnswersAndPresence()
{
    ModelFixture f;
    MemberListModel model(u"1"_s, f.members);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto names = model.roleNames();
    const QList<QByteArray> expected {
        "userId", "username", "displayName", "role", "presence", "lastSeen"};
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(names.value(Qt::UserRole + 1 + i), expected[i]);

    // A members answer as the wire carries it.
    MembersAnswer answer;
    answer.room = u"1"_s;
    answer.members = {{u"1"_s, u"ada"_s, u"Ada"_s, Role::Owner, 3, PresenceStatus::Online, {}},
        {u"2"_s, u"bob"_s, u"Bob"_s, Role::Member, 1, PresenceStatus::Offline, 77}};
    const auto decoded = std::get<MembersAnswer>(
        std::get<ServerFrame>(decodeServerFrame(encodeAnswer(answer, QJsonValue(4)))).message);
    f.members.setMembers(decoded.room, decoded.members);
    QCOMPARE(clienttest::column(&model, "displayName"), (QStringList {u"Ada"_s, u"Bob"_s}));
    QCOMPARE(clienttest::column(&model, "role"), (QStringList {u"owner"_s, u"member"_s}));
    QCOMPARE(model.index(1, 0).data(MemberListModel::LastSeenRole).toLongLong(), 77);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    f.push(PresencePush {u"2"_s, PresenceStatus::Online, std::nullopt});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(clienttest::column(&model, "presence"), (QStringList {u"online"_s, u"online"_s}));
    // The markers of the answer are known to the store.
    QCOMPARE(f.members.markers(u"1"_s).value(u"2"_s), 1);
}

void tst_SmallModels::typingText_data()
{
    QTest::addColumn<QStringList>("typists");
    QTest::addColumn<QString>("text");
    QTest::newRow("nobody") << QStringList {} << QString();
    QTest::newRow("one") << QStringList {u"Ada"_s} << u"Ada is typing…"_s;
    QTest::newRow("two") << QStringList {u"Ada"_s, u"Bo"_s} << u"Ada and Bo are typing…"_s;
    QTest::newRow("three") << QStringList {u"Ada"_s, u"Bo"_s, u"Cy"_s}
                           << u"Ada, Bo and 1 other are typing…"_s;
    QTest::newRow("four") << QStringList {u"Ada"_s, u"Bo"_s, u"Cy"_s, u"Di"_s}
                          << u"Ada, Bo and 2 others are typing…"_s;
}

void tst_SmallModels::typingText()
{
    QFETCH(QStringList, typists);
    QFETCH(QString, text);
    TypingModel model(u"r"_s, [](const QString& id) { return id; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const QString& user : typists)
        model.setTyping(user, true);
    QCOMPARE(model.text(), text);
    QCOMPARE(model.rowCount(), typists.size());
}

void tst_SmallModels::typingFollowsPushesAndExpires()
{
    ModelFixture f;
    f.members.rememberName(u"2"_s, u"Bob"_s);
    TypingModel model(
        u"1"_s, [&f](const QString& id) { return f.members.displayName(id); }, nullptr, 200);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.roleNames().value(Qt::UserRole + 1), "userId");
    QCOMPARE(model.roleNames().value(Qt::UserRole + 2), "displayName");
    QObject::connect(&f.sync, &SyncEngine::typingReceived, &model,
        [&model](const TypingPush& push) { model.setTyping(push.user, push.active); });
    QSignalSpy text(&model, &TypingModel::textChanged);
    f.push(TypingPush {u"1"_s, u"2"_s, true});
    QCOMPARE(model.text(), u"Bob is typing…"_s);
    QCOMPARE(model.index(0, 0).data(TypingModel::DisplayNameRole).toString(), u"Bob"_s);
    f.push(TypingPush {u"1"_s, u"2"_s, false});
    QCOMPARE(model.rowCount(), 0);
    f.push(TypingPush {u"1"_s, u"2"_s, true});
    // A typist whose active:false never comes (a lost push) goes away by itself.
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(text.size(), 4);
}

QTEST_GUILESS_MAIN(tst_SmallModels)
#include "tst_smallmodels.moc"
