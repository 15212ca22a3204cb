import QtQuick
import QtQuick.Controls
import Palaver

// Files dragged onto the chat: a hint while they hover, an upload each when dropped.
DropArea {
    id: root

    property var files: null
    property string roomId

    objectName: "fileDropArea"
    keys: ["text/uri-list"]
    onDropped: drop => {
        if (ClipboardUpload.drop(root.files, root.roomId, drop.urls) > 0)
            drop.accept(Qt.CopyAction)
    }

    Rectangle {
        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        visible: root.containsDrag
        radius: Theme.radius
        color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.12)
        border.color: Theme.accent
        border.width: 2
        Label {
            anchors.centerIn: parent
            text: qsTr("Drop files to send them")
            color: Theme.accent
            font.pixelSize: Theme.fontSizeLarge
        }
    }
}
