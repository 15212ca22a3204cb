#pragma once
// Users and rooms have integer keys inside the server and opaque string ids on the wire.
#include <QString>
#include <optional>

namespace palaver::server {

inline QString toWireId(qint64 id)
{
    return QString::number(id);
}

/// nullopt for strings the server never issued; callers answer as for a missing row.
inline std::optional<qint64> fromWireId(const QString& id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    if (!ok || value <= 0 || toWireId(value) != id)
        return std::nullopt;
    return value;
}

} // namespace palaver::server
