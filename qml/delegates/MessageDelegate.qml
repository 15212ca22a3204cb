import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One timeline row: an optional day separator and "new messages" marker, then either a
// membership line or a message bubble with avatar and reactions. Pure view: every action is a
// signal for the list to route.
Item {
    id: root

    required property int index
    required property int seq
    required property string clientMid
    required property string senderId
    required property string senderName
    required property string text
    required property real ts
    required property string kind
    required property bool edited
    required property bool deleted
    required property int replyTo
    required property string replyPreview
    required property var reactions
    required property string deliveryState
    required property int seenBy
    required property bool isOwn
    required property bool mentionsMe
    required property bool firstInRun
    required property bool daySeparator
    required property string dayLabel
    required property var attachments
    property var files: null

    // Set by the list.
    property bool isGroup: false
    property bool unreadMarker: false
    property bool highlighted: false

    signal menuRequested(real x, real y)
    signal reactionToggled(string emoji, bool on)
    signal retryRequested()
    signal discardRequested()
    signal quoteActivated()

    readonly property bool isMessage: root.kind === "message"
    readonly property bool showAvatar: root.isGroup && !root.isOwn
    readonly property real sideMargin: Theme.spacingHuge

    function openMenuAt(source: Item, x: real, y: real): void {
        const p = source.mapToItem(root, x, y)
        root.menuRequested(p.x, p.y)
    }

    width: ListView.view ? ListView.view.width : 480
    implicitHeight: column.implicitHeight
    height: implicitHeight

    Column {
        id: column
        width: root.width
        topPadding: root.firstInRun || !root.isMessage ? Theme.spacing : Theme.spacingTiny

        Item {
            visible: root.daySeparator
            width: parent.width
            height: 36
            Rectangle {
                anchors.centerIn: parent
                width: dayText.implicitWidth + 20
                height: 22
                radius: 11
                color: Theme.surfaceRaised
                border.color: Theme.border
                Label {
                    id: dayText
                    anchors.centerIn: parent
                    text: root.dayLabel
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSizeSmall
                }
            }
        }

        Item {
            objectName: "unreadMarker"
            visible: root.unreadMarker
            width: parent.width
            height: 28
            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                x: root.sideMargin
                width: parent.width - 2 * root.sideMargin
                height: 1
                color: Theme.mention
            }
            Label {
                anchors.centerIn: parent
                text: "  " + qsTr("New messages") + "  "
                color: Theme.mention
                font.pixelSize: Theme.fontSizeSmall
                font.bold: true
                background: Rectangle { color: Theme.chatBackground }
            }
        }

        Label {
            visible: !root.isMessage
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            topPadding: Theme.spacingSmall
            bottomPadding: Theme.spacingSmall
            // The model has no role for the affected user of a membership event (the sender is
            // who acted), so this names the sender; a text from the library takes precedence.
            text: root.text.length > 0 ? root.text
                : root.kind === "member_join" ? qsTr("%1 joined").arg(root.senderName)
                : root.kind === "member_leave" ? qsTr("%1 left").arg(root.senderName)
                : root.kind === "room_update" ? qsTr("%1 updated the room").arg(root.senderName)
                : ""
            color: Theme.textMuted
            font.pixelSize: Theme.fontSizeSmall + 1
            font.italic: true
        }

        Item {
            visible: root.isMessage
            width: parent.width
            height: bubble.height

            Avatar {
                visible: root.showAvatar && root.firstInRun
                name: root.senderName
                colorKey: root.senderId
                size: Theme.avatarSizeSmall
                x: root.sideMargin
            }

            MessageBubble {
                id: bubble
                objectName: "bubble"
                x: root.isOwn ? root.width - width - root.sideMargin
                              : root.sideMargin + (root.showAvatar ? Theme.avatarSizeSmall + Theme.spacing : 0)
                width: implicitWidth
                height: implicitHeight
                maxWidth: Math.min(Theme.bubbleMaxWidth, root.width * 0.75)
                senderName: root.senderName
                senderKey: root.senderId
                showSender: root.firstInRun && root.showAvatar
                text: root.text
                deleted: root.deleted
                edited: root.edited
                ts: root.ts
                replyTo: root.replyTo
                replyPreview: root.replyPreview
                isOwn: root.isOwn
                mentionsMe: root.mentionsMe
                isGroup: root.isGroup
                deliveryState: root.deliveryState
                seenBy: root.seenBy
                attachments: root.attachments
                files: root.files
                border.width: root.highlighted ? 2 : (root.isOwn ? 0 : 1)
                border.color: root.highlighted ? Theme.accent : Theme.bubbleBorder
                onQuoteActivated: root.quoteActivated()
                onRetryRequested: root.retryRequested()
                onDiscardRequested: root.discardRequested()

                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: eventPoint => root.openMenuAt(bubble, eventPoint.position.x,
                                                            eventPoint.position.y)
                }
                TapHandler {
                    id: press
                    acceptedButtons: Qt.LeftButton
                    onLongPressed: root.openMenuAt(bubble, press.point.position.x,
                                                   press.point.position.y)
                }
            }

            HoverHandler {
                id: hover
            }

            IconButton {
                id: moreButton
                objectName: "moreButton"
                visible: hover.hovered && !root.deleted && root.seq > 0
                text: "⋯"
                focusPolicy: Qt.NoFocus
                width: 28
                height: 28
                anchors.verticalCenter: bubble.verticalCenter
                x: root.isOwn ? bubble.x - width - Theme.spacingSmall : bubble.x + bubble.width + Theme.spacingSmall
                onClicked: root.openMenuAt(moreButton, 0, moreButton.height)
                Accessible.name: qsTr("Message actions")
            }
        }

        Item {
            visible: root.isMessage && root.reactions && root.reactions.length > 0
            width: parent.width
            height: visible ? strip.implicitHeight + Theme.spacingSmall : 0
            ReactionStrip {
                id: strip
                y: Theme.spacingSmall
                width: Math.min(implicitWidth, root.width - 2 * root.sideMargin)
                x: root.isOwn ? root.width - width - root.sideMargin : bubble.x
                reactions: root.reactions
                onToggled: (emoji, on) => root.reactionToggled(emoji, on)
            }
        }
    }
}
