import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One open room: header, timeline, typing line and composer, wired to the Account.
Rectangle {
    id: root

    required property Account account
    property string roomId
    property var room: ({})
    property bool membersShown: false

    // var, not the model types: Qt 6.4's qmlcachegen turns these invokables' results into
    // QJSValue and then fails to assign them to a typed property.
    readonly property var timeline: root.roomId.length > 0 ? root.account.timeline(root.roomId) : null
    readonly property var members: root.roomId.length > 0 ? root.account.members(root.roomId) : null
    readonly property var typing: root.roomId.length > 0 ? root.account.typing(root.roomId) : null
    readonly property bool isGroup: root.room.kind !== undefined && root.room.kind !== "direct"
    readonly property alias composer: composer
    readonly property alias messageList: messages

    signal membersToggled()
    signal inviteRequested()

    // The peer's last seen time lives in the member list, not the room list.
    property real peerLastSeen: 0
    function refreshPeer(): void {
        const row = ModelAccess.findFirst(root.members, {userId: root.room.peerUserId || ""})
        root.peerLastSeen = row >= 0 ? ModelAccess.row(root.members, row).lastSeen : 0
    }

    function editLast(): void {
        const row = ModelAccess.findLast(root.timeline, {isOwn: true, kind: "message", deleted: false})
        if (row < 0)
            return
        const message = ModelAccess.row(root.timeline, row)
        if (message.seq > 0)
            composer.startEdit(message.seq, message.text)
    }

    // Sends a local file (URL) to the room: what the attach dialog and a drop do, callable
    // by the screenshot autopilot.
    function attachFile(fileUrl): void {
        root.account.files.uploadFile(root.roomId, fileUrl)
    }

    function confirmDelete(seq: int, returnFocus: Item): void {
        const row = ModelAccess.findFirst(root.timeline, {seq: seq})
        deleteDialog.seq = seq
        deleteDialog.preview = row >= 0 ? ModelAccess.row(root.timeline, row).text : ""
        deleteDialog.returnFocus = returnFocus ? returnFocus : composer.input
        deleteDialog.open()
    }

    // Opens the room at message `seq` (a search result): loaded around it when needed,
    // scrolled into view and highlighted.
    function showMessage(seq: int): void {
        if (!root.timeline)
            return
        messages.landOn(seq)
        root.timeline.jumpTo(seq)
    }

    function openMenu(message: MessageDelegate, x: real, y: real): void {
        // Focus goes back where it came from: the list for a keyboard user, else the composer.
        menu.returnFocus = messages.activeFocus ? messages : composer.input
        menu.target = message
        menu.seq = message.seq
        menu.text = message.text
        menu.isOwn = message.isOwn
        menu.deleted = message.deleted
        menu.reactions = message.reactions
        menu.fromKeyboard = menu.returnFocus === messages
        menu.popup(messages, x, y)
    }

    color: Theme.chatBackground

    // Rows seen while the window was in the background count once it is active again; the
    // delay lets Main tell the Account first.
    readonly property bool windowActive: Window.active
    onWindowActiveChanged: if (root.windowActive) Qt.callLater(messages.reportSeen)

    onRoomIdChanged: {
        composer.cancel()
        composer.setTextQuietly("")
        root.refreshPeer()
    }
    onMembersChanged: root.refreshPeer()

    Connections {
        target: root.timeline
        ignoreUnknownSignals: true
        function onJumped(seq: int, row: int): void { messages.landOn(row >= 0 ? seq : 0) }
    }

    Connections {
        target: root.members
        function onDataChanged(): void { root.refreshPeer() }
        function onRowsInserted(): void { root.refreshPeer() }
        function onModelReset(): void { root.refreshPeer() }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RoomHeader {
            roomId: root.roomId
            name: root.room.name || ""
            kind: root.room.kind || ""
            topic: root.room.topic || ""
            peerPresence: root.room.peerPresence || ""
            peerUserId: root.room.peerUserId || ""
            peerLastSeen: root.peerLastSeen
            memberCount: root.room.memberCount || 0
            role: root.room.role || ""
            membersShown: root.membersShown
            Layout.fillWidth: true
            onMembersToggled: root.membersToggled()
            onInviteRequested: root.inviteRequested()
            onLeaveRequested: root.account.leaveRoom(root.roomId)
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            MessageList {
                id: messages
                objectName: "messageList"
                anchors.fill: parent
                model: root.timeline
                isGroup: root.isGroup
                files: root.account.files
                firstUnreadRow: root.timeline ? root.timeline.firstUnreadRow : -1
                onSeenUpTo: seq => root.timeline.markSeen(seq)
                onNewerWanted: if (root.timeline.detached) root.timeline.fetchNewer()
                onOlderWanted: {
                    const top = root.timeline.index(-1, -1)
                    if (root.timeline.canFetchMore(top))
                        root.timeline.fetchMore(top)
                }
                onMenuRequested: (message, x, y) => root.openMenu(message as MessageDelegate, x, y)
                onReactionToggled: (seq, emoji, on) => root.account.react(root.roomId, seq, emoji, on)
                onRetryRequested: clientMid => root.account.retrySend(clientMid)
                onDiscardRequested: clientMid => root.account.discardSend(clientMid)
                onDeleteRequested: seq => root.confirmDelete(seq, messages)
                onLeaveRequested: composer.input.forceActiveFocus()
            }

            Label {
                anchors.centerIn: parent
                visible: messages.count === 0
                text: qsTr("No messages yet. Say hello!")
                color: Theme.textMuted
            }

            FileDropArea {
                anchors.fill: parent
                files: root.account.files
                roomId: root.roomId
            }

            NewMessagesButton {
                objectName: "newMessagesButton"
                count: messages.newMessageCount
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Theme.spacingLarge
                onClicked: messages.jumpToBottom()
            }

            Button {
                objectName: "latestButton"
                visible: root.timeline ? root.timeline.detached : false
                text: qsTr("Jump to latest ↓")
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.spacingLarge
                onClicked: {
                    root.timeline.jumpToLatest()
                    messages.jumpToBottom()
                }
            }
        }

        TypingLine {
            objectName: "typingLine"
            text: root.typing ? root.typing.text : ""
            Layout.fillWidth: true
        }

        UploadStrip {
            files: root.account.files
            roomId: root.roomId
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
        }

        Composer {
            id: composer
            pasteFiles: () => ClipboardUpload.paste(root.account.files, root.roomId)
            onAttachRequested: attachDialog.open()
            members: root.members
            placeholder: root.room.name ? qsTr("Message %1").arg(root.room.name) : qsTr("Write a message…")
            Layout.fillWidth: true
            onSendRequested: (text, replyTo) => {
                if (root.timeline && root.timeline.detached)
                    root.timeline.jumpToLatest()
                root.account.sendMessage(root.roomId, text, replyTo)
                messages.jumpToBottom()
            }
            onEditConfirmed: (seq, text) => root.account.editMessage(root.roomId, seq, text)
            onEditLastRequested: root.editLast()
            onTyped: root.account.userTyping(root.roomId)
            onCleared: root.account.composerCleared(root.roomId)
            onPageRequested: direction => messages.page(direction)
            onEmojiRequested: {
                emojiPicker.forReaction = false
                emojiPicker.parent = composer
                emojiPicker.x = composer.width - emojiPicker.width - Theme.spacing
                emojiPicker.y = -emojiPicker.height - Theme.spacingSmall
                emojiPicker.open()
            }
        }
    }

    MessageMenu {
        id: menu
        property MessageDelegate target: null
        onReplyRequested: composer.startReply(menu.seq, menu.target.senderName, menu.text)
        onEditRequested: composer.startEdit(menu.seq, menu.text)
        onDeleteRequested: root.confirmDelete(menu.seq, menu.returnFocus)
        onCopyRequested: Clipboard.copy(menu.text)
        onReactionToggled: (emoji, on) => root.account.react(root.roomId, menu.seq, emoji, on)
        onMoreReactionsRequested: {
            emojiPicker.forReaction = true
            emojiPicker.reactionSeq = menu.seq
            emojiPicker.parent = messages
            emojiPicker.x = (messages.width - emojiPicker.width) / 2
            emojiPicker.y = Math.max(0, (messages.height - emojiPicker.height) / 2)
            emojiPicker.open()
        }
        onClosed: if (!deleteDialog.visible && menu.returnFocus) menu.returnFocus.forceActiveFocus()
        property Item returnFocus: null
    }

    EmojiPicker {
        id: emojiPicker
        objectName: "emojiPicker"
        property bool forReaction: false
        property int reactionSeq: 0
        onPicked: emoji => {
            if (emojiPicker.forReaction)
                root.account.react(root.roomId, emojiPicker.reactionSeq, emoji, true)
            else
                composer.insertAtCursor(emoji)
        }
        onClosed: composer.input.forceActiveFocus()
    }

    AttachDialog {
        id: attachDialog
        accountFiles: root.account.files
        roomId: root.roomId
    }

    DeleteMessageDialog {
        id: deleteDialog
        objectName: "deleteMessageDialog"
        property Item returnFocus: null
        onConfirmed: seq => root.account.deleteMessage(root.roomId, seq)
        onClosed: if (deleteDialog.returnFocus) deleteDialog.returnFocus.forceActiveFocus()
    }
}
