#include "server/admin/passwordinput.h"

#include "shared/limits.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace palaver::server::admin {
namespace {
std::optional<QString> readLine(FILE* in)
{
    std::string line;
    int c = 0;
    while ((c = std::fgetc(in)) != EOF && c != '\n')
        line.push_back(char(c));
    if (c == EOF && line.empty())
        return std::nullopt;
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return QString::fromStdString(line);
}

// Echo off while the password is typed; restored even when reading fails.
std::optional<QString> prompt(const char* text)
{
    std::fputs(text, stderr);
    std::fflush(stderr);
    termios saved {};
    const bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::optional<QString> line = readLine(stdin);
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::fputs("\n", stderr);
    return line;
}
} // namespace

std::optional<QString> readNewPassword(bool fromStdin, QString* error)
{
    std::optional<QString> password;
    if (fromStdin) {
        password = readLine(stdin);
    } else if (isatty(STDIN_FILENO)) {
        password = prompt("New password: ");
        if (password && prompt("Repeat it: ") != password) {
            *error = QStringLiteral("the passwords do not match");
            return std::nullopt;
        }
    } else {
        *error = QStringLiteral("stdin is not a terminal: give the password on stdin with "
                                "--password-stdin");
        return std::nullopt;
    }
    if (!password) {
        *error = QStringLiteral("no password given");
        return std::nullopt;
    }
    if (password->size() < limits::minPassword || password->size() > limits::maxPassword) {
        *error = QStringLiteral("a password needs %1 to %2 characters")
                     .arg(limits::minPassword)
                     .arg(limits::maxPassword);
        return std::nullopt;
    }
    return password;
}

} // namespace palaver::server::admin
