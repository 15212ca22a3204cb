#include "client/models/eventannotations.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace palaver::client {

bool EventAnnotations::isAnnotation(EventKind kind)
{
    return kind == EventKind::Edit || kind == EventKind::Delete || kind == EventKind::Reaction;
}

qint64 EventAnnotations::apply(const Event& event)
{
    if (!isAnnotation(event.kind) || event.target <= 0)
        return 0;
    Target& target = m_targets[event.target];
    switch (event.kind) {
    case EventKind::Edit:
        // The edit with the highest seq wins, whichever arrives last.
        if (event.seq <= target.editSeq)
            return 0;
        target.editSeq = event.seq;
        target.editText = event.text;
        break;
    case EventKind::Delete:
        if (target.deleted)
            return 0;
        target.deleted = true;
        break;
    case EventKind::Reaction: {
        // The server does not fold repeated reacts: the latest `on` per user and emoji counts.
        Vote& vote = target.reactions[event.emoji][event.sender];
        if (event.seq <= vote.seq)
            return 0;
        vote = Vote {event.seq, event.on};
        break;
    }
    default:
        return 0;
    }
    return event.target;
}

std::optional<QString> EventAnnotations::editedText(qint64 target) const
{
    const auto it = m_targets.constFind(target);
    if (it == m_targets.cend() || it->editSeq == 0)
        return std::nullopt;
    return it->editText;
}

bool EventAnnotations::isDeleted(qint64 target) const
{
    const auto it = m_targets.constFind(target);
    return it != m_targets.cend() && it->deleted;
}

QVariantList EventAnnotations::reactions(qint64 target, const QString& ownUserId) const
{
    QVariantList list;
    const auto it = m_targets.constFind(target);
    if (it == m_targets.cend())
        return list;
    for (auto emoji = it->reactions.cbegin(); emoji != it->reactions.cend(); ++emoji) {
        int count = 0;
        bool mine = false;
        for (auto vote = emoji->cbegin(); vote != emoji->cend(); ++vote) {
            if (!vote->on)
                continue;
            ++count;
            mine = mine || vote.key() == ownUserId;
        }
        if (count > 0)
            list.append(
                QVariantMap {{u"emoji"_s, emoji.key()}, {u"count"_s, count}, {u"mine"_s, mine}});
    }
    return list;
}

} // namespace palaver::client
