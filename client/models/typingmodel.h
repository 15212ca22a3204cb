#pragma once
// Who is typing in one room, and the line the composer shows for it.
#include <QAbstractListModel>
#include <QHash>
#include <QTimer>
#include <functional>

namespace palaver::client {

/// CLIENT-API.md's TypingModel.
class TypingModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(QString roomId READ roomId CONSTANT)
    Q_PROPERTY(QString text READ text NOTIFY textChanged)
public:
    enum Role {
        UserIdRole = Qt::UserRole + 1,
        DisplayNameRole,
    };
    Q_ENUM(Role)
    using NameLookup = std::function<QString(const QString& userId)>;

    /// `expiryMs` drops a typist the server never ended (a lost push, a lost link): the
    /// server itself ends typing after 6 s without a refresh.
    TypingModel(
        const QString& roomId, NameLookup names, QObject* parent = nullptr, int expiryMs = 8000);

    QString roomId() const { return m_roomId; }
    /// "Ada is typing…", "Ada and Bo are typing…", "Ada, Bo and 2 others are typing…".
    QString text() const;
    /// Applies a typing push of this room.
    void setTyping(const QString& userId, bool active);
    /// Forgets everyone (the link dropped: the pushes that would end them are lost).
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void textChanged();

private:
    void expire();

    QString m_roomId;
    NameLookup m_names;
    int m_expiryMs;
    QStringList m_users; ///< in the order they started typing
    QHash<QString, qint64> m_deadline;
    QTimer m_timer;
};

} // namespace palaver::client
