#include "server/bus/buslogging.h"

namespace palaver::server {
Q_LOGGING_CATEGORY(lcBus, "palaver.bus", QtInfoMsg)
} // namespace palaver::server
