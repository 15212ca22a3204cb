// palaver-cache-fill: writes the account cache of a signed-in desktop client for the issue-4
// figures — 50 rooms and 100,000 messages, room "1" holding 10,000 — through the client
// library's own LocalCache, plus the saved-session record (meta, token file, last-account) so
// `palaver --profile NAME` restores the account at launch without a server.
//
// All 100,000 messages are written through saveEvents (batches of 1,000, as a sync would) and
// stay cached: LocalCache::kEventsPerRoom (10,000 newest seqs per room) holds the big room.
//
//   palaver-cache-fill --profile bench [--server ws://127.0.0.1:8765/v1]
// The account folder is under AppDataLocation of application "palaver-NAME" (organisation
// "Palaver"), as the app computes it; set XDG_DATA_HOME to keep it in a scratch folder.
#include "client/cache/accountfolders.h"
#include "client/cache/localcache.h"
#include "client/net/serveraddress.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <cstdio>

using namespace palaver;
using namespace palaver::client;

namespace {

constexpr int kRooms = 50;
constexpr int kMessages = 100000;
constexpr int kBigRoomMessages = 10000;
constexpr int kUsers = 6; // user "1" is the account itself

const char* const kWords[] = {"the", "build", "is", "green", "again", "after", "we", "moved",
    "tests", "to", "the", "new", "runner", "lunch", "at", "noon", "review", "please", "ship", "it",
    "tomorrow", "morning", "sounds", "good", "merged", "thanks", "looking", "into", "that"};

QString messageText(int n)
{
    // Mostly one line, every 7th a paragraph, every 23rd several lines: a plausible mix.
    const int words = n % 23 == 0 ? 60 : (n % 7 == 0 ? 30 : 4 + n % 9);
    QString text;
    for (int i = 0; i < words; ++i) {
        if (!text.isEmpty())
            text += (n % 23 == 0 && i % 15 == 14) ? QLatin1Char('\n') : QLatin1Char(' ');
        text += QLatin1StringView(kWords[(n * 7 + i * 3) % std::size(kWords)]);
    }
    return text;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fills a palaver client cache for benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"),
        QStringLiteral("Client profile."), QStringLiteral("name"), QStringLiteral("bench"));
    const QCommandLineOption serverOption(QStringLiteral("server"),
        QStringLiteral("Server address recorded for the session."), QStringLiteral("url"),
        QStringLiteral("ws://127.0.0.1:8765/v1"));
    parser.addOptions({profileOption, serverOption});
    parser.process(app);

    // The same AppDataLocation the app uses for `--profile NAME` (qml/app/main.cpp).
    QCoreApplication::setOrganizationName(QStringLiteral("Palaver"));
    QCoreApplication::setApplicationName(QStringLiteral("palaver-") + parser.value(profileOption));
    const QString url = parser.value(serverOption);
    const ServerAddress server = ServerAddress::fromUserInput(url);
    if (!server.isValid()) {
        std::fprintf(stderr, "palaver-cache-fill: bad server address\n");
        return 64;
    }
    AccountFolders folders;
    const QString folder = folders.folderFor(server, QStringLiteral("bench"));
    QDir(folder).removeRecursively();
    LocalCache cache(folder);
    if (!cache.isOpen()) {
        std::fprintf(
            stderr, "palaver-cache-fill: cannot open the cache in %s\n", qPrintable(folder));
        return 1;
    }

    // The saved session, as Account::onAuthenticated leaves it (token in the 0600 file; run the
    // app with PALAVER_NO_KEYCHAIN=1). The token is a dummy: no server is asked at launch.
    cache.setMeta(QStringLiteral("user_id"), QStringLiteral("1"));
    cache.setMeta(QStringLiteral("username"), QStringLiteral("bench"));
    cache.setMeta(QStringLiteral("display_name"), QStringLiteral("Bench User"));
    cache.setMeta(QStringLiteral("server_url"), url);
    cache.setMeta(QStringLiteral("token_saved"), QStringLiteral("1"));
    QFile token(QDir(folder).filePath(QStringLiteral("token")));
    if (!token.open(QIODevice::WriteOnly | QIODevice::Truncate,
            QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        std::fprintf(stderr, "palaver-cache-fill: cannot write the token file\n");
        return 1;
    }
    token.write("bench-offline-token");
    token.close();
    folders.setLastUsed(folder);

    QList<MemberInfo> members;
    for (int u = 1; u <= kUsers; ++u) {
        MemberInfo m;
        m.user = QString::number(u);
        m.username = u == 1 ? QStringLiteral("bench") : QStringLiteral("user%1").arg(u);
        m.displayName = u == 1 ? QStringLiteral("Bench User") : QStringLiteral("User %1").arg(u);
        members.append(m);
    }

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int perOtherRoom = (kMessages - kBigRoomMessages) / (kRooms - 1);
    const int remainder = (kMessages - kBigRoomMessages) % (kRooms - 1);
    int written = 0;
    for (int r = 1; r <= kRooms; ++r) {
        const QString roomId = QString::number(r);
        const int count = r == 1 ? kBigRoomMessages : perOtherRoom + (r - 2 < remainder ? 1 : 0);
        cache.saveMembers(roomId, members);
        QList<Event> batch;
        Event last;
        for (int seq = 1; seq <= count; ++seq) {
            Event e;
            e.room = roomId;
            e.seq = seq;
            e.ts = now - qint64(count - seq) * 60'000 - qint64(r) * 1000; // a minute apart
            e.sender = QString::number(1 + (seq * 5 + r) % kUsers);
            e.kind = EventKind::Message;
            e.text = messageText(seq + r);
            e.clientMid = QStringLiteral("cm-%1-%2").arg(r).arg(seq);
            batch.append(e);
            last = e;
            if (batch.size() == 1000 || seq == count) {
                cache.saveEvents(batch);
                written += int(batch.size());
                batch.clear();
            }
        }
        RoomInfo room;
        room.id = roomId;
        room.kind = r % 10 == 0 ? RoomKind::Group : RoomKind::Public;
        room.name = r == 1 ? QStringLiteral("big-room") : QStringLiteral("room-%1").arg(r);
        room.topic = QStringLiteral("Benchmark room %1").arg(r);
        room.createdTs = now - 365LL * 86'400'000;
        room.lastSeq = count;
        room.memberCount = kUsers;
        RoomMembership self;
        self.lastReadSeq = count;
        room.self = self;
        room.lastEvent = last;
        cache.saveRoom(room);
        cache.setCursor(roomId, count);
    }
    qint64 kept = 0;
    for (int r = 1; r <= kRooms; ++r)
        kept += cache.eventsBefore(QString::number(r), 1LL << 40, 1'000'000).size();
    std::printf("folder=%s rooms=%d written=%d cached=%lld (cap %d per room)\n", qPrintable(folder),
        kRooms, written, static_cast<long long>(kept), LocalCache::kEventsPerRoom);
    return 0;
}
