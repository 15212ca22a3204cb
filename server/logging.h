#pragma once
// The server's logging categories, enabled with QT_LOGGING_RULES or --log-level.
#include <QLoggingCategory>

namespace palaver::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcSession)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
} // namespace palaver::server
