#include "qml/helpers/modelaccess.h"

namespace palaver::qml {

QVariant ModelAccess::row(QAbstractItemModel* model, int row) const
{
    QVariantMap values;
    if (!model || row < 0 || row >= model->rowCount())
        return values;
    const QModelIndex idx = model->index(row, 0);
    const auto names = model->roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        values.insert(QString::fromUtf8(it.value()), idx.data(it.key()));
    return values;
}

int ModelAccess::findFirst(QAbstractItemModel* model, const QVariantMap& criteria) const
{
    if (!model)
        return -1;
    const auto wanted = resolve(model, criteria);
    if (wanted.size() != criteria.size())
        return -1;
    const int rows = model->rowCount();
    for (int r = 0; r < rows; ++r) {
        if (rowMatches(model, r, wanted))
            return r;
    }
    return -1;
}

int ModelAccess::findLast(QAbstractItemModel* model, const QVariantMap& criteria) const
{
    if (!model)
        return -1;
    const auto wanted = resolve(model, criteria);
    if (wanted.size() != criteria.size())
        return -1;
    for (int r = model->rowCount() - 1; r >= 0; --r) {
        if (rowMatches(model, r, wanted))
            return r;
    }
    return -1;
}

bool ModelAccess::rowMatches(
    QAbstractItemModel* model, int row, const QList<QPair<int, QVariant>>& wanted) const
{
    const QModelIndex idx = model->index(row, 0);
    for (const auto& [role, value] : wanted) {
        if (idx.data(role) != value)
            return false;
    }
    return true;
}

QList<QPair<int, QVariant>> ModelAccess::resolve(
    QAbstractItemModel* model, const QVariantMap& criteria) const
{
    QList<QPair<int, QVariant>> wanted;
    const auto names = model->roleNames();
    for (auto it = criteria.cbegin(); it != criteria.cend(); ++it) {
        const int role = names.key(it.key().toUtf8(), -1);
        if (role >= 0)
            wanted.append({role, it.value()});
    }
    return wanted;
}

} // namespace palaver::qml
