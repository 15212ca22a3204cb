import QtQuick
import Palaver

// The room's uploads above the composer (hidden while there are none).
Rectangle {
    id: root

    property var files: null
    property string roomId
    // var: see ChatView's note on Qt 6.4's qmlcachegen and invokable results.
    readonly property var uploads: root.files && root.roomId.length > 0 ? root.files.uploads(root.roomId) : null

    objectName: "uploadStrip"
    visible: root.uploads !== null && root.uploads.count > 0
    implicitHeight: visible ? column.implicitHeight + 2 * Theme.spacingSmall : 0
    color: Theme.surface

    Column {
        id: column
        x: Theme.spacingLarge
        y: Theme.spacingSmall
        width: root.width - 2 * Theme.spacingLarge
        spacing: Theme.spacingSmall

        Repeater {
            // A handful at a time, not a long list: a Repeater is enough.
            model: root.uploads
            delegate: UploadRow {
                required property var model
                width: column.width
                uploadId: model.uploadId
                name: model.name
                sizeText: model.sizeText
                progress: model.progress
                uploadState: model.state
                error: model.error
                canRetry: model.canRetry
                onCancelRequested: id => root.files.cancelUpload(id)
                onRetryRequested: id => root.files.retryUpload(id)
                onDismissRequested: id => root.files.dismissUpload(id)
            }
        }
    }
}
