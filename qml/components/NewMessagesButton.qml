import QtQuick
import QtQuick.Controls
import Palaver

// Floating "↓ 3 new messages" pill shown while new rows arrive below a scrolled-up view.
AbstractButton {
    id: root

    property int count: 0

    visible: root.count > 0
    focusPolicy: Qt.TabFocus
    implicitHeight: 34
    implicitWidth: label.implicitWidth + 32
    text: root.count === 1 ? qsTr("1 new message") : qsTr("%1 new messages").arg(root.count)
    Accessible.name: root.text

    background: Rectangle {
        radius: height / 2
        color: Theme.accent
        border.width: root.activeFocus ? 2 : 0
        border.color: Theme.text
    }
    contentItem: Label {
        id: label
        objectName: "newMessagesLabel"
        text: "↓  " + root.text
        color: Theme.accentText
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
