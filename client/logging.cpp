#include "client/logging.h"

Q_LOGGING_CATEGORY(lcClientNet, "palaver.client.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientCache, "palaver.client.cache", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientSync, "palaver.client.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientOutbox, "palaver.client.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientCredentials, "palaver.client.credentials", QtInfoMsg)
