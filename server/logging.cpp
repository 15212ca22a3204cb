#include "server/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace palaver::server {
Q_LOGGING_CATEGORY(lcServer, "palaver.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "palaver.server.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "palaver.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "palaver.server.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCluster, "palaver.server.cluster", QtInfoMsg)

namespace {
bool g_json = false;

const char* levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

// logfmt quoting: the message in double quotes with \ " and control characters escaped, so
// one record is always one line whatever a peer put in it.
QByteArray quoted(const QString& text)
{
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (uchar(c) < 0x20)
            out += c == '\n' ? QByteArray("\\n")
                             : QByteArray("\\x") + QByteArray::number(uchar(c), 16);
        else
            out += c;
    }
    return out + '"';
}

void writeRecord(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const char* category = context.category ? context.category : "default";
    QByteArray line;
    if (g_json) {
        line = QJsonDocument(QJsonObject {{QStringLiteral("ts"), ts},
                                 {QStringLiteral("level"), QString::fromLatin1(levelName(type))},
                                 {QStringLiteral("cat"), QString::fromLatin1(category)},
                                 {QStringLiteral("msg"), message}})
                   .toJson(QJsonDocument::Compact);
    } else {
        line = "ts=" + ts.toLatin1() + " level=" + levelName(type) + " cat=" + category +
            " msg=" + quoted(message);
    }
    line += '\n';
    fwrite(line.constData(), 1, size_t(line.size()), stderr);
    fflush(stderr);
}
} // namespace

void installLogging(const QString& level, const QString& format)
{
    g_json = format == u"json";
    QString rules;
    if (level == u"debug")
        rules = QStringLiteral("palaver.*.debug=true");
    else if (level == u"warning")
        rules = QStringLiteral("*.debug=false\n*.info=false");
    else if (level == u"error")
        rules = QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    else
        rules = QStringLiteral("*.debug=false");
    QLoggingCategory::setFilterRules(rules);
    qInstallMessageHandler(writeRecord);
}
} // namespace palaver::server
