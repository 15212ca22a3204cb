#include "qml/helpers/rolefiltermodel.h"

namespace palaver::qml {

RoleFilterModel::RoleFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    auto countSignal = [this] { Q_EMIT countChanged(); };
    connect(this, &QAbstractItemModel::rowsInserted, this, countSignal);
    connect(this, &QAbstractItemModel::rowsRemoved, this, countSignal);
    connect(this, &QAbstractItemModel::modelReset, this, countSignal);
    connect(this, &QAbstractItemModel::layoutChanged, this, countSignal);
}

void RoleFilterModel::setSource(QAbstractItemModel* source)
{
    if (source == sourceModel())
        return;
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    setSourceModel(source);
    if (source) {
        // Role names of QML ListModels are known only once they hold a row.
        connect(source, &QAbstractItemModel::rowsInserted, this, [this] {
            if (m_roleIds.size() != m_filterRoles.size())
                refilter();
        });
        connect(source, &QAbstractItemModel::modelReset, this, &RoleFilterModel::refilter);
    }
    refilter();
    Q_EMIT sourceChanged();
}

void RoleFilterModel::setFilterRoles(const QStringList& roles)
{
    if (roles == m_filterRoles)
        return;
    m_filterRoles = roles;
    refilter();
    Q_EMIT filterRolesChanged();
}

void RoleFilterModel::setQuery(const QString& query)
{
    if (query == m_query)
        return;
    m_query = query;
    refilter();
    Q_EMIT queryChanged();
}

void RoleFilterModel::setPrefixOnly(bool prefixOnly)
{
    if (prefixOnly == m_prefixOnly)
        return;
    m_prefixOnly = prefixOnly;
    refilter();
    Q_EMIT prefixOnlyChanged();
}

QVariant RoleFilterModel::get(int row) const
{
    QVariantMap values;
    const QModelIndex idx = index(row, 0);
    if (!idx.isValid())
        return values;
    const auto names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        values.insert(QString::fromUtf8(it.value()), idx.data(it.key()));
    return values;
}

bool RoleFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_query.isEmpty())
        return true;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    for (int role : m_roleIds) {
        if (matches(idx.data(role).toString()))
            return true;
    }
    return false;
}

void RoleFilterModel::refilter()
{
    resolveRoles();
    invalidateFilter();
    Q_EMIT countChanged();
}

void RoleFilterModel::resolveRoles()
{
    m_roleIds.clear();
    if (!sourceModel())
        return;
    const auto names = sourceModel()->roleNames();
    for (const QString& wanted : std::as_const(m_filterRoles)) {
        const int role = names.key(wanted.toUtf8(), -1);
        if (role >= 0)
            m_roleIds.append(role);
    }
}

bool RoleFilterModel::matches(const QString& value) const
{
    if (m_prefixOnly) {
        // A prefix of any word: "@bo" finds "Bo Li" and "Ada Bodin".
        const auto words = QStringView(value).split(u' ', Qt::SkipEmptyParts);
        for (QStringView word : words) {
            if (word.startsWith(m_query, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }
    return value.contains(m_query, Qt::CaseInsensitive);
}

} // namespace palaver::qml
