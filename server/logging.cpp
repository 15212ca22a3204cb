#include "server/logging.h"

namespace palaver::server {
Q_LOGGING_CATEGORY(lcServer, "palaver.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "palaver.server.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "palaver.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "palaver.server.storage", QtInfoMsg)
} // namespace palaver::server
