// palaver-server user add|list|disable|enable|reset-password
#include "server/admin/admincommands.h"
#include "server/admin/admincontext.h"
#include "server/admin/passwordinput.h"
#include "server/admin/texttable.h"
#include "server/auth/passwordhasher.h"
#include "server/storage/store.h"
#include "shared/frames/authframes.h"
#include "shared/limits.h"

#include <QDateTime>

namespace palaver::server::admin {
namespace {
const QString kUsage =
    QStringLiteral("  palaver-server user add NAME [--display-name X] [--password-stdin]\n"
                   "  palaver-server user list\n"
                   "  palaver-server user disable NAME\n"
                   "  palaver-server user enable NAME\n"
                   "  palaver-server user reset-password NAME [--password-stdin]\n"
                   "Common options: --data-dir DIR, --config FILE, --help");

const QCommandLineOption kPasswordStdin(QStringLiteral("password-stdin"),
    QStringLiteral("Read the password from the first line of stdin (else it is asked for "
                   "without echo)."));

QString userTarget(const QString& name)
{
    return QStringLiteral("user:") + name;
}

// The protocol's rule (shared/frames/authframes.cpp): names are compared in lower case.
std::optional<QString> validName(AdminContext& ctx, const QString& raw)
{
    const QString name = raw.toLower();
    if (!isValidUsername(name)) {
        ctx.usageError(QStringLiteral("'%1' is not a username: 3 to 32 characters of a-z, 0-9, "
                                      "'_', '.', '-'")
                           .arg(raw));
        return std::nullopt;
    }
    return name;
}

int add(AdminContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption display(QStringLiteral("display-name"),
        QStringLiteral("The name others see (default: the username)."), QStringLiteral("X"));
    parser.addOptions({display, kPasswordStdin});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The new username."));
    if (const auto exit =
            ctx.parse(parser, QStringLiteral("user add NAME [--display-name X] [--password-stdin]"),
                QStringLiteral("Create an account."), 1, 1))
        return *exit;
    const auto name = validName(ctx, ctx.positional().first());
    if (!name)
        return ExitUsage;
    const QString displayName =
        parser.isSet(display) ? parser.value(display).trimmed() : QString(*name);
    if (displayName.isEmpty() || displayName.size() > limits::maxDisplayName)
        return ctx.usageError(
            QStringLiteral("--display-name needs 1 to %1 characters").arg(limits::maxDisplayName));
    if (!ctx.store())
        return ExitFailed;
    QString error;
    const auto password = readNewPassword(parser.isSet(kPasswordStdin), &error);
    if (!password)
        return ctx.fail(error);
    const QString hash = PasswordHasher::hashNow(*password);
    if (hash.isEmpty())
        return ctx.fail(QStringLiteral("cannot hash the password"));
    qint64 id = 0;
    const int code = ctx.inTransaction([&](Store& store) {
        const auto created =
            store.users().createUser(*name, displayName, hash, QDateTime::currentMSecsSinceEpoch());
        if (!created)
            return ctx.fail(QStringLiteral("user '%1' already exists").arg(*name));
        id = *created;
        store.audit().record(ctx.audit(QStringLiteral("admin_user_add"), userTarget(*name),
            jsonDetail({{QStringLiteral("id"), id}})));
        return int(ExitOk);
    });
    if (code == ExitOk)
        ctx.out() << "added user " << *name << " (id " << id << ")" << Qt::endl;
    return code;
}

int list(AdminContext& ctx)
{
    QCommandLineParser parser;
    if (const auto exit =
            ctx.parse(parser, QStringLiteral("user list"), QStringLiteral("List accounts."), 0, 0))
        return *exit;
    QList<UserSummary> users;
    const int code = ctx.inRead([&](Store& store) {
        users = store.admin().listUsers();
        return int(ExitOk);
    });
    if (code != ExitOk)
        return code;
    TextTable table({QStringLiteral("ID"), QStringLiteral("USERNAME"),
        QStringLiteral("DISPLAY NAME"), QStringLiteral("STATUS"), QStringLiteral("SESSIONS"),
        QStringLiteral("CREATED (UTC)"), QStringLiteral("LAST SEEN (UTC)")});
    for (const UserSummary& u : std::as_const(users)) {
        table.addRow({QString::number(u.user.id), u.user.username, u.user.displayName,
            u.user.disabled ? QStringLiteral("disabled") : QStringLiteral("active"),
            QString::number(u.liveSessions), formatTime(u.createdTs), formatTime(u.user.lastSeen)});
    }
    table.print(ctx.out());
    ctx.out() << users.size() << (users.size() == 1 ? " user" : " users") << Qt::endl;
    return ExitOk;
}

// disable, enable and reset-password: find the user, change it, say what happened.
struct Change
{
    QString synopsis;
    QString description;
};

int changeUser(AdminContext& ctx, const Change& what,
    const std::function<int(Store&, const UserRecord&)>& job, bool wantsPassword,
    QString* passwordHash)
{
    QCommandLineParser parser;
    if (wantsPassword)
        parser.addOption(kPasswordStdin);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The username."));
    if (const auto exit = ctx.parse(parser, what.synopsis, what.description, 1, 1))
        return *exit;
    const auto name = validName(ctx, ctx.positional().first());
    if (!name)
        return ExitUsage;
    if (!ctx.store())
        return ExitFailed;
    if (wantsPassword) {
        QString error;
        const auto read = readNewPassword(parser.isSet(kPasswordStdin), &error);
        if (!read)
            return ctx.fail(error);
        // Hashed before the transaction: ~25 ms the server's writer need not wait.
        *passwordHash = PasswordHasher::hashNow(*read);
        if (passwordHash->isEmpty())
            return ctx.fail(QStringLiteral("cannot hash the password"));
    }
    return ctx.inTransaction([&](Store& store) {
        const auto user = store.users().userByName(*name);
        if (!user)
            return ctx.fail(QStringLiteral("no user '%1'").arg(*name));
        return job(store, *user);
    });
}

int disable(AdminContext& ctx)
{
    qint64 revoked = 0;
    QString name;
    const int code = changeUser(
        ctx,
        {QStringLiteral("user disable NAME"),
            QStringLiteral("Disable an account: its sessions are revoked and its connected "
                           "devices closed (4403).")},
        [&](Store& store, const UserRecord& user) {
            name = user.username;
            store.admin().setDisabled(user.id, true);
            revoked = store.admin().revokeSessions(user.id);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            store.admin().noteAccountChange({0, AccountChange::Kind::Disabled, user.id, 0, now});
            store.audit().record(
                ctx.audit(QStringLiteral("admin_user_disable"), userTarget(user.username),
                    jsonDetail({{QStringLiteral("sessions_revoked"), revoked}})));
            return int(ExitOk);
        },
        false, nullptr);
    if (code == ExitOk)
        ctx.out() << "disabled " << name << ": revoked " << revoked
                  << " sessions; a running server closes its connections within a second"
                  << Qt::endl;
    return code;
}

int enable(AdminContext& ctx)
{
    QString name;
    const int code = changeUser(
        ctx,
        {QStringLiteral("user enable NAME"),
            QStringLiteral("Enable a disabled account: it can log in again.")},
        [&](Store& store, const UserRecord& user) {
            name = user.username;
            store.admin().setDisabled(user.id, false);
            store.audit().record(ctx.audit(
                QStringLiteral("admin_user_enable"), userTarget(user.username), QString()));
            return int(ExitOk);
        },
        false, nullptr);
    if (code == ExitOk)
        ctx.out() << "enabled " << name << ": it can log in again" << Qt::endl;
    return code;
}

int resetPassword(AdminContext& ctx)
{
    QString hash;
    QString name;
    qint64 revoked = 0;
    const int code = changeUser(
        ctx,
        {QStringLiteral("user reset-password NAME [--password-stdin]"),
            QStringLiteral("Set a new password: every session is revoked and connected devices "
                           "closed (4401).")},
        [&](Store& store, const UserRecord& user) {
            name = user.username;
            store.admin().setPasswordHash(user.id, hash);
            revoked = store.admin().revokeSessions(user.id);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            store.admin().noteAccountChange(
                {0, AccountChange::Kind::PasswordReset, user.id, 0, now});
            store.audit().record(
                ctx.audit(QStringLiteral("admin_reset_password"), userTarget(user.username),
                    jsonDetail({{QStringLiteral("sessions_revoked"), revoked}})));
            return int(ExitOk);
        },
        true, &hash);
    if (code == ExitOk)
        ctx.out() << "new password set for " << name << ": revoked " << revoked << " sessions"
                  << Qt::endl;
    return code;
}
} // namespace

int runUserCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    using Handler = int (*)(AdminContext&);
    const std::pair<const char*, Handler> handlers[] = {{"add", add}, {"list", list},
        {"disable", disable}, {"enable", enable}, {"reset-password", resetPassword}};
    for (const auto& [word, handler] : handlers) {
        if (sub == QLatin1String(word)) {
            AdminContext ctx({QStringLiteral("user"), sub}, args.mid(1), out, err);
            return handler(ctx);
        }
    }
    return groupUsage(QStringLiteral("user"), kUsage, args, out, err);
}

} // namespace palaver::server::admin
