#pragma once
// Edits, deletes and reactions are events of their own on the wire but are shown on their
// target message. This folds them per target, whatever order they arrive in (history pages
// come newest first, so an edit is often known before its message).
#include "shared/objects/event.h"

#include <QHash>
#include <QMap>
#include <QVariantList>
#include <optional>

namespace palaver::client {

/// What later events did to each message of one room.
class EventAnnotations
{
public:
    /// True for kinds that annotate a target instead of showing as a row.
    static bool isAnnotation(EventKind kind);
    /// Folds an annotation in; returns its target seq, or 0 when nothing changed.
    qint64 apply(const Event& event);

    /// The text of the newest edit of `target`, if any.
    std::optional<QString> editedText(qint64 target) const;
    bool isDeleted(qint64 target) const;
    /// Reactions as [{emoji, count, mine}], emoji with no one left reacting omitted.
    QVariantList reactions(qint64 target, const QString& ownUserId) const;

private:
    struct Vote
    {
        qint64 seq = 0;
        bool on = false;
    };
    struct Target
    {
        qint64 editSeq = 0;
        QString editText;
        bool deleted = false;
        QMap<QString, QHash<QString, Vote>> reactions; ///< emoji -> user -> latest vote
    };
    QHash<qint64, Target> m_targets;
};

} // namespace palaver::client
