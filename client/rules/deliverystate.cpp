#include "client/rules/deliverystate.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace palaver::client {
namespace {
QStringList othersOf(
    const QString& sender, const QHash<QString, qint64>& markers, const QList<MemberInfo>& members)
{
    QStringList others;
    if (members.isEmpty()) {
        for (auto it = markers.cbegin(); it != markers.cend(); ++it) {
            if (it.key() != sender)
                others.append(it.key());
        }
        return others;
    }
    for (const MemberInfo& member : members) {
        if (member.user != sender)
            others.append(member.user);
    }
    return others;
}
} // namespace

int DeliveryState::seenBy(qint64 seq, const QString& sender, const QHash<QString, qint64>& markers,
    const QList<MemberInfo>& members)
{
    int count = 0;
    for (const QString& user : othersOf(sender, markers, members))
        count += markers.value(user, 0) >= seq ? 1 : 0;
    return count;
}

QString DeliveryState::of(qint64 seq, const QString& sender, const QHash<QString, qint64>& markers,
    const QList<MemberInfo>& members)
{
    const QStringList others = othersOf(sender, markers, members);
    if (others.isEmpty())
        return u"sent"_s;
    for (const QString& user : others) {
        if (markers.value(user, 0) < seq)
            return u"sent"_s;
    }
    return u"read"_s;
}

} // namespace palaver::client
