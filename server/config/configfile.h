#pragma once
// The --config INI file: `key = value` lines named like the long flags (listen, data-dir, …),
// outside any [section]. Unknown keys are an error, so a typo is not silently ignored.
#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace palaver::server {

class ConfigFile
{
public:
    /// Reads `path`; on failure returns nullopt and sets `error`. An empty path is an empty file.
    static std::optional<ConfigFile> read(
        const QString& path, const QStringList& knownKeys, QString* error);

    /// The value of `key`, or a null string when the file does not set it.
    QString value(const QString& key) const { return m_values.value(key); }

private:
    QHash<QString, QString> m_values;
};

/// The environment variable for an option: "data-dir" -> PALAVER_DATA_DIR.
QByteArray environmentName(const QString& option);

} // namespace palaver::server
