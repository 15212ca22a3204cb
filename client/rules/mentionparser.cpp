#include "client/rules/mentionparser.h"

#include "shared/limits.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace palaver::client {

QStringList MentionParser::mentionedUserIds(
    const QString& text, const QList<MemberInfo>& members, const QString& ownUserId)
{
    // Usernames are [a-z0-9_.-]; a trailing '.' is sentence punctuation ("thanks @ada.").
    static const QRegularExpression token(
        u"(?<![\\w@])@([A-Za-z0-9_.-]{3,32})"_s, QRegularExpression::UseUnicodePropertiesOption);
    QHash<QString, QString> byName;
    for (const MemberInfo& member : members)
        byName.insert(member.username, member.user);
    QStringList ids;
    auto matches = token.globalMatch(text);
    while (matches.hasNext() && ids.size() < limits::maxMentions) {
        QString name = matches.next().captured(1).toLower();
        while (name.endsWith(u'.') && !byName.contains(name))
            name.chop(1);
        const QString id = byName.value(name);
        if (!id.isEmpty() && id != ownUserId && !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

} // namespace palaver::client
