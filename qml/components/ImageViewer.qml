import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.platform as Platform
import Palaver

// The full picture of an image attachment in a popup over the window, downloaded with the
// account's token into the account's files folder the first time it is opened.
Popup {
    id: root

    property var file: ({})
    property var files: null
    readonly property var download: root.opened && root.files && root.file.fileId
                                    ? root.files.download(root.file.fileId, root.file.name, root.file.size)
                                    : null

    objectName: "imageViewer"
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: parent ? parent.width * 0.9 : 800
    height: parent ? parent.height * 0.9 : 600
    modal: true
    focus: true
    padding: Theme.spacingLarge
    onDownloadChanged: if (root.download) root.download.start()

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Label {
                text: root.file.name || ""
                color: Theme.text
                font.bold: true
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Save as…")
                enabled: root.download !== null && root.download.state === "done"
                onClicked: saveDialog.open()
            }
            IconButton {
                text: "✕"
                onClicked: root.close()
                Accessible.name: qsTr("Close")
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Image {
                id: full
                objectName: "fullImage"
                // Fitted to the popup, never blown up past the picture's own size.
                anchors.centerIn: parent
                width: Math.min(parent.width, implicitWidth)
                height: Math.min(parent.height, implicitHeight)
                source: root.download && root.download.state === "done" ? root.download.localUrl : ""
                fillMode: Image.PreserveAspectFit
                asynchronous: true
            }
            Column {
                anchors.centerIn: parent
                spacing: Theme.spacing
                visible: full.status !== Image.Ready
                ProgressBar {
                    width: 240
                    value: root.download ? root.download.progress : 0
                    visible: root.download !== null && root.download.state === "downloading"
                }
                Label {
                    text: root.download && root.download.error.length > 0 ? root.download.error
                                                                           : qsTr("Loading…")
                    color: Theme.textMuted
                }
            }
        }
    }

    Platform.FileDialog {
        id: saveDialog
        fileMode: Platform.FileDialog.SaveFile
        folder: Platform.StandardPaths.writableLocation(Platform.StandardPaths.DownloadLocation)
        currentFile: saveDialog.folder + "/" + encodeURIComponent(root.file.name || "file")
        onAccepted: root.download.saveAs(saveDialog.file)
    }
}
