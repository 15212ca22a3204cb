#pragma once
// A Redis reply as a plain value, copied out of hiredis so it outlives the hiredis callback.
#include <QByteArray>
#include <QList>

namespace palaver::server {
/// One reply; for Kind::Failed the command was not sent or the connection was lost first.
struct RedisReply
{
    enum class Kind { Failed, Error, Nil, Integer, String, Status, Array };
    Kind kind = Kind::Failed; ///< Failed: not sent or connection lost before the reply
    qint64 integer = 0;
    QByteArray string; ///< String, Status and Error text
    QList<RedisReply> elements; ///< Array
    bool ok() const { return kind != Kind::Failed && kind != Kind::Error; }
};
} // namespace palaver::server
