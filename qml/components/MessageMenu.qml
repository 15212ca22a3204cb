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

    readonly property var quickReactions: ["👍", "❤️", "😂", "🎉", "😮", "😢"]

    implicitWidth: root.quickReactions.length * 40 + 2 * Theme.spacing + root.leftPadding + root.rightPadding

    signal replyRequested()
    signal editRequested()
    signal deleteRequested()
    signal copyRequested()
    signal reactionToggled(string emoji, bool on)

    function isMine(emoji: string): bool {
        for (const r of root.reactions) {
            if (r.emoji === emoji)
                return r.mine
        }
        return false
    }

    Row {
        objectName: "quickReactions"
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
        text: qsTr("Delete")
        enabled: root.isOwn && !root.deleted && root.seq > 0
        height: root.isOwn ? implicitHeight : 0
        visible: root.isOwn
        onTriggered: root.deleteRequested()
    }
}
