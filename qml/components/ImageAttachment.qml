import QtQuick
import QtQuick.Controls
import Palaver

// An image attachment: its thumbnail (image://palaver-thumb/, fetched with the account's
// token and cached on disk), a click opens the full picture.
Item {
    id: root

    property var file: ({})
    property var files: null
    property real maxWidth: 320

    readonly property bool ready: thumbnail.status === Image.Ready
    // The thumbnail's own shape, at most maxWidth wide; a placeholder until it is there.
    readonly property real naturalWidth: root.ready ? thumbnail.implicitWidth : 200
    readonly property real naturalHeight: root.ready ? thumbnail.implicitHeight : 140

    objectName: "imageAttachment"
    width: Math.min(root.naturalWidth, root.maxWidth)
    height: root.naturalHeight * root.width / Math.max(1, root.naturalWidth)
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("Image %1").arg(root.file.name || "")

    Rectangle {
        anchors.fill: parent
        visible: !root.ready
        radius: Theme.radius
        color: Theme.quote
        Label {
            anchors.centerIn: parent
            text: thumbnail.status === Image.Error ? qsTr("No preview") : qsTr("Loading…")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSizeSmall
        }
    }

    Image {
        id: thumbnail
        objectName: "thumbnail"
        anchors.fill: parent
        source: root.file.fileId ? FileImages.thumbnailUrl(root.file.fileId) : ""
        asynchronous: true
        fillMode: Image.PreserveAspectFit
        smooth: true
    }

    HoverHandler {
        cursorShape: Qt.PointingHandCursor
    }
    TapHandler {
        onTapped: viewer.open()
    }

    ImageViewer {
        id: viewer
        file: root.file
        files: root.files
    }
}
