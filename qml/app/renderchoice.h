#pragma once

#include <QString>

namespace palaver::app {

/// Picks Qt Quick's scene graph backend before the first window is created.
///
/// `choice` is "auto", "software" or "gpu". Auto keeps Qt's default (OpenGL, Direct3D, Metal)
/// where a GPU is there to run it, and takes Qt Quick's software renderer where OpenGL would
/// only be emulated on the CPU: on Linux, a machine with no GPU render node
/// (/dev/dri/renderD*) gets Mesa's llvmpipe, which costs about 100 MB of RSS and a slower first
/// frame than the software renderer for a UI of text and rectangles (bench/RESULTS.md).
/// A backend the user asked for through Qt's own QT_QUICK_BACKEND or QSG_RHI_BACKEND wins.
/// Returns the backend in effect, for the log: "software" or "gpu".
QString applyRenderChoice(const QString& choice);

/// True when this machine exposes a GPU render node to this user.
bool hasGpuRenderNode();

} // namespace palaver::app
