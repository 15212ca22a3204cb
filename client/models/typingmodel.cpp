#include "client/models/typingmodel.h"

#include <QDateTime>

namespace palaver::client {

TypingModel::TypingModel(const QString& roomId, NameLookup names, QObject* parent, int expiryMs)
    : QAbstractListModel(parent)
    , m_roomId(roomId)
    , m_names(std::move(names))
    , m_expiryMs(expiryMs)
{
    m_timer.setInterval(std::max(100, expiryMs / 4));
    connect(&m_timer, &QTimer::timeout, this, &TypingModel::expire);
}

QString TypingModel::text() const
{
    QStringList names;
    for (const QString& user : m_users)
        names.append(m_names ? m_names(user) : user);
    switch (names.size()) {
    case 0:
        return {};
    case 1:
        return tr("%1 is typing…").arg(names[0]);
    case 2:
        return tr("%1 and %2 are typing…").arg(names[0], names[1]);
    case 3:
        return tr("%1, %2 and 1 other are typing…").arg(names[0], names[1]);
    default:
        return tr("%1, %2 and %3 others are typing…").arg(names[0], names[1]).arg(names.size() - 2);
    }
}

void TypingModel::setTyping(const QString& userId, bool active)
{
    const int row = int(m_users.indexOf(userId));
    if (active) {
        m_deadline.insert(userId, QDateTime::currentMSecsSinceEpoch() + m_expiryMs);
        if (!m_timer.isActive())
            m_timer.start();
        if (row >= 0)
            return;
        beginInsertRows({}, int(m_users.size()), int(m_users.size()));
        m_users.append(userId);
        endInsertRows();
    } else {
        m_deadline.remove(userId);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_users.removeAt(row);
        endRemoveRows();
    }
    Q_EMIT textChanged();
}

void TypingModel::clear()
{
    while (!m_users.isEmpty())
        setTyping(m_users.last(), false);
    m_timer.stop();
}

void TypingModel::expire()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& user : QStringList(m_users)) {
        if (m_deadline.value(user) <= now)
            setTyping(user, false);
    }
    if (m_users.isEmpty())
        m_timer.stop();
}

int TypingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_users.size());
}

QVariant TypingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString& user = m_users[index.row()];
    switch (role) {
    case UserIdRole:
        return user;
    case DisplayNameRole:
        return m_names ? m_names(user) : user;
    default:
        return {};
    }
}

QHash<int, QByteArray> TypingModel::roleNames() const
{
    return {{UserIdRole, "userId"}, {DisplayNameRole, "displayName"}};
}

} // namespace palaver::client
