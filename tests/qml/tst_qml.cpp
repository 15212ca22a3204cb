// Runs every tst_*.qml in this folder against the statically linked Palaver module.
#include <QQmlEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(PalaverPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        // Where qt_add_qml_module puts the module in the resources (see qml/CMakeLists.txt).
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(palaver_qml, Setup)

#include "tst_qml.moc"
