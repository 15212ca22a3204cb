import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One upload above the composer: name and size, a progress bar while it runs, the reason
// when it failed, and cancel / retry / dismiss.
Rectangle {
    id: root

    property int uploadId
    property string name
    property string sizeText
    property real progress
    property string uploadState
    property string error
    property bool canRetry

    signal cancelRequested(int uploadId)
    signal retryRequested(int uploadId)
    signal dismissRequested(int uploadId)

    objectName: "uploadRow"
    implicitHeight: layout.implicitHeight + 2 * Theme.spacingSmall
    radius: Theme.radius
    color: Theme.quote
    border.color: root.uploadState === "failed" ? Theme.danger : Theme.border

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        anchors.leftMargin: Theme.spacing
        spacing: Theme.spacing

        ColumnLayout {
            spacing: Theme.spacingTiny
            Layout.fillWidth: true
            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                Label {
                    text: root.name
                    color: Theme.text
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                }
                Label {
                    objectName: "uploadStatus"
                    text: root.uploadState === "queued" ? qsTr("Waiting · %1").arg(root.sizeText)
                        : root.uploadState === "uploading" ? qsTr("%1 % of %2").arg(Math.round(root.progress * 100)).arg(root.sizeText)
                        : root.uploadState === "done" ? qsTr("Sent")
                        : root.uploadState === "cancelled" ? qsTr("Cancelled")
                        : root.sizeText
                    color: root.uploadState === "done" ? Theme.success : Theme.textMuted
                    font.pixelSize: Theme.fontSizeSmall
                }
            }
            ProgressBar {
                objectName: "uploadProgress"
                visible: root.uploadState === "uploading" || root.uploadState === "queued"
                value: root.progress
                Layout.fillWidth: true
            }
            Label {
                objectName: "uploadError"
                visible: root.uploadState === "failed"
                text: root.error
                color: Theme.danger
                font.pixelSize: Theme.fontSizeSmall
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        IconButton {
            objectName: "retryUploadButton"
            visible: (root.uploadState === "failed" && root.canRetry) || root.uploadState === "cancelled"
            text: qsTr("Retry")
            onClicked: root.retryRequested(root.uploadId)
        }
        IconButton {
            objectName: "cancelUploadButton"
            visible: root.uploadState === "queued" || root.uploadState === "uploading"
            text: "✕"
            onClicked: root.cancelRequested(root.uploadId)
            Accessible.name: qsTr("Cancel upload of %1").arg(root.name)
        }
        IconButton {
            objectName: "dismissUploadButton"
            visible: root.uploadState === "failed" || root.uploadState === "cancelled"
            text: "✕"
            onClicked: root.dismissRequested(root.uploadId)
            Accessible.name: qsTr("Dismiss")
        }
    }
}
