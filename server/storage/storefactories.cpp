#include "server/storage/storefactories.h"

#include "server/storage/postgresstorefactory.h"
#include "server/storage/sqlitestorefactory.h"
#include "server/storage/storeerror.h"

namespace palaver::server {

std::unique_ptr<StoreFactory> openStoreFactory(
    const QString& databaseUrl, const QString& sqlitePath)
{
    if (databaseUrl.isEmpty())
        return std::make_unique<SqliteStoreFactory>(sqlitePath);
    auto url = PostgresUrl::parse(databaseUrl);
    if (!url)
        throw StoreError(QStringLiteral("not a postgresql://USER:PASSWORD@HOST:PORT/DB URL"));
    return std::make_unique<PostgresStoreFactory>(std::move(*url));
}

} // namespace palaver::server
