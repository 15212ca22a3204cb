#pragma once
#include <QString>
#include <optional>

namespace palaver::server::admin {

/// A new password for `user add` / `user reset-password`, never from the command line (argv
/// is visible to every local user): the first line of stdin with `fromStdin`, else typed twice
/// at a terminal without echo. nullopt with `error` set when there is none or it is too short.
std::optional<QString> readNewPassword(bool fromStdin, QString* error);

} // namespace palaver::server::admin
