#pragma once
// Logging categories of the client library, one per area, so a user can enable e.g.
// QT_LOGGING_RULES="palaver.client.net.debug=true" without drowning in the rest.
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcClientNet)
Q_DECLARE_LOGGING_CATEGORY(lcClientCache)
Q_DECLARE_LOGGING_CATEGORY(lcClientSync)
Q_DECLARE_LOGGING_CATEGORY(lcClientOutbox)
Q_DECLARE_LOGGING_CATEGORY(lcClientCredentials)
