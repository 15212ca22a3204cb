// palaver-search-bench: the latency of message search on the server's own store (SQLite or
// PostgreSQL), over a generated corpus; the database part of a `search` request, without
// the WebSocket around it. Figures and the command: bench/RESULTS.md ("Search").
#include "server/storage/postgresstorefactory.h"
#include "server/storage/postgresurl.h"
#include "server/storage/searchquery.h"
#include "server/storage/sqlitestorefactory.h"
#include "server/storage/sqlstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <algorithm>
#include <random>

using namespace palaver;
using namespace palaver::server;
using namespace Qt::StringLiterals;

namespace {
QTextStream out(stdout);

// Pronounceable pseudo-words, drawn with Zipf's law as words of a language are: a few very
// common ones (in a large share of messages), a long tail of rare ones.
class Vocabulary
{
public:
    Vocabulary(int size, std::mt19937& rng)
    {
        static const QString consonants = u"bcdfghjklmnprstvz"_s, vowels = u"aeiou"_s;
        QSet<QString> seen;
        while (m_words.size() < size) {
            QString w;
            const int syllables = 1 + int(rng() % 4);
            for (int s = 0; s < syllables; ++s) {
                w += consonants[int(rng() % consonants.size())];
                w += vowels[int(rng() % vowels.size())];
            }
            if (!seen.contains(w)) {
                seen.insert(w);
                m_words.append(w);
            }
        }
        std::vector<double> weights;
        for (int rank = 1; rank <= size; ++rank)
            weights.push_back(1.0 / rank);
        m_pick = std::discrete_distribution<int>(weights.begin(), weights.end());
    }
    QString draw(std::mt19937& rng) { return m_words[m_pick(rng)]; }
    const QString& byRank(int rank) const { return m_words[rank - 1]; }

private:
    QStringList m_words;
    std::discrete_distribution<int> m_pick;
};

struct Timing
{
    double medianUs;
    double p90Us;
    qsizetype hits;
};

Timing timeSearch(Store& reader, qint64 user, const QString& text, std::optional<qint64> room,
    int limit, int runs)
{
    std::vector<double> us;
    qsizetype hits = 0;
    const SearchQuery query(text);
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        reader.beginRead(); // as the ReadPool runs a read job
        hits = reader.search().search(user, query, room, limit).size();
        reader.commit();
        us.push_back(double(t.nsecsElapsed()) / 1000.0);
    }
    std::sort(us.begin(), us.end());
    return {us[us.size() / 2], us[size_t(double(us.size() - 1) * 0.9)], hits};
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Times message search over a generated corpus."_s);
    parser.addHelpOption();
    const QCommandLineOption messagesOpt(
        u"messages"_s, u"messages to store"_s, u"N"_s, u"100000"_s);
    const QCommandLineOption roomsOpt(
        u"rooms"_s, u"rooms (the user is in half)"_s, u"N"_s, u"100"_s);
    const QCommandLineOption runsOpt(u"runs"_s, u"runs of each query"_s, u"N"_s, u"21"_s);
    const QCommandLineOption databaseOpt(
        u"database"_s, u"postgresql://… (default: SQLite in a temp folder)"_s, u"URL"_s);
    const QCommandLineOption noFtsOpt(u"no-fts"_s,
        u"SQLite: store without putting anything into FTS5 (the index's share of the append "
        "cost); no searches"_s);
    parser.addOptions({messagesOpt, roomsOpt, runsOpt, databaseOpt, noFtsOpt});
    parser.process(app);
    const int messages = parser.value(messagesOpt).toInt();
    const int rooms = std::max(2, parser.value(roomsOpt).toInt());
    const int runs = std::max(1, parser.value(runsOpt).toInt());

    QTemporaryDir dir;
    std::unique_ptr<StoreFactory> factory;
    if (parser.isSet(databaseOpt))
        factory =
            std::make_unique<PostgresStoreFactory>(*PostgresUrl::parse(parser.value(databaseOpt)));
    else
        factory = std::make_unique<SqliteStoreFactory>(dir.filePath(u"palaver.db"_s));
    factory->migrate();
    auto writer = factory->open(u"bench-writer"_s, false);
    auto& sql = static_cast<SqlStore&>(*writer).connection();
    if (parser.isSet(noFtsOpt)) // message_text is still written, FTS5 never
        sql.exec(u"UPDATE search_state SET indexed_id = 9000000000000000000"_s);

    std::mt19937 rng(42);
    Vocabulary vocabulary(20000, rng);
    writer->begin();
    const qint64 user = *writer->users().createUser(u"bench"_s, u"Bench"_s, u"x"_s, 1);
    const qint64 other = *writer->users().createUser(u"other"_s, u"Other"_s, u"x"_s, 1);
    QList<qint64> roomIds;
    for (int r = 0; r < rooms; ++r) {
        roomIds.append(writer->rooms().createRoom(RoomKind::Group, u"r%1"_s.arg(r), {}, 1));
        writer->rooms().addMember(roomIds.last(), other, Role::Owner);
        if (r % 2 == 0)
            writer->rooms().addMember(roomIds.last(), user, Role::Member);
    }
    writer->commit();

    // Stored in transactions of 1,000, each send in its savepoint: group commit under load.
    QElapsedTimer appendClock;
    appendClock.start();
    for (int i = 0; i < messages; ++i) {
        if (i % 1000 == 0)
            writer->begin();
        Event e;
        e.kind = EventKind::Message;
        QStringList words;
        const int length = 5 + int(rng() % 16);
        for (int w = 0; w < length; ++w)
            words.append(vocabulary.draw(rng));
        // The rooms the user is not in also share one word of their own: a query for it walks
        // every hit and keeps none (the worst case of the newest-first walk).
        if ((i % rooms) % 2 == 1)
            words.append(u"elsewhere"_s);
        e.text = words.join(u' ');
        e.clientMid = u"m%1"_s.arg(i);
        e.ts = 1'700'000'000'000 + i;
        writer->savepoint(); // one per send, as the WriteBatcher runs them
        writer->events().append(e, roomIds[i % rooms], other);
        writer->releaseSavepoint();
        if (i % 1000 == 999 || i == messages - 1)
            writer->commit();
    }
    const double appendUs = double(appendClock.nsecsElapsed()) / 1000.0 / std::max(1, messages);
    out << "stored " << messages << " messages in " << rooms << " rooms (user in "
        << (rooms + 1) / 2 << "): " << QString::number(appendUs, 'f', 1)
        << " µs per append (in transactions of 1,000)"
        << (parser.isSet(noFtsOpt) ? " without FTS5" : "") << Qt::endl;
    if (parser.isSet(noFtsOpt))
        return 0;

    // What autovacuum does to a table this size soon after: statistics for the planner, and
    // GIN's pending list merged into the index.
    if (sql.dialect().engine() == SqlDialect::Engine::Postgres)
        sql.exec(u"VACUUM ANALYZE message_text"_s);
    auto reader = factory->open(u"bench-reader"_s, true);
    const QString common = vocabulary.byRank(1), mid = vocabulary.byRank(200),
                  rare = vocabulary.byRank(15000);
    struct Case
    {
        QString name;
        QString query;
        std::optional<qint64> room;
        int limit;
    };
    const QList<Case> cases {
        {u"most common word"_s, common, std::nullopt, 20},
        {u"most common word, limit 200"_s, common, std::nullopt, 200},
        {u"most common word, one room"_s, common, roomIds[0], 20},
        {u"word of rank 200"_s, mid, std::nullopt, 20},
        {u"rare word (rank 15,000)"_s, rare, std::nullopt, 20},
        {u"2-letter prefix"_s, common.left(2), std::nullopt, 20},
        {u"common + rank-200 prefix"_s, common + u' ' + mid.left(3), std::nullopt, 20},
        {u"three words"_s, common + u' ' + vocabulary.byRank(2) + u' ' + vocabulary.byRank(3),
            std::nullopt, 20},
        {u"no match"_s, u"xyzzyq"_s, std::nullopt, 20},
        {u"word in every message of others' rooms only"_s, u"elsewhere"_s, std::nullopt, 20},
    };
    out << "| query | hits | median | p90 |\n|---|---|---|---|\n";
    for (const Case& c : cases) {
        const Timing t = timeSearch(*reader, user, c.query, c.room, c.limit, runs);
        out << "| " << c.name << " (`" << c.query << "`) | " << t.hits << " | "
            << QString::number(t.medianUs / 1000.0, 'f', 2) << " ms | "
            << QString::number(t.p90Us / 1000.0, 'f', 2) << " ms |" << Qt::endl;
    }
    return 0;
}
