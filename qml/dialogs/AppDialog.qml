import QtQuick
import QtQuick.Controls
import Palaver

// The dialogs' common frame: Theme colours, a title that reads as one, buttons on the right,
// Esc to close (Popup.CloseOnEscape) and a dimmed window behind.
Dialog {
    id: root

    modal: true
    focus: true
    parent: Overlay.overlay
    anchors.centerIn: parent
    padding: Theme.spacingHuge
    topPadding: Theme.spacing
    bottomPadding: Theme.spacing

    background: Rectangle {
        radius: Theme.radius * 1.5
        color: Theme.surface
        border.color: Theme.border
    }
    header: Label {
        text: root.title
        visible: root.title.length > 0
        color: Theme.text
        font.pixelSize: Theme.fontSizeLarge + 2
        font.bold: true
        padding: Theme.spacingHuge
        bottomPadding: Theme.spacing
    }
    footer: DialogButtonBox {
        alignment: Qt.AlignRight
        padding: Theme.spacingHuge
        topPadding: Theme.spacing
        spacing: Theme.spacing
        background: Item {}
    }
    Overlay.modal: Rectangle {
        color: Theme.dark ? "#a0000000" : "#60202430"
    }
}
