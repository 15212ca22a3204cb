#pragma once

#include <QQmlEngine>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QVariantMap>

namespace palaver::qml {

/// Filters any list model by a text query over some of its roles, named as in QML
/// (the mention completion filters members on username and displayName, the room switcher
/// filters rooms on name).
class RoleFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QAbstractItemModel* source READ sourceModel WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(
        QStringList filterRoles READ filterRoles WRITE setFilterRoles NOTIFY filterRolesChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(bool prefixOnly READ prefixOnly WRITE setPrefixOnly NOTIFY prefixOnlyChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit RoleFilterModel(QObject* parent = nullptr);

    void setSource(QAbstractItemModel* source);
    QStringList filterRoles() const { return m_filterRoles; }
    void setFilterRoles(const QStringList& roles);
    QString query() const { return m_query; }
    void setQuery(const QString& query);
    bool prefixOnly() const { return m_prefixOnly; }
    void setPrefixOnly(bool prefixOnly);
    int count() const { return rowCount(); }

    /// The row's values by role name, for the entry a popup highlights.
    Q_INVOKABLE QVariant get(int row) const;

Q_SIGNALS:
    void sourceChanged();
    void filterRolesChanged();
    void queryChanged();
    void prefixOnlyChanged();
    void countChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void refilter();
    void resolveRoles();
    bool matches(const QString& value) const;

    QStringList m_filterRoles;
    QList<int> m_roleIds;
    QString m_query;
    bool m_prefixOnly = false;
};

} // namespace palaver::qml
