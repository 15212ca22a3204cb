import QtQuick
import QtTest
import Palaver

// The message search popup against a stand-in for account.search (same roles and
// properties): typing sets the query, results show room, sender and the marked words, the
// keyboard picks one, Escape closes.
Item {
    id: root
    width: 800
    height: 600

    ListModel {
        id: fakeSearch
        property string query
        property string roomFilter
        property string highlightColor
        property bool busy: false
        property string error
        property int searchNowCalls: 0
        function searchNow() { fakeSearch.searchNowCalls += 1 }
    }

    function fillResults() {
        fakeSearch.clear()
        fakeSearch.append({roomId: "r1", roomName: "Kitchen", senderId: "u2", senderName: "Bob",
                           ts: Date.now(), seq: 7, text: "lunch at noon",
                           matchedText: "<b>lunch</b> at noon"})
        fakeSearch.append({roomId: "r2", roomName: "Garden", senderId: "u3", senderName: "Cy",
                           ts: Date.now() - 86400000, seq: 3, text: "Lunchbox & <tea>",
                           matchedText: "<b>Lunch</b>box &amp; &lt;tea&gt;"})
    }

    Component {
        id: paneComponent
        SearchPane {
            search: fakeSearch
            currentRoomId: "r1"
            currentRoomName: "Kitchen"
        }
    }

    SignalSpy { id: chosenSpy; signalName: "resultChosen" }

    TestCase {
        name: "SearchPane"
        when: windowShown

        function openPane() {
            fakeSearch.clear()
            fakeSearch.query = ""
            fakeSearch.roomFilter = ""
            fakeSearch.error = ""
            fakeSearch.busy = false
            const pane = createTemporaryObject(paneComponent, root)
            chosenSpy.clear()
            chosenSpy.target = pane
            pane.open()
            tryCompare(pane, "opened", true)
            tryVerify(() => pane.field.activeFocus)
            return pane
        }

        function findChild(item, name) {
            if (!item)
                return null
            if (item.objectName === name)
                return item
            const kids = item.children || []
            for (let i = 0; i < kids.length; ++i) {
                const found = findChild(kids[i], name)
                if (found)
                    return found
            }
            if (item.contentItem && item.contentItem !== item) {
                const found = findChild(item.contentItem, name)
                if (found)
                    return found
            }
            return null
        }

        function test_typing_sets_the_query_and_highlight_colour() {
            const pane = openPane()
            keySequence("l,u,n")
            compare(fakeSearch.query, "lun")
            verify(fakeSearch.highlightColor.length > 0)
        }

        function test_status_lines() {
            const pane = openPane()
            const status = findChild(pane.contentItem, "searchStatus")
            verify(status.text.indexOf("ignoring case") >= 0)
            fakeSearch.query = "zz"
            fakeSearch.busy = true
            compare(status.text, "Searching…")
            fakeSearch.busy = false
            compare(status.text, "No messages found.")
            fakeSearch.error = "You are offline; search needs the server."
            compare(status.text, "You are offline; search needs the server.")
            fakeSearch.error = ""
            fillResults()
            compare(status.visible, false)
        }

        function test_results_show_room_sender_and_marked_words() {
            const pane = openPane()
            fakeSearch.query = "lunch"
            fillResults()
            tryCompare(pane.results, "count", 2)
            tryVerify(() => pane.results.itemAtIndex(1))
            const first = pane.results.itemAtIndex(0)
            compare(first.roomName, "Kitchen")
            compare(first.senderName, "Bob")
            const text = findChild(first.contentItem, "resultText")
            compare(text.text, "<b>lunch</b> at noon")
            compare(text.textFormat, Text.StyledText)
            // Escaped text stays text: the <tea> of the message is no tag.
            const second = findChild(pane.results.itemAtIndex(1).contentItem, "resultText")
            verify(second.text.indexOf("&lt;tea&gt;") >= 0)
        }

        function test_keyboard_chooses_a_result() {
            const pane = openPane()
            keySequence("l,u")
            fillResults()
            tryCompare(pane.results, "count", 2)
            keyClick(Qt.Key_Down)
            compare(pane.results.currentIndex, 1)
            keyClick(Qt.Key_Return)
            compare(chosenSpy.count, 1)
            compare(chosenSpy.signalArguments[0][0], "r2")
            compare(chosenSpy.signalArguments[0][1], 3)
            tryCompare(pane, "opened", false)
        }

        function test_enter_while_busy_searches_now() {
            const pane = openPane()
            keySequence("x")
            fakeSearch.busy = true
            const before = fakeSearch.searchNowCalls
            keyClick(Qt.Key_Return)
            compare(fakeSearch.searchNowCalls, before + 1)
            compare(chosenSpy.count, 0)
        }

        function test_click_chooses_a_result() {
            const pane = openPane()
            fillResults()
            tryCompare(pane.results, "count", 2)
            tryVerify(() => pane.results.itemAtIndex(0))
            mouseClick(pane.results.itemAtIndex(0))
            compare(chosenSpy.count, 1)
            compare(chosenSpy.signalArguments[0][0], "r1")
            compare(chosenSpy.signalArguments[0][1], 7)
        }

        function test_this_room_only() {
            const pane = openPane()
            const box = findChild(pane.contentItem, "searchThisRoom")
            verify(box.visible)
            box.checked = true
            compare(fakeSearch.roomFilter, "r1")
            box.checked = false
            compare(fakeSearch.roomFilter, "")
        }

        function test_escape_closes() {
            const pane = openPane()
            keyClick(Qt.Key_Escape)
            tryCompare(pane, "opened", false)
        }
    }
}
