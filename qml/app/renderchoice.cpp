#include "qml/app/renderchoice.h"

#include <QDir>
#include <QFileInfo>
#include <QQuickWindow>
#include <QSGRendererInterface>

namespace palaver::app {

bool hasGpuRenderNode()
{
#if defined(Q_OS_LINUX)
    const QFileInfoList nodes =
        QDir(QStringLiteral("/dev/dri")).entryInfoList({QStringLiteral("renderD*")}, QDir::System);
    for (const QFileInfo& node : nodes) {
        if (node.isReadable() && node.isWritable())
            return true;
    }
    return false;
#else
    return true; // Direct3D and Metal always have a device; no CPU emulation to avoid.
#endif
}

QString applyRenderChoice(const QString& choice)
{
    const bool userSet = qEnvironmentVariableIsSet("QT_QUICK_BACKEND") ||
        qEnvironmentVariableIsSet("QSG_RHI_BACKEND");
    if (choice == u"gpu" || (choice == u"auto" && (userSet || hasGpuRenderNode())))
        return QStringLiteral("gpu");
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    return QStringLiteral("software");
}

} // namespace palaver::app
