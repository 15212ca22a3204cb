#pragma once

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

namespace palaver::qml {

/// The emoji the user picked recently, newest first, kept in QSettings ("emoji/recent") so
/// the picker shows them first next time too.
class EmojiHistory : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QStringList recent READ recent NOTIFY recentChanged)

public:
    /// How many are kept.
    static constexpr int kMax = 16;

    explicit EmojiHistory(QObject* parent = nullptr);

    QStringList recent() const { return m_recent; }
    /// Moves `emoji` to the front (adding it when new) and saves the list.
    Q_INVOKABLE void use(const QString& emoji);
    /// Forgets every recent emoji.
    Q_INVOKABLE void clear();

Q_SIGNALS:
    void recentChanged();

private:
    void save();

    QStringList m_recent;
};

} // namespace palaver::qml
