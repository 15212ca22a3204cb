#pragma once
// The server's logging categories and its log format: one line per record on stderr,
// `ts=… level=… cat=… msg="…"` (or JSON), at the level --log-level sets.
#include <QLoggingCategory>
#include <QString>

namespace palaver::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcCluster)

/// Installs the structured handler; `level` is debug, info, warning or error and `format`
/// text or json (ServerConfig has validated both). QT_LOGGING_RULES still refines categories.
void installLogging(const QString& level, const QString& format);
} // namespace palaver::server
