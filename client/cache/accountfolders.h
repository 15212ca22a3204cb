#pragma once
// Where each account's files live: <base>/accounts/<host_port>_<username>/, and which
// account was used last (what restoreSession opens).
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

private:
    QString lastUsedFile() const;

    QString m_base;
};

} // namespace palaver::client
