#include "server/config/configfile.h"

#include <QFileInfo>
#include <QSettings>

namespace palaver::server {

std::optional<ConfigFile> ConfigFile::read(
    const QString& path, const QStringList& knownKeys, QString* error)
{
    ConfigFile file;
    if (path.isEmpty())
        return file;
    if (!QFileInfo(path).isReadable()) {
        *error = QStringLiteral("--config: cannot read '%1'").arg(path);
        return std::nullopt;
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        *error = QStringLiteral("--config: '%1' is not a valid INI file").arg(path);
        return std::nullopt;
    }
    for (const QString& key : ini.allKeys()) {
        // QSettings knows only ';' comments and reads "# tls-cert = …" as a key: admins write
        // '#' comments, so such lines are comments here too.
        if (key.startsWith(u'#'))
            continue;
        if (!knownKeys.contains(key)) {
            *error =
                QStringLiteral("--config: unknown option '%1' in '%2' (see --help)").arg(key, path);
            return std::nullopt;
        }
        const QVariant value = ini.value(key);
        // QSettings splits unquoted values at commas; lists are comma-separated text here.
        file.m_values.insert(key,
            value.userType() == QMetaType::QStringList ? value.toStringList().join(u',')
                                                       : value.toString());
    }
    return file;
}

QByteArray environmentName(const QString& option)
{
    return "PALAVER_" + option.toUpper().replace(u'-', u'_').toLatin1();
}

} // namespace palaver::server
