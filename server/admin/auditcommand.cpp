// palaver-server audit [--since DATE|DURATION] [--limit N]
#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"
#include "server/admin/texttable.h"
#include "server/storage/store.h"

#include <QDateTime>
#include <QRegularExpression>

namespace palaver::server::admin {
namespace {
constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 100000;

// "24h", "30m", "7d", "2w", "90s" back from now, or an ISO date or date-time taken as UTC
// unless it carries an offset ("2026-12-01", "2026-12-01T08:30", "2026-12-01T08:30:00+01:00").
std::optional<qint64> parseSince(const QString& text, qint64 now)
{
    static const QRegularExpression duration(QStringLiteral("^(\\d{1,9})\\s*([smhdw])$"));
    if (const auto m = duration.match(text.trimmed()); m.hasMatch()) {
        static const QHash<QChar, qint64> unitMs {{u's', 1000}, {u'm', 60'000}, {u'h', 3'600'000},
            {u'd', 86'400'000}, {u'w', 7 * 86'400'000LL}};
        return now - m.captured(1).toLongLong() * unitMs.value(m.captured(2).at(0));
    }
    if (const QDate date = QDate::fromString(text, Qt::ISODate); date.isValid())
        return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    QDateTime dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no offset written: UTC, like the listing
    return dt.toMSecsSinceEpoch();
}

QString actorOf(const AuditRecord& r)
{
    return r.actorName.isEmpty() ? QStringLiteral("-") : r.actorName;
}
} // namespace

int runAuditCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    AdminContext ctx({QStringLiteral("audit")}, args, out, err);
    QCommandLineParser parser;
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("Only entries from then on: an ISO date or date-time (UTC unless it has "
                       "an offset) or a duration back from now: 90s, 30m, 24h, 7d, 2w."),
        QStringLiteral("WHEN"));
    const QCommandLineOption limit(QStringLiteral("limit"),
        QStringLiteral("Show at most the newest N entries (default %1).").arg(kDefaultLimit),
        QStringLiteral("N"));
    parser.addOptions({since, limit});
    if (const auto exit =
            ctx.parse(parser, QStringLiteral("audit [--since DATE|DURATION] [--limit N]"),
                QStringLiteral("Show the audit log, oldest first (times in UTC)."), 0, 0))
        return *exit;
    qint64 from = 0;
    if (parser.isSet(since)) {
        const auto parsed = parseSince(parser.value(since), QDateTime::currentMSecsSinceEpoch());
        if (!parsed)
            return ctx.usageError(
                QStringLiteral("--since: '%1' is not a date or a duration like 24h")
                    .arg(parser.value(since)));
        from = *parsed;
    }
    int count = kDefaultLimit;
    if (parser.isSet(limit)) {
        bool ok = false;
        count = parser.value(limit).toInt(&ok);
        if (!ok || count <= 0 || count > kMaxLimit)
            return ctx.usageError(QStringLiteral("--limit: '%1' is not a number from 1 to %2")
                                      .arg(parser.value(limit))
                                      .arg(kMaxLimit));
    }
    QList<AuditRecord> rows;
    const int code = ctx.inRead([&](Store& store) {
        rows = store.audit().since(from, count);
        return int(ExitOk);
    });
    if (code != ExitOk)
        return code;
    TextTable table(
        {QStringLiteral("TIME (UTC)"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"),
            QStringLiteral("TARGET"), QStringLiteral("ADDRESS"), QStringLiteral("DETAIL")});
    for (const AuditRecord& r : std::as_const(rows)) {
        table.addRow({formatTime(r.ts), actorOf(r), r.action, r.target, r.address, r.detail});
    }
    table.print(ctx.out());
    ctx.out() << rows.size() << (rows.size() == 1 ? " entry" : " entries") << Qt::endl;
    return ExitOk;
}

} // namespace palaver::server::admin
