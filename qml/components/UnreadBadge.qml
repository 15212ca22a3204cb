import QtQuick
import QtQuick.Controls
import Palaver

// The room list's counter: accent for unread, red with "@" when someone mentioned you.
Rectangle {
    id: root

    property int count: 0
    property bool mention: false

    visible: root.count > 0
    implicitHeight: 20
    implicitWidth: Math.max(implicitHeight, label.implicitWidth + 12)
    radius: implicitHeight / 2
    color: root.mention ? Theme.mention : Theme.accent

    Accessible.role: Accessible.StaticText
    Accessible.name: root.mention ? qsTr("%1 unread, mentioned").arg(root.count)
                                  : qsTr("%1 unread").arg(root.count)

    Label {
        id: label
        anchors.centerIn: parent
        text: (root.mention ? "@ " : "") + (root.count > 999 ? "999+" : root.count)
        color: Theme.accentText
        font.pixelSize: Theme.fontSizeSmall
        font.bold: true
    }
}
