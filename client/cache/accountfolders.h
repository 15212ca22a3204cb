#pragma once
// Where each account's files live: <base>/accounts/<host_port>_<username>/, which account
// was used last (what restoreSession opens) and the certificates the user trusted.
#include <QString>

namespace palaver::client {

class ServerAddress;

/// The account folders below one base folder.
class AccountFolders
{
public:
    /// `base` defaults to QStandardPaths::AppDataLocation; tests pass a temporary folder.
    explicit AccountFolders(const QString& base = {});

    QString base() const { return m_base; }
    /// The folder of an account (not created).
    QString folderFor(const ServerAddress& server, const QString& username) const;
    /// The folder of the last signed-in account, or empty.
    QString lastUsed() const;
    void setLastUsed(const QString& folder);
    void clearLastUsed();
    /// The profile's pinned server certificates (shared by its accounts: a pin belongs to
    /// the server, not to a user of it).
    QString certificatePinsFile() const;

private:
    QString lastUsedFile() const;

    QString m_base;
};

} // namespace palaver::client
