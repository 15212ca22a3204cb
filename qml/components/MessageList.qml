pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Palaver

// The timeline view (oldest at row 0). Scroll rules: opening lands at the first unread row;
// older pages prepended at the top keep what is on screen in place; new rows are followed
// only while the view sits at the bottom, otherwise they are counted for the
// "N new messages" button. Rows on screen are reported with seenUpTo() for read markers.
// Keyboard: Shift+Tab from the composer lands on the newest row on screen; Up/Down move,
// Return or the Menu key opens the message menu, Delete deletes an own message, Escape goes
// back to the composer.
ListView {
    id: root

    property int firstUnreadRow: -1
    property bool isGroup: false
    property var files: null // account.files, for attachments
    property int highlightedSeq: 0
    // A message to land on (and highlight) instead of the first unread row: set by landOn()
    // before a jump, used once its row is there.
    property int landingSeq: 0
    property int newMessageCount: 0
    readonly property real distanceFromBottom: root.originY + root.contentHeight - root.contentY - root.height
    readonly property bool atBottom: root.distanceFromBottom < 48

    // Internal scroll state. followBottom: new rows keep the view at the bottom; it follows
    // the user's own scrolling and is set again by jumpToBottom().
    property bool landed: false
    property bool followBottom: true
    property bool positioning: false
    property Item anchorItem: null
    property real anchorOffset: 0

    signal seenUpTo(int seq)
    signal olderWanted()
    signal newerWanted()
    signal menuRequested(Item message, real x, real y)
    signal reactionToggled(int seq, string emoji, bool on)
    signal retryRequested(string clientMid)
    signal discardRequested(string clientMid)
    signal deleteRequested(int seq)
    signal leaveRequested()

    function landOn(seq: int): void {
        root.landingSeq = seq
        // Not loaded yet: the timeline resets to a window around it and land() runs then.
        if (seq > 0 && root.landed && ModelAccess.findFirst(root.model, {seq: seq}) >= 0)
            root.land()
    }

    function land(): void {
        if (root.count === 0)
            return
        root.landed = true
        root.newMessageCount = 0
        const target = root.landingSeq > 0 ? ModelAccess.findFirst(root.model, {seq: root.landingSeq}) : -1
        if (target >= 0) {
            root.landingSeq = 0
            root.followBottom = false
            root.jumpToRow(target)
            Qt.callLater(root.jumpToRow, target) // again, once the rows above have real heights
            seenTimer.restart()
            return
        }
        const row = root.firstUnreadRow
        if (row > 0 && row < root.count) {
            root.positionAt(row)
            Qt.callLater(root.positionAt, row) // again, once the rows above have real heights
        } else {
            root.jumpToBottom()
        }
        if (root.contentHeight < root.height)
            root.olderWanted()
        seenTimer.restart()
    }

    function positionAt(row: int): void {
        root.positioning = true
        root.forceLayout()
        root.positionViewAtIndex(row, ListView.Beginning)
        root.positioning = false
        root.followBottom = root.atBottom
    }

    function scrollToEnd(): void {
        if (!root.followBottom)
            return
        root.positioning = true
        root.forceLayout()
        root.positionViewAtEnd()
        root.positioning = false
    }

    function jumpToBottom(): void {
        root.followBottom = true
        root.newMessageCount = 0
        root.scrollToEnd()
        Qt.callLater(root.scrollToEnd) // again, once the new rows have real heights
    }

    function page(direction: int): void {
        const target = root.contentY + direction * root.height * 0.85
        const bottom = root.originY + root.contentHeight - root.height + root.bottomMargin
        root.contentY = Math.max(root.originY, Math.min(target, bottom))
    }

    function jumpToRow(row: int): void {
        if (row < 0 || row >= root.count)
            return
        root.positioning = true
        root.forceLayout()
        root.positionViewAtIndex(row, ListView.Center)
        root.positioning = false
        const item = root.itemAtIndex(row) as MessageDelegate
        root.highlightedSeq = item ? item.seq : 0
        highlightTimer.restart()
    }

    // Reports the newest row on screen; the library decides whether that moves a read marker.
    function reportSeen(): void {
        const bottom = root.indexAt(root.width / 2, root.contentY + root.height - 2)
        const top = root.indexAt(root.width / 2, root.contentY + 1)
        const last = bottom >= 0 ? bottom : root.count - 1
        for (let row = last; row >= Math.max(0, top); --row) {
            const item = root.itemAtIndex(row) as MessageDelegate
            if (item && item.seq > 0) {
                root.seenUpTo(item.seq)
                return
            }
        }
    }

    // A short history sits at the bottom, next to the composer, like any chat. Set
    // imperatively: as a binding it loops through the view's own relayout.
    function updateTopMargin(): void {
        const margin = Math.max(0, root.height - root.contentHeight - root.bottomMargin)
        if (Math.abs(margin - root.topMargin) < 0.5)
            return
        root.topMargin = margin
        root.scrollToEnd()
    }

    function restoreAnchor(): void {
        if (!root.anchorItem)
            return
        root.positioning = true
        root.forceLayout()
        root.contentY = root.anchorItem.y - root.anchorOffset
        root.positioning = false
        root.anchorItem = null
    }

    function handleKey(event: var): void {
        const item = root.currentItem as MessageDelegate
        if (event.key === Qt.Key_Escape) {
            root.currentIndex = -1
            root.leaveRequested()
            event.accepted = true
        } else if (!item) {
            return
        } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Menu
                   || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
            if (item.isMessage) {
                const p = item.mapToItem(root, item.width / 2, item.height / 2)
                root.menuRequested(item, p.x, p.y)
            }
            event.accepted = true
        } else if (event.key === Qt.Key_Delete) {
            if (item.isMessage && item.isOwn && !item.deleted && item.seq > 0)
                root.deleteRequested(item.seq)
            event.accepted = true
        }
    }

    // The row a keyboard user starts from: the one left current (when the message menu took
    // the focus and gave it back) if still on screen, else the newest one on screen.
    function selectOnScreen(): void {
        // Rows by index only: Qt 6.4's compiled lookups on currentItem here crashed when the
        // focus came back from a closing popup.
        const top = Math.max(0, root.indexAt(root.width / 2, root.contentY + 1))
        const bottom = root.indexAt(root.width / 2, root.contentY + root.height - root.bottomMargin - 2)
        const last = bottom >= 0 ? bottom : root.count - 1
        if (root.currentIndex >= top && root.currentIndex <= last)
            return
        root.currentIndex = last
    }

    clip: true
    spacing: 0
    boundsBehavior: Flickable.StopAtBounds
    reuseItems: false
    cacheBuffer: 800
    bottomMargin: Theme.spacingLarge
    activeFocusOnTab: true
    keyNavigationEnabled: true
    highlightFollowsCurrentItem: false
    // No row is current until the keyboard comes (and none after Escape), so the view has no
    // current row to keep in sight while the mouse scrolls it.
    currentIndex: -1
    onActiveFocusChanged: if (root.activeFocus) root.selectOnScreen()
    Keys.onPressed: event => root.handleKey(event)

    ScrollBar.vertical: ScrollBar {}

    onModelChanged: {
        root.currentIndex = -1
        root.landed = false
        root.followBottom = true
        root.anchorItem = null
        root.newMessageCount = 0
        Qt.callLater(root.land)
    }
    onCountChanged: if (!root.landed && root.count > 0) Qt.callLater(root.land)
    onAtBottomChanged: if (root.atBottom) root.newMessageCount = 0
    onContentHeightChanged: {
        Qt.callLater(root.updateTopMargin)
        if (root.landed && root.followBottom)
            Qt.callLater(root.scrollToEnd)
    }
    onHeightChanged: Qt.callLater(root.updateTopMargin)
    onContentYChanged: {
        seenTimer.restart()
        if (root.landed && !root.positioning && !root.anchorItem)
            root.followBottom = root.atBottom
        // Three screens ahead: the page lands beyond the delegates being built (cacheBuffer),
        // so its rows are created a few per frame as they scroll in, not all in one frame.
        if (root.landed && root.count > 0 && root.contentY - root.originY < 3 * root.height)
            root.olderWanted()
        // After a jump the rows end before the newest message: the next ones page in below.
        if (root.landed && root.count > 0 && root.distanceFromBottom < 2 * root.height)
            root.newerWanted()
    }

    Connections {
        target: root.model as QtObject
        ignoreUnknownSignals: true

        // Runs before the view lays the rows out, so the geometry here is still the old one.
        function onRowsInserted(parent: var, first: int, last: int): void {
            if (!root.landed)
                return
            const added = last - first + 1
            // The view's count and geometry are still the old ones here.
            if (first === 0) {
                if (!root.anchorItem) {
                    const row = root.indexAt(root.width / 2, root.contentY + 1)
                    root.anchorItem = row >= 0 ? root.itemAtIndex(row) : null
                    root.anchorOffset = root.anchorItem ? root.anchorItem.y - root.contentY : 0
                }
                Qt.callLater(root.restoreAnchor)
            } else if (!root.followBottom && root.model.detached !== true) {
                // (Rows paged in below a jump's window are not new messages.)
                root.newMessageCount += added
            }
        }
        function onModelReset(): void {
            root.landed = false
            Qt.callLater(root.land)
        }
    }

    Timer {
        id: seenTimer
        interval: 250
        onTriggered: root.reportSeen()
    }
    Timer {
        id: highlightTimer
        interval: 1600
        onTriggered: root.highlightedSeq = 0
    }

    delegate: MessageDelegate {
        id: message
        isGroup: root.isGroup
        files: root.files
        unreadMarker: message.index === root.firstUnreadRow && message.index > 0
        highlighted: (message.seq > 0 && message.seq === root.highlightedSeq)
                     || (message.ListView.isCurrentItem && root.activeFocus)
        onMenuRequested: (x, y) => {
            const p = message.mapToItem(root, x, y)
            root.menuRequested(message, p.x, p.y)
        }
        onReactionToggled: (emoji, on) => root.reactionToggled(message.seq, emoji, on)
        onRetryRequested: root.retryRequested(message.clientMid)
        onDiscardRequested: root.discardRequested(message.clientMid)
        onQuoteActivated: root.jumpToRow(ModelAccess.findFirst(root.model, {seq: message.replyTo}))
    }
}
