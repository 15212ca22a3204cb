#include "qml/helpers/emojihistory.h"

#include <QSettings>

namespace palaver::qml {
namespace {
const QString kKey = QStringLiteral("emoji/recent");
// An emoji is a few code points (flags, skin tones, ZWJ sequences); anything longer in the
// settings file is not one of ours.
constexpr int kMaxEmojiLength = 32;
} // namespace

EmojiHistory::EmojiHistory(QObject* parent)
    : QObject(parent)
{
    const QStringList stored = QSettings().value(kKey).toStringList();
    for (const QString& emoji : stored) {
        if (!emoji.isEmpty() && emoji.size() <= kMaxEmojiLength && !m_recent.contains(emoji) &&
            m_recent.size() < kMax)
            m_recent.append(emoji);
    }
}

void EmojiHistory::use(const QString& emoji)
{
    if (emoji.isEmpty() || emoji.size() > kMaxEmojiLength)
        return;
    m_recent.removeAll(emoji);
    m_recent.prepend(emoji);
    while (m_recent.size() > kMax)
        m_recent.removeLast();
    save();
}

void EmojiHistory::clear()
{
    if (m_recent.isEmpty())
        return;
    m_recent.clear();
    save();
}

void EmojiHistory::save()
{
    QSettings().setValue(kKey, m_recent);
    Q_EMIT recentChanged();
}

} // namespace palaver::qml
