pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Palaver

// Actions on one message: quick reactions, reply, edit and delete (own messages), copy.
AppMenu {
    id: root

    property int seq: 0
    property string text
    property bool isOwn: false
    property bool deleted: false
    property var reactions: []

    // Opened from the keyboard: the first entry is current as soon as the menu is open, so
    // the user sees where Up/Down start (set after the open transition, or the popup resets it).
    property bool fromKeyboard: false
    onOpened: {
        if (!root.fromKeyboard)
            return
        root.currentIndex = 0
        // The currentIndex setter highlights but does not focus (Qt 6.4); the row needs the
        // keys itself.
        if (reactionRow.visible)
            reactionRow.forceActiveFocus(Qt.TabFocusReason)
    }

    readonly property var quickReactions: ["👍", "❤️", "😂", "🎉", "😮", "😢"]

    implicitWidth: root.quickReactions.length * 40 + 2 * Theme.spacing + root.leftPadding + root.rightPadding

    signal replyRequested()
    signal editRequested()
    signal deleteRequested()
    signal copyRequested()
    signal reactionToggled(string emoji, bool on)
    signal moreReactionsRequested()

    function isMine(emoji: string): bool {
        for (const r of root.reactions) {
            if (r.emoji === emoji)
                return r.mine
        }
        return false
    }

    // Reachable by keyboard like the items below: Up/Down reach the row, Left/Right pick a
    // reaction, Return or Space toggles it.
    Row {
        id: reactionRow
        objectName: "quickReactions"
        property int selected: 0
        activeFocusOnTab: true
        Keys.onLeftPressed: reactionRow.selected = (reactionRow.selected + root.quickReactions.length - 1) % root.quickReactions.length
        Keys.onRightPressed: reactionRow.selected = (reactionRow.selected + 1) % root.quickReactions.length
        Keys.onReturnPressed: reactionRow.toggleSelected()
        Keys.onEnterPressed: reactionRow.toggleSelected()
        Keys.onSpacePressed: reactionRow.toggleSelected()
        function toggleSelected(): void {
            const emoji = root.quickReactions[reactionRow.selected]
            root.reactionToggled(emoji, !root.isMine(emoji))
            root.close()
        }
        visible: !root.deleted
        height: visible ? 40 : 0
        leftPadding: Theme.spacingSmall
        spacing: Theme.spacingTiny
        Repeater {
            model: root.quickReactions
            delegate: IconButton {
                id: reactionButton
                required property string modelData
                text: reactionButton.modelData
                checked: root.isMine(reactionButton.modelData)
                font.family: Theme.emojiFont
                font.pixelSize: 18
                width: 38
                height: 38
                required property int index
                Rectangle {
                    anchors.fill: parent
                    visible: reactionRow.activeFocus && reactionRow.selected === reactionButton.index
                    color: "transparent"
                    radius: Theme.radius
                    border.width: 2
                    border.color: Theme.accent
                }
                onClicked: {
                    root.reactionToggled(reactionButton.modelData, !reactionButton.checked)
                    root.close()
                }
            }
        }
    }
    MenuSeparator {
        visible: !root.deleted
        height: visible ? implicitHeight : 0
    }
    MenuItem {
        text: qsTr("Reply")
        enabled: !root.deleted && root.seq > 0
        onTriggered: root.replyRequested()
    }
    MenuItem {
        text: qsTr("Edit")
        enabled: root.isOwn && !root.deleted && root.seq > 0
        height: root.isOwn ? implicitHeight : 0
        visible: root.isOwn
        onTriggered: root.editRequested()
    }
    MenuItem {
        text: qsTr("Copy text")
        enabled: !root.deleted
        onTriggered: root.copyRequested()
    }
    MenuItem {
        objectName: "moreReactionsItem"
        text: qsTr("React with…")
        enabled: !root.deleted && root.seq > 0
        height: root.deleted ? 0 : implicitHeight
        onTriggered: root.moreReactionsRequested()
    }
    MenuItem {
        text: qsTr("Delete")
        enabled: root.isOwn && !root.deleted && root.seq > 0
        height: root.isOwn ? implicitHeight : 0
        visible: root.isOwn
        onTriggered: root.deleteRequested()
    }
}
