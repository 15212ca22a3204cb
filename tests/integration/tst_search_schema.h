#pragma once
// Takes migration 005 (message search) out of a stopped server's database again, so the next
// start runs it on messages that are already there: the upgrade of an older database.
class ServerProcess;

namespace searchschema {

/// Drops the search tables (and on PostgreSQL palaver_search_text) and forgets version 5.
bool remove(const ServerProcess& server);
/// PostgreSQL: drops the unaccent extension and makes it impossible to create again (a
/// function of its name is in the way), as on a server without the contrib package or
/// without the CREATE privilege. The next migration must fall back to no accent folding.
bool blockUnaccent(const ServerProcess& server);

} // namespace searchschema
