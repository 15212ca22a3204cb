import QtQuick
import QtQuick.Controls
import Palaver

// A Menu in the Theme's colours (the Basic style would draw its border in palette.dark).
Menu {
    id: root

    implicitWidth: Math.max(220, contentItem ? contentItem.implicitWidth + leftPadding + rightPadding : 0)
    padding: Theme.spacingSmall
    // Takes the keyboard when it opens, so Up/Down/Return work without a mouse.
    focus: true

    background: Rectangle {
        implicitWidth: 220
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.color: Theme.border
    }
}
