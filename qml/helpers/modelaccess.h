#pragma once

#include <QAbstractItemModel>
#include <QQmlEngine>
#include <QVariantMap>

namespace palaver::qml {

/// Reads rows of any list model by role name. QML sees a model's rows only through
/// delegates; the few places that need one row elsewhere (the member behind a direct room's
/// header, the last own message for Up-to-edit) ask here instead of walking delegates.
class ModelAccess : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// The row's values by role name; empty when the row does not exist.
    Q_INVOKABLE QVariant row(QAbstractItemModel* model, int row) const;
    /// The first row whose roles equal every entry of criteria, or -1.
    Q_INVOKABLE int findFirst(QAbstractItemModel* model, const QVariantMap& criteria) const;
    /// The last row whose roles equal every entry of criteria, or -1.
    Q_INVOKABLE int findLast(QAbstractItemModel* model, const QVariantMap& criteria) const;

private:
    bool rowMatches(
        QAbstractItemModel* model, int row, const QList<QPair<int, QVariant>>& wanted) const;
    QList<QPair<int, QVariant>> resolve(
        QAbstractItemModel* model, const QVariantMap& criteria) const;
};

} // namespace palaver::qml
