#include "client/files/uploadlistmodel.h"

#include "client/files/fileendpoint.h"

using namespace Qt::StringLiterals;

namespace palaver::client {

QString UploadItem::stateName(State state)
{
    switch (state) {
    case State::Queued:
        return u"queued"_s;
    case State::Uploading:
        return u"uploading"_s;
    case State::Done:
        return u"done"_s;
    case State::Failed:
        return u"failed"_s;
    case State::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

int UploadListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QHash<int, QByteArray> UploadListModel::roleNames() const
{
    return {{UploadIdRole, "uploadId"}, {NameRole, "name"}, {SizeRole, "size"},
        {SizeTextRole, "sizeText"}, {SentRole, "sent"}, {ProgressRole, "progress"},
        {StateRole, "state"}, {ErrorRole, "error"}, {CanRetryRole, "canRetry"}};
}

QVariant UploadListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UploadItem& item = m_items[index.row()];
    switch (role) {
    case UploadIdRole:
        return item.id;
    case NameRole:
        return item.name;
    case SizeRole:
        return item.size;
    case SizeTextRole:
        return FileEndpoint::formatSize(item.size);
    case SentRole:
        return item.sent;
    case ProgressRole:
        // An empty file is all sent once it is done.
        return item.size > 0 ? double(item.sent) / double(item.size)
                             : (item.state == UploadItem::State::Done ? 1.0 : 0.0);
    case StateRole:
        return UploadItem::stateName(item.state);
    case ErrorRole:
        return item.error;
    case CanRetryRole:
        return item.canRetry;
    default:
        return {};
    }
}

void UploadListModel::add(const UploadItem& item)
{
    const int row = int(m_items.size());
    beginInsertRows({}, row, row);
    m_items.append(item);
    endInsertRows();
    Q_EMIT countChanged();
    Q_EMIT stateChanged(item.id, UploadItem::stateName(item.state));
}

void UploadListModel::update(const UploadItem& item, const QList<int>& roles)
{
    const int row = rowOf(item.id);
    if (row < 0)
        return;
    const bool stateMoved = m_items[row].state != item.state;
    m_items[row] = item;
    Q_EMIT dataChanged(index(row), index(row), roles);
    if (stateMoved)
        Q_EMIT stateChanged(item.id, UploadItem::stateName(item.state));
}

void UploadListModel::remove(int id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_items.removeAt(row);
    endRemoveRows();
    Q_EMIT countChanged();
}

int UploadListModel::rowOf(int id) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items[i].id == id)
            return i;
    }
    return -1;
}

UploadItem UploadListModel::item(int id) const
{
    const int row = rowOf(id);
    return row >= 0 ? m_items[row] : UploadItem {};
}

} // namespace palaver::client
