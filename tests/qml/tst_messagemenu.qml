import QtQuick
import QtQuick.Controls
import QtTest
import Palaver

// The message menu works without a mouse: Up/Down walk the reactions row and the items,
// Left/Right pick a reaction, Return toggles it or triggers the item.
Item {
    id: root
    width: 800
    height: 600

    Component {
        id: menuComponent
        MessageMenu {}
    }
    SignalSpy { id: reactionSpy; signalName: "reactionToggled" }
    SignalSpy { id: replySpy; signalName: "replyRequested" }

    TestCase {
        name: "MessageMenu"
        when: windowShown

        function openMenu() {
            const menu = createTemporaryObject(menuComponent, root, {seq: 7, text: "hi", isOwn: true, fromKeyboard: true})
            reactionSpy.clear()
            reactionSpy.target = menu
            replySpy.clear()
            replySpy.target = menu
            menu.popup(root, 100, 100)
            tryVerify(() => menu.opened)
            return menu
        }

        function test_reaction_by_keyboard() {
            const menu = openMenu()
            const row = findChild(menu.contentItem, "quickReactions")
            verify(row.activeFocus)
            keyClick(Qt.Key_Right)
            keyClick(Qt.Key_Right)
            keyClick(Qt.Key_Return)
            compare(reactionSpy.count, 1)
            compare(reactionSpy.signalArguments[0][0], "😂")
            compare(reactionSpy.signalArguments[0][1], true)
            tryVerify(() => !menu.visible)
        }

        function test_item_by_keyboard() {
            const menu = openMenu()
            keyClick(Qt.Key_Down) // past the separator to Reply
            keyClick(Qt.Key_Return)
            compare(replySpy.count, 1)
            tryVerify(() => !menu.visible)
        }
    }
}
