import QtQuick
import QtTest
import Palaver

// The emoji picker: categories, the search filter, picking by mouse and keyboard, and the
// recently used ones first next time (EmojiHistory, kept in QSettings).
Item {
    id: root
    width: 600
    height: 500

    Component {
        id: pickerComponent
        EmojiPicker {}
    }

    SignalSpy { id: pickedSpy; signalName: "picked" }

    TestCase {
        name: "EmojiPicker"
        when: windowShown

        function openPicker() {
            const picker = createTemporaryObject(pickerComponent, root)
            pickedSpy.clear()
            pickedSpy.target = picker
            picker.open()
            tryCompare(picker, "opened", true)
            tryVerify(() => picker.filterField.activeFocus)
            return picker
        }

        function init() {
            EmojiHistory.clear()
        }

        function test_common_ones_without_history() {
            const picker = openPicker()
            compare(EmojiHistory.recent.length, 0)
            verify(picker.grid.count > 0)
            compare(picker.shown[0], "😀")
        }

        function test_filter_by_word_start() {
            const picker = openPicker()
            for (const key of "thumb")
                keyClick(key)
            compare(picker.filterField.text, "thumb")
            compare(picker.shown.length, 2)
            verify(picker.shown.indexOf("👍") >= 0)
            verify(picker.shown.indexOf("👎") >= 0)
            keySequence("s")
            compare(picker.shown.length, 2) // "thumbs"
            picker.filterField.text = "zzzz"
            compare(picker.shown.length, 0)
        }

        function test_enter_picks_and_remembers() {
            let picker = openPicker()
            keySequence("c,o,f,f")
            compare(picker.shown[0], "☕")
            keyClick(Qt.Key_Return)
            compare(pickedSpy.count, 1)
            compare(pickedSpy.signalArguments[0][0], "☕")
            tryCompare(picker, "opened", false)
            compare(EmojiHistory.recent[0], "☕")

            // Next time the recent tab leads with it.
            picker = openPicker()
            compare(picker.shown[0], "☕")
            keySequence("p,i,z")
            keyClick(Qt.Key_Return)
            compare(EmojiHistory.recent[0], "🍕")
            compare(EmojiHistory.recent[1], "☕")
        }

        function test_click_and_categories() {
            const picker = openPicker()
            picker.category = 2 // hearts
            compare(picker.shown[0], "❤️")
            tryCompare(picker.grid, "count", picker.shown.length)
            const cell = picker.grid.itemAtIndex(1)
            verify(cell)
            mouseClick(cell)
            compare(pickedSpy.count, 1)
            compare(pickedSpy.signalArguments[0][0], "🧡")
        }

        function test_arrow_keys_move_in_the_grid() {
            const picker = openPicker()
            picker.category = 0
            keyClick(Qt.Key_Down)
            compare(picker.grid.currentIndex, 8) // one row of eight down
            const expected = picker.shown[8]
            keyClick(Qt.Key_Return)
            compare(pickedSpy.signalArguments[0][0], expected)
        }

        function test_history_is_capped_and_deduplicated() {
            for (let i = 0; i < 20; ++i)
                EmojiHistory.use(["😀", "😃", "😄", "😁", "😆", "😅", "😂", "🤣", "🙂", "😉",
                                  "😊", "😇", "🥰", "😍", "😘", "😋", "😛", "😜", "🤔", "🤨"][i])
            EmojiHistory.use("😀")
            compare(EmojiHistory.recent.length, 16)
            compare(EmojiHistory.recent[0], "😀")
            compare(EmojiHistory.recent.filter(e => e === "😀").length, 1)
            EmojiHistory.use("")
            compare(EmojiHistory.recent[0], "😀")
        }
    }
}
