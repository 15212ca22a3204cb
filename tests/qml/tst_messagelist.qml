import QtQuick
import QtTest
import Palaver

// The timeline's scroll rules against a ListModel with the TimelineModel's roles.
Item {
    id: root
    width: 600
    height: 400

    ListModel { id: timeline }

    Component {
        id: listComponent
        MessageList {
            width: root.width
            height: root.height
        }
    }

    SignalSpy { id: olderSpy; signalName: "olderWanted" }
    SignalSpy { id: seenSpy; signalName: "seenUpTo" }
    SignalSpy { id: menuSpy; signalName: "menuRequested" }
    SignalSpy { id: deleteSpy; signalName: "deleteRequested" }
    SignalSpy { id: leaveSpy; signalName: "leaveRequested" }

    TestCase {
        name: "MessageList"
        when: windowShown

        function message(seq) {
            return {
                seq: seq, clientMid: "m" + seq, senderId: seq % 3 === 0 ? "me" : "u2",
                senderName: seq % 3 === 0 ? "Me" : "Bo",
                text: seq % 4 === 0 ? "A longer message number " + seq + " that wraps over more than one line in a narrow bubble, so rows differ in height"
                                    : "Message " + seq,
                ts: 1700000000000 + seq * 60000, kind: "message", edited: false, deleted: false,
                replyTo: 0, replyPreview: "", reactions: [], deliveryState: "sent", seenBy: 0,
                isOwn: seq % 3 === 0, mentionsMe: false, firstInRun: true, daySeparator: seq === 1,
                dayLabel: "Today", attachments: []
            }
        }
        function fill(first, last) {
            timeline.clear()
            for (let seq = first; seq <= last; ++seq)
                timeline.append(message(seq))
        }
        function createList(firstUnread) {
            const list = createTemporaryObject(listComponent, root, {firstUnreadRow: firstUnread})
            olderSpy.clear()
            olderSpy.target = list
            seenSpy.clear()
            seenSpy.target = list
            for (const spy of [menuSpy, deleteSpy, leaveSpy]) {
                spy.clear()
                spy.target = list
            }
            list.model = timeline
            tryVerify(() => list.landed)
            wait(50)
            return list
        }
        function topRow(list) {
            return list.indexAt(list.width / 2, list.contentY + 1)
        }

        function init() {
            fill(101, 160)
        }

        function test_lands_at_first_unread() {
            const list = createList(20)
            compare(topRow(list), 20)
            verify(!list.atBottom)
            compare(list.newMessageCount, 0)
        }

        function test_lands_at_bottom_without_unread() {
            const list = createList(-1)
            verify(list.atBottom)
            compare(list.indexAt(list.width / 2, list.contentY + list.height - list.bottomMargin - 2), 59)
        }

        function test_follows_new_rows_at_bottom() {
            const list = createList(-1)
            for (let seq = 161; seq <= 165; ++seq)
                timeline.append(message(seq))
            tryVerify(() => list.atBottom)
            wait(50)
            verify(list.atBottom)
            compare(list.newMessageCount, 0)
            compare(list.indexAt(list.width / 2, list.contentY + list.height - list.bottomMargin - 2), 64)
        }

        // A search result: the list lands on the message (centred, highlighted) instead of the
        // bottom, and stays there when the window around it replaces the rows.
        function test_lands_on_a_jump_target() {
            const list = createList(-1)
            list.landOn(110) // row 9, loaded: at once
            compare(list.highlightedSeq, 110)
            verify(!list.atBottom)
            const row = list.indexAt(list.width / 2, list.contentY + list.height / 2)
            verify(Math.abs(row - 9) <= 2)
            // Not loaded: nothing moves until the rows are replaced, then it lands there.
            list.landOn(30)
            compare(list.highlightedSeq, 110)
            fill(20, 60)
            // What onModelReset does when the timeline replaces its window (a ListModel's
            // clear() is no reset).
            list.landed = false
            list.land()
            compare(list.highlightedSeq, 30)
            tryVerify(() => list.landed)
            const centre = list.indexAt(list.width / 2, list.contentY + list.height / 2)
            verify(Math.abs(centre - 10) <= 2)
            verify(!list.atBottom)
            compare(list.newMessageCount, 0)
        }

        function test_counts_new_rows_when_scrolled_up() {
            const list = createList(-1)
            list.contentY -= 600
            wait(50)
            verify(!list.atBottom)
            const top = topRow(list)
            const contentY = list.contentY
            timeline.append(message(161))
            timeline.append(message(162))
            wait(50)
            compare(list.newMessageCount, 2)
            compare(topRow(list), top)
            compare(list.contentY, contentY)
            list.jumpToBottom()
            tryVerify(() => list.atBottom)
            compare(list.newMessageCount, 0)
        }

        function test_older_page_keeps_view_in_place() {
            const list = createList(-1)
            list.positionViewAtBeginning()
            wait(50)
            verify(olderSpy.count > 0)
            const top = topRow(list)
            const item = list.itemAtIndex(top)
            const screenY = item.y - list.contentY
            const seq = item.seq
            for (let s = 100; s >= 81; --s)
                timeline.insert(0, message(s))
            wait(100)
            const after = topRow(list)
            compare(list.itemAtIndex(after).seq, seq)
            fuzzyCompare(list.itemAtIndex(after).y - list.contentY, screenY, 2)
        }

        function test_reports_newest_row_on_screen() {
            const list = createList(-1)
            tryVerify(() => seenSpy.count > 0)
            compare(seenSpy.signalArguments[seenSpy.count - 1][0], 160)
        }

        function test_unread_marker_on_first_unread_row() {
            const list = createList(50)
            list.positionViewAtIndex(50, ListView.Beginning)
            wait(50)
            verify(list.itemAtIndex(50).unreadMarker)
            verify(!list.itemAtIndex(51).unreadMarker)
        }

        function test_short_history_sits_at_bottom() {
            fill(1, 2)
            const list = createList(-1)
            const last = list.itemAtIndex(1)
            fuzzyCompare(last.y + last.height - list.contentY, list.height - list.bottomMargin, 2)
        }

        function test_keyboard_walks_rows_opens_menu_and_deletes() {
            const list = createList(-1)
            compare(list.currentIndex, -1)
            list.forceActiveFocus()
            compare(list.currentIndex, 59) // the newest row on screen
            verify(list.itemAtIndex(59).highlighted)
            keyClick(Qt.Key_Up)
            compare(list.currentIndex, 58)
            verify(list.itemAtIndex(58).highlighted)
            verify(!list.itemAtIndex(59).highlighted)

            keyClick(Qt.Key_Return)
            compare(menuSpy.count, 1)
            compare(menuSpy.signalArguments[0][0].seq, 159)
            keyClick(Qt.Key_Menu)
            compare(menuSpy.count, 2)

            keyClick(Qt.Key_Delete) // seq 159 is the user's own
            compare(deleteSpy.count, 1)
            compare(deleteSpy.signalArguments[0][0], 159)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Delete) // seq 160 is someone else's: nothing
            compare(deleteSpy.count, 1)

            keyClick(Qt.Key_Escape)
            compare(leaveSpy.count, 1)
            compare(list.currentIndex, -1)
        }

        function test_keyboard_focus_keeps_scroll_rules() {
            const list = createList(-1)
            list.forceActiveFocus()
            keyClick(Qt.Key_Up)
            // New rows still follow at the bottom...
            for (let seq = 161; seq <= 163; ++seq)
                timeline.append(message(seq))
            tryVerify(() => list.atBottom)
            wait(50)
            verify(list.atBottom)
            // ...and an older page prepended keeps the current row where it was on screen.
            list.currentIndex = 2
            wait(50)
            const current = list.currentItem
            const screenY = current.y - list.contentY
            for (let s = 100; s >= 81; --s)
                timeline.insert(0, message(s))
            wait(100)
            compare(list.currentItem.seq, current.seq)
            fuzzyCompare(list.currentItem.y - list.contentY, screenY, 2)
        }
    }
}
