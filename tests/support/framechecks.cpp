#include "tests/support/framechecks.h"

#include <QJsonDocument>
#include <QtDebug>

namespace checks {

QString compact(const QJsonObject& frame)
{
    return QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact));
}

bool isType(const QJsonObject& frame, const QString& type)
{
    if (frame.value(QStringLiteral("type")).toString() == type)
        return true;
    qWarning().noquote() << "expected a" << type << "frame, got" << compact(frame);
    return false;
}

bool isError(const QJsonObject& frame, const QString& code)
{
    if (frame.value(QStringLiteral("type")).toString() == QStringLiteral("error") &&
        frame.value(QStringLiteral("code")).toString() == code)
        return true;
    qWarning().noquote() << "expected error" << code << "got" << compact(frame);
    return false;
}

QList<qint64> seqsOf(const QJsonArray& events)
{
    QList<qint64> seqs;
    for (const QJsonValue& e : events)
        seqs.append(e.toObject().value(QStringLiteral("seq")).toInteger());
    return seqs;
}

QList<qint64> seqRange(qint64 first, qint64 last)
{
    QList<qint64> seqs;
    for (qint64 s = first; s <= last; ++s)
        seqs.append(s);
    return seqs;
}

QJsonObject findBy(const QJsonArray& list, const QString& key, const QString& value)
{
    for (const QJsonValue& v : list) {
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    }
    return {};
}

} // namespace checks
