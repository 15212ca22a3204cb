#pragma once
// The logging category of the multi-node bus (Redis client and what is built on it). It lives
// here rather than in server/logging.h so the bus can be developed without touching that file.
#include <QLoggingCategory>

namespace palaver::server {
Q_DECLARE_LOGGING_CATEGORY(lcBus)
} // namespace palaver::server
