import QtQuick
import QtQuick.Controls
import QtTest
import Palaver

// Deleting asks first: Cancel has the focus (a stray Enter deletes nothing), Delete confirms.
Item {
    id: root
    width: 800
    height: 600

    Component {
        id: dialogComponent
        DeleteMessageDialog {}
    }
    SignalSpy { id: confirmedSpy; signalName: "confirmed" }

    TestCase {
        name: "DeleteMessageDialog"
        when: windowShown

        function openDialog() {
            const dialog = createTemporaryObject(dialogComponent, root, {seq: 42, preview: "see you at noon"})
            confirmedSpy.clear()
            confirmedSpy.target = dialog
            dialog.open()
            tryVerify(() => dialog.opened)
            return dialog
        }

        function test_cancel_has_focus_and_deletes_nothing() {
            const dialog = openDialog()
            verify(dialog.standardButton(Dialog.Cancel).activeFocus)
            keyClick(Qt.Key_Space)
            tryVerify(() => !dialog.visible)
            compare(confirmedSpy.count, 0)
        }

        function test_escape_cancels() {
            const dialog = openDialog()
            keyClick(Qt.Key_Escape)
            tryVerify(() => !dialog.visible)
            compare(confirmedSpy.count, 0)
        }

        function test_delete_button_confirms() {
            const dialog = openDialog()
            const button = findChild(dialog.footer, "confirmDeleteButton")
            verify(button)
            verify(button.visible)
            mouseClick(button)
            tryVerify(() => !dialog.visible)
            compare(confirmedSpy.count, 1)
            compare(confirmedSpy.signalArguments[0][0], 42)
        }
    }
}
