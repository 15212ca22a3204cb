#pragma once

// Qt 6.4 ships no QML type description of QAbstractItemModel, so qmllint and qmlcachegen
// could not follow the client models' or RoleFilterModel's base classes (rowCount, index,
// rowsInserted…). An anonymous registration makes the registrar describe it.

#include <QAbstractItemModel>
#include <QQmlEngine>

namespace palaver::qml {

struct AbstractItemModelForeign
{
    Q_GADGET
    QML_FOREIGN(QAbstractItemModel)
    QML_ANONYMOUS
};

} // namespace palaver::qml
