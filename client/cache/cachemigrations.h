#pragma once
// The cache's schema as numbered migrations. A migration is never edited once released: a
// change is a new number, so every installed cache can walk forward from where it is.
#include <QList>
#include <QStringList>

namespace palaver::client {

/// One schema step: its number and the statements that take the cache there.
struct CacheMigration
{
    int version = 0;
    QStringList statements;
};

/// Every migration, in ascending order of version.
const QList<CacheMigration>& cacheMigrations();

} // namespace palaver::client
