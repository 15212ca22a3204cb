#pragma once
// What every request handler may use. Passed by reference: no globals.
namespace palaver::server {
class Database;
class Fanout;
class PasswordHasher;
class RateLimiter;
class RoomRoster;
class SessionRegistry;
struct ServerConfig;

struct ServerContext {
    const ServerConfig& config;
    Database& db;
    RoomRoster& roster;
    SessionRegistry& sessions;
    Fanout& fanout;
    PasswordHasher& hasher;
    RateLimiter& limiter;
};

} // namespace palaver::server
