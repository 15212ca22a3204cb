#pragma once
// Keeps the session token (never the password) between runs: in the system keychain when
// one answers, else in a file only the user can read.
#include <QObject>

namespace palaver::client {

/// The token of one account.
class TokenStore : public QObject
{
    Q_OBJECT
public:
    /// `folder` is the account folder (for the fallback file); `key` names the keychain entry
    /// ("<server>/<username>"). With `useKeychain` false only the file is used (tests, and
    /// systems where the keychain prompts are unwanted).
    TokenStore(
        const QString& folder, const QString& key, bool useKeychain, QObject* parent = nullptr);

    /// Stores the token; `saved` follows.
    void save(const QString& token);
    /// Reads the token; `loaded` follows (with an empty string when there is none).
    void load();
    /// Deletes the token wherever it is.
    void forget();

    /// Service name of the keychain entries.
    static constexpr QLatin1StringView kService {"palaver"};
    /// Path of the fallback file.
    QString filePath() const;

Q_SIGNALS:
    void saved(bool inKeychain);
    void loaded(const QString& token);

private:
    bool writeFile(const QString& token);
    QString readFile() const;
    void removeFile();

    QString m_folder;
    QString m_key;
    bool m_useKeychain;
};

} // namespace palaver::client
