#pragma once
#include <QString>
#include <optional>

namespace palaver::server {

/// The parts of postgresql://USER:PASSWORD@HOST:PORT/DB (the password percent-decoded).
struct PostgresUrl
{
    QString user;
    QString password;
    QString host;
    int port = 5432;
    QString database;

    /// nullopt unless `text` is a postgresql:// (or postgres://) URL with a host and a
    /// database name.
    static std::optional<PostgresUrl> parse(const QString& text);
    /// postgresql://USER@HOST:PORT/DB: for logs and messages, never with the password.
    QString description() const;
};

} // namespace palaver::server
