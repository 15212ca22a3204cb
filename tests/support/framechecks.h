#pragma once
// Checks on received frames that explain themselves: on a mismatch they print the whole frame,
// so a failing QVERIFY(isType(…)) shows what the server actually said.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace checks {

/// The frame as one line of JSON.
QString compact(const QJsonObject& frame);
/// True when the frame's `type` is `type`; prints the frame otherwise.
bool isType(const QJsonObject& frame, const QString& type);
/// True when the frame is an `error` with `code`; prints the frame otherwise.
bool isError(const QJsonObject& frame, const QString& code);
/// The `seq` of each event, in order.
QList<qint64> seqsOf(const QJsonArray& events);
/// The `seq` values from `first` to `last`, both included.
QList<qint64> seqRange(qint64 first, qint64 last);
/// The first object of `list` whose `key` equals `value`; empty when none does.
QJsonObject findBy(const QJsonArray& list, const QString& key, const QString& value);

} // namespace checks
