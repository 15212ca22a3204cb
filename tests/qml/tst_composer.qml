import QtQuick
import QtTest
import Palaver

Item {
    id: root
    width: 700
    height: 500

    ListModel {
        id: memberModel
        ListElement { userId: "u1"; username: "ada"; displayName: "Ada Lovelace"; presence: "online" }
        ListElement { userId: "u2"; username: "bo"; displayName: "Bo Li"; presence: "away" }
        ListElement { userId: "u3"; username: "bodil"; displayName: "Bodil Berg"; presence: "offline" }
    }

    Component {
        id: composerComponent
        Composer {
            width: root.width
            y: root.height - height
            members: memberModel
        }
    }

    SignalSpy { id: sendSpy; signalName: "sendRequested" }
    SignalSpy { id: editSpy; signalName: "editConfirmed" }
    SignalSpy { id: editLastSpy; signalName: "editLastRequested" }
    SignalSpy { id: typedSpy; signalName: "typed" }
    SignalSpy { id: clearedSpy; signalName: "cleared" }

    TestCase {
        name: "Composer"
        when: windowShown

        function createComposer() {
            const composer = createTemporaryObject(composerComponent, root)
            for (const spy of [sendSpy, editSpy, editLastSpy, typedSpy, clearedSpy]) {
                spy.clear()
                spy.target = composer
            }
            composer.input.forceActiveFocus()
            return composer
        }

        function test_enter_sends_and_clears() {
            const composer = createComposer()
            keySequence("h,i")
            compare(composer.text, "hi")
            verify(typedSpy.count >= 2)
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "hi")
            compare(sendSpy.signalArguments[0][1], 0)
            compare(composer.text, "")
        }

        function test_shift_enter_inserts_newline() {
            const composer = createComposer()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_B)
            compare(sendSpy.count, 0)
            compare(composer.text, "a\nb")
            keyClick(Qt.Key_Enter)
            compare(sendSpy.count, 1)
            compare(sendSpy.signalArguments[0][0], "a\nb")
        }

        function test_blank_text_is_not_sent() {
            createComposer()
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 0)
        }

        function test_clearing_reports_cleared() {
            const composer = createComposer()
            keyClick(Qt.Key_X)
            keyClick(Qt.Key_Backspace)
            compare(composer.text, "")
            compare(clearedSpy.count, 1)
        }

        function test_up_on_empty_asks_to_edit_last() {
            const composer = createComposer()
            keyClick(Qt.Key_Up)
            compare(editLastSpy.count, 1)
            composer.startEdit(42, "old text")
            compare(composer.text, "old text")
            compare(typedSpy.count, 0) // programmatic changes are not typing
            keyClick("!")
            keyClick(Qt.Key_Return)
            compare(editSpy.count, 1)
            compare(editSpy.signalArguments[0][0], 42)
            compare(editSpy.signalArguments[0][1], "old text!")
            compare(sendSpy.count, 0)
            compare(composer.editingSeq, 0)
        }

        function test_escape_cancels_edit() {
            const composer = createComposer()
            composer.startEdit(7, "draft")
            keyClick(Qt.Key_Escape)
            compare(composer.editingSeq, 0)
            compare(composer.text, "")
        }

        function test_reply_carries_seq() {
            const composer = createComposer()
            composer.startReply(17, "Bo Li", "lunch?")
            keySequence("y,e,s")
            keyClick(Qt.Key_Return)
            compare(sendSpy.signalArguments[0][1], 17)
            compare(composer.replyToSeq, 0)
        }

        function test_tab_leaves_the_composer() {
            const composer = createComposer()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Tab)
            compare(composer.text, "a")
            verify(!composer.input.activeFocus)
        }

        function test_mention_completion() {
            const composer = createComposer()
            keySequence("h,i,space")
            keyClick("@")
            keyClick(Qt.Key_B)
            tryVerify(() => composer.mentionPopup.opened)
            compare(composer.mentionPopup.count, 2) // Bo Li and Bodil Berg
            keyClick(Qt.Key_O)
            keyClick(Qt.Key_D)
            compare(composer.mentionPopup.count, 1)
            keyClick(Qt.Key_Return)
            compare(sendSpy.count, 0) // Enter completed instead of sending
            compare(composer.text, "hi @bodil ")
            verify(!composer.mentionPopup.opened)
        }

        function test_mention_arrows_choose_entry() {
            const composer = createComposer()
            keyClick("@")
            tryVerify(() => composer.mentionPopup.opened)
            compare(composer.mentionPopup.count, 3)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Tab)
            compare(composer.text, "@bo ")
        }

        function test_mention_by_display_name_word() {
            const composer = createComposer()
            keySequence("h,e,y,space") // QKeySequence holds at most four keys
            keyClick("@")
            keySequence("l,o,v")
            tryVerify(() => composer.mentionPopup.opened)
            compare(composer.mentionPopup.count, 1)
            keyClick(Qt.Key_Escape)
            verify(!composer.mentionPopup.opened)
            compare(composer.text, "hey @lov")
        }
    }
}
