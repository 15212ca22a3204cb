import QtQuick
import QtQuick.Controls
import Palaver

// Asks before deleting a message: the deletion reaches every member and cannot be undone.
// Enter (or the Delete button) confirms, Esc cancels; Cancel has the focus so a stray Enter
// after a keyboard Delete does not delete by accident.
AppDialog {
    id: root

    property int seq: 0
    property string preview

    signal confirmed(int seq)

    title: qsTr("Delete message?")
    standardButtons: Dialog.Cancel

    Label {
        width: Math.min(420, implicitWidth)
        text: root.preview.length > 0
              ? qsTr("“%1” will be removed for everyone in this room.").arg(root.preview)
              : qsTr("The message will be removed for everyone in this room.")
        wrapMode: Text.Wrap
        elide: Text.ElideRight
        maximumLineCount: 4
        color: Theme.text
    }

    // Beside the standard Cancel in the shared footer (a child would land in the content).
    readonly property Button deleteButton: Button {
        objectName: "confirmDeleteButton"
        text: qsTr("Delete")
        DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
    }
    Component.onCompleted: (root.footer as DialogButtonBox).addItem(root.deleteButton)
    onOpened: root.standardButton(Dialog.Cancel).forceActiveFocus(Qt.TabFocusReason)
    onAccepted: root.confirmed(root.seq)
}
