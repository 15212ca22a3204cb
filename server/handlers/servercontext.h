#pragma once
// What every request handler may use. Passed by reference: no globals.
namespace palaver::server {
class BadgePublisher;
class ClusterLink;
class Database;
class Fanout;
class LoginThrottle;
class PasswordHasher;
class PresenceTracker;
class RateLimiter;
class SharedRateLimit;
class RoomRoster;
class SessionRegistry;
class TypingTracker;
struct ServerConfig;
struct ServerMetrics;

struct ServerContext
{
    const ServerConfig& config;
    Database& db;
    RoomRoster& roster;
    SessionRegistry& sessions;
    Fanout& fanout;
    PasswordHasher& hasher;
    RateLimiter& limiter;
    BadgePublisher& badges;
    TypingTracker& typing;
    PresenceTracker& presence;
    ServerMetrics& metrics;
    LoginThrottle& logins;
    ClusterLink& cluster;
    SharedRateLimit* sharedLimit = nullptr; ///< with a bus: the message rate over all nodes
};

} // namespace palaver::server
