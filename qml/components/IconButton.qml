import QtQuick
import QtQuick.Controls
import Palaver

// A flat tool button: no background until hovered, pressed, checked or focused by keyboard.
ToolButton {
    id: root

    focusPolicy: Qt.TabFocus
    padding: 6
    leftPadding: 10
    rightPadding: 10

    background: Rectangle {
        implicitWidth: 32
        implicitHeight: 32
        radius: Theme.radius
        color: root.down || root.checked ? Theme.selection
             : root.hovered ? Theme.hover : "transparent"
        border.width: root.visualFocus ? 2 : 0
        border.color: Theme.accent
    }
    contentItem: Label {
        text: root.text
        font: root.font
        color: root.checked ? Theme.accent : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
