import QtQuick
import Palaver

// The files of one message inside its bubble: images inline as thumbnails (a click opens the
// full picture), anything else as a file card with its download.
Column {
    id: root

    property var attachments: []
    property var files: null
    property real maxWidth: 320

    spacing: Theme.spacingSmall

    Repeater {
        // At most ten per message (the protocol's limit): a Repeater, not a ListView.
        model: root.attachments
        delegate: Item {
            id: entry
            required property var modelData
            width: loader.item ? loader.item.width : 0
            height: loader.item ? loader.item.height : 0

            Loader {
                id: loader
                sourceComponent: entry.modelData.isImage ? imageComponent : fileComponent
            }
            Component {
                id: imageComponent
                ImageAttachment {
                    file: entry.modelData
                    files: root.files
                    maxWidth: root.maxWidth
                }
            }
            Component {
                id: fileComponent
                FileCard {
                    file: entry.modelData
                    files: root.files
                    width: Math.min(implicitWidth, root.maxWidth)
                }
            }
        }
    }
}
