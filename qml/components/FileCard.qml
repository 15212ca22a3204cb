import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qt.labs.platform as Platform
import Palaver

// A file attachment in a bubble: an icon by type, name and size, and its download (progress,
// cancel), then Open and Save as… once the file is here.
Rectangle {
    id: root

    property var file: ({})
    property var files: null
    readonly property var download: root.files && root.file.fileId
                                    ? root.files.download(root.file.fileId, root.file.name, root.file.size)
                                    : null
    readonly property string downloadState: root.download ? root.download.state : "idle"

    function iconFor(mime: string): string {
        if (mime.startsWith("image/")) return "🖼"
        if (mime.startsWith("audio/")) return "🎵"
        if (mime.startsWith("video/")) return "🎬"
        if (mime === "application/pdf" || mime.startsWith("text/")) return "📄"
        if (mime.includes("zip") || mime.includes("compressed") || mime.includes("tar")) return "🗜"
        return "📎"
    }

    objectName: "fileCard"
    implicitWidth: 300
    implicitHeight: row.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.quote
    border.color: Theme.bubbleBorder

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Label {
            text: root.iconFor(root.file.mime || "")
            font.family: Theme.emojiFont
            font.pixelSize: 26
        }

        ColumnLayout {
            spacing: Theme.spacingTiny
            Layout.fillWidth: true
            Label {
                objectName: "fileName"
                text: root.file.name || ""
                color: Theme.text
                font.pixelSize: Theme.fontSize
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Label {
                objectName: "fileSize"
                text: root.download && root.download.error.length > 0 ? root.download.error
                      : root.files ? root.files.formatSize(root.file.size || 0) : ""
                color: root.download && root.download.error.length > 0 ? Theme.danger : Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ProgressBar {
                objectName: "downloadProgress"
                visible: root.downloadState === "downloading"
                value: root.download ? root.download.progress : 0
                Layout.fillWidth: true
            }
        }

        IconButton {
            objectName: "downloadButton"
            visible: root.downloadState === "idle" || root.downloadState === "failed" || root.downloadState === "cancelled"
            text: "⤓"
            font.pixelSize: Theme.fontSizeLarge + 4
            onClicked: root.download.start()
            Accessible.name: qsTr("Download %1").arg(root.file.name || "")
        }
        IconButton {
            objectName: "cancelDownloadButton"
            visible: root.downloadState === "downloading"
            text: "✕"
            onClicked: root.download.cancel()
            Accessible.name: qsTr("Cancel download")
        }
        IconButton {
            objectName: "openButton"
            visible: root.downloadState === "done"
            text: qsTr("Open")
            onClicked: Qt.openUrlExternally(root.download.localUrl)
        }
        IconButton {
            objectName: "saveAsButton"
            visible: root.downloadState === "done"
            text: qsTr("Save as…")
            onClicked: saveDialog.open()
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
