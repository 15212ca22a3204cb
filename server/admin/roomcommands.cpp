// palaver-server room list|show|delete
#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"
#include "server/admin/texttable.h"
#include "server/storage/store.h"

#include <QDateTime>

namespace palaver::server::admin {
namespace {
const QString kUsage = QStringLiteral("  palaver-server room list\n"
                                      "  palaver-server room show ID\n"
                                      "  palaver-server room delete ID\n"
                                      "Common options: --data-dir DIR, --config FILE, --help");

QString label(const RoomSummary& r)
{
    return r.room.kind == RoomKind::Direct ? QStringLiteral("(%1)").arg(r.memberNames)
                                           : r.room.name;
}

// The room id argument of show and delete; nullopt (and a usage error) when it is not one.
std::optional<qint64> roomIdArgument(AdminContext& ctx)
{
    bool ok = false;
    const qint64 id = ctx.positional().first().toLongLong(&ok);
    if (!ok || id <= 0) {
        ctx.usageError(QStringLiteral("'%1' is not a room id (see 'room list')")
                           .arg(ctx.positional().first()));
        return std::nullopt;
    }
    return id;
}

int list(AdminContext& ctx)
{
    QCommandLineParser parser;
    if (const auto exit = ctx.parse(parser, QStringLiteral("room list"),
            QStringLiteral("List every room, direct chats included."), 0, 0))
        return *exit;
    QList<RoomSummary> rooms;
    const int code = ctx.inRead([&](Store& store) {
        rooms = store.admin().listRooms();
        return int(ExitOk);
    });
    if (code != ExitOk)
        return code;
    TextTable table({QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("MEMBERS"),
        QStringLiteral("EVENTS"), QStringLiteral("CREATED (UTC)"), QStringLiteral("NAME")});
    for (const RoomSummary& r : std::as_const(rooms)) {
        table.addRow(
            {QString::number(r.room.id), toString(r.room.kind), QString::number(r.room.memberCount),
                QString::number(r.room.lastSeq), formatTime(r.room.createdTs), label(r)});
    }
    table.print(ctx.out());
    ctx.out() << rooms.size() << (rooms.size() == 1 ? " room" : " rooms") << Qt::endl;
    return ExitOk;
}

int show(AdminContext& ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The room's id."));
    if (const auto exit = ctx.parse(parser, QStringLiteral("room show ID"),
            QStringLiteral("Show a room and its members."), 1, 1))
        return *exit;
    const auto id = roomIdArgument(ctx);
    if (!id)
        return ExitUsage;
    std::optional<RoomRecord> room;
    QList<MemberInfo> members;
    const int code = ctx.inRead([&](Store& store) {
        room = store.rooms().room(*id);
        if (!room)
            return ctx.fail(QStringLiteral("no room %1").arg(*id));
        members = store.rooms().members(*id);
        return int(ExitOk);
    });
    if (code != ExitOk)
        return code;
    printFields(ctx.out(),
        {{QStringLiteral("id"), QString::number(room->id)},
            {QStringLiteral("kind"), toString(room->kind)}, {QStringLiteral("name"), room->name},
            {QStringLiteral("topic"), room->topic},
            {QStringLiteral("created"), formatTime(room->createdTs) + QStringLiteral(" UTC")},
            {QStringLiteral("events"), QString::number(room->lastSeq)},
            {QStringLiteral("members"), QString::number(room->memberCount)}});
    ctx.out() << '\n';
    TextTable table({QStringLiteral("USER ID"), QStringLiteral("USERNAME"),
        QStringLiteral("DISPLAY NAME"), QStringLiteral("ROLE"), QStringLiteral("LAST READ")});
    for (const MemberInfo& m : std::as_const(members)) {
        table.addRow(
            {m.user, m.username, m.displayName, toString(m.role), QString::number(m.lastReadSeq)});
    }
    table.print(ctx.out());
    return ExitOk;
}

int remove(AdminContext& ctx)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("The room's id."));
    if (const auto exit = ctx.parse(parser, QStringLiteral("room delete ID"),
            QStringLiteral("Delete a room with its members and history. Members' connected "
                           "devices get room_removed."),
            1, 1))
        return *exit;
    const auto id = roomIdArgument(ctx);
    if (!id)
        return ExitUsage;
    std::optional<RoomRecord> room;
    const int code = ctx.inTransaction([&](Store& store) {
        room = store.rooms().room(*id);
        if (!room || !store.admin().deleteRoom(*id))
            return ctx.fail(QStringLiteral("no room %1").arg(*id));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        store.admin().noteAccountChange({0, AccountChange::Kind::RoomDeleted, 0, *id, now});
        store.audit().record(
            ctx.audit(QStringLiteral("admin_room_delete"), QStringLiteral("room:%1").arg(*id),
                jsonDetail({{QStringLiteral("kind"), toString(room->kind)},
                    {QStringLiteral("name"), room->name},
                    {QStringLiteral("members"), room->memberCount},
                    {QStringLiteral("events"), room->lastSeq}})));
        return int(ExitOk);
    });
    if (code == ExitOk)
        ctx.out() << "deleted room " << *id << " (" << toString(room->kind) << " '" << room->name
                  << "'): " << room->memberCount << " members, " << room->lastSeq << " events"
                  << Qt::endl;
    return code;
}
} // namespace

int runRoomCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    using Handler = int (*)(AdminContext&);
    const std::pair<const char*, Handler> handlers[] = {
        {"list", list}, {"show", show}, {"delete", remove}};
    for (const auto& [word, handler] : handlers) {
        if (sub == QLatin1String(word)) {
            AdminContext ctx({QStringLiteral("room"), sub}, args.mid(1), out, err);
            return handler(ctx);
        }
    }
    return groupUsage(QStringLiteral("room"), kUsage, args, out, err);
}

} // namespace palaver::server::admin
