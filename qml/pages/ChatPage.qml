pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// The signed-in window: connection banner, room list, the open room and its members, and the
// dialogs to start conversations. Keyboard: Ctrl+K room switcher, Ctrl+F message search,
// Ctrl+N direct message,
// Ctrl+M members, Alt+Up/Down previous/next room, Ctrl+L composer.
Page {
    id: root

    required property Account account
    property string currentRoomId
    property var currentRoom: ({})
    property bool membersShown: false

    readonly property alias chatView: chat

    function openRoom(roomId: string): void {
        root.currentRoomId = roomId
        root.account.setActiveRoom(roomId)
        root.refreshRoom()
        if (roomId.length > 0)
            Qt.callLater(() => chat.composer.input.forceActiveFocus())
    }
    function refreshRoom(): void {
        const row = ModelAccess.findFirst(root.account.rooms, {roomId: root.currentRoomId})
        if (row < 0 && root.currentRoomId.length > 0 && root.account.rooms.count > 0) {
            root.currentRoomId = ""  // left or removed
        }
        root.currentRoom = row >= 0 ? ModelAccess.row(root.account.rooms, row) : ({})
    }
    function stepRoom(delta: int): void {
        const count = root.account.rooms.count
        if (count === 0)
            return
        const row = ModelAccess.findFirst(root.account.rooms, {roomId: root.currentRoomId})
        const next = Math.max(0, Math.min(count - 1, row + delta))
        root.openRoom(ModelAccess.row(root.account.rooms, next).roomId)
        roomPane.list.currentIndex = next
    }

    background: Rectangle { color: Theme.window }

    Connections {
        target: root.account.rooms
        function onDataChanged(): void { root.refreshRoom() }
        function onRowsRemoved(): void { root.refreshRoom() }
        function onRowsInserted(): void { root.refreshRoom() }
        function onModelReset(): void { root.refreshRoom() }
    }
    Connections {
        target: root.account
        function onRoomReady(roomId: string): void { root.openRoom(roomId) }
    }

    Shortcut {
        sequence: "Ctrl+K"
        onActivated: switcher.open()
    }
    Shortcut {
        sequences: [StandardKey.Find, "Ctrl+Shift+F"]
        onActivated: searchPane.open()
    }
    Shortcut {
        sequence: "Ctrl+N"
        onActivated: directDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+M"
        enabled: root.currentRoomId.length > 0
        onActivated: root.membersShown = !root.membersShown
    }
    Shortcut {
        sequence: "Alt+Up"
        onActivated: root.stepRoom(-1)
    }
    Shortcut {
        sequence: "Alt+Down"
        onActivated: root.stepRoom(1)
    }
    Shortcut {
        sequence: "Ctrl+L"
        enabled: root.currentRoomId.length > 0
        onActivated: chat.composer.input.forceActiveFocus()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ConnectionBanner {
            objectName: "connectionBanner"
            connectionState: root.account.connectionState
            retryInSeconds: root.account.retryInSeconds
            certificateChanged: root.account.certificate.problem === CertificateQuestion.Changed
            Layout.fillWidth: true
        }

        RowLayout {
            spacing: 0
            Layout.fillWidth: true
            Layout.fillHeight: true

            RoomListPane {
                id: roomPane
                account: root.account
                currentRoomId: root.currentRoomId
                Layout.preferredWidth: Theme.roomListWidth
                Layout.fillHeight: true
                onRoomActivated: roomId => root.openRoom(roomId)
                onNewDirectRequested: directDialog.open()
                onNewRoomRequested: createDialog.open()
                onDirectoryRequested: directoryDialog.open()
                onSwitcherRequested: switcher.open()
                onSearchRequested: searchPane.open()
            }

            ChatView {
                id: chat
                objectName: "chatView"
                visible: root.currentRoomId.length > 0
                account: root.account
                roomId: root.currentRoomId
                room: root.currentRoom
                membersShown: root.membersShown
                Layout.fillWidth: true
                Layout.fillHeight: true
                onMembersToggled: root.membersShown = !root.membersShown
                onInviteRequested: inviteDialog.open()
            }

            Rectangle {
                visible: root.currentRoomId.length === 0
                color: Theme.chatBackground
                Layout.fillWidth: true
                Layout.fillHeight: true
                ColumnLayout {
                    anchors.centerIn: parent
                    spacing: Theme.spacing
                    Label {
                        text: qsTr("Welcome, %1").arg(root.account.displayName)
                        color: Theme.text
                        font.pixelSize: Theme.fontSizeTitle
                        font.bold: true
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Label {
                        text: qsTr("Pick a conversation on the left, or press Ctrl+K to jump to one.")
                        color: Theme.textMuted
                        Layout.alignment: Qt.AlignHCenter
                    }
                }
            }

            MemberPanel {
                visible: root.membersShown && root.currentRoomId.length > 0
                members: chat.members
                canInvite: root.currentRoom.kind !== "direct"
                           && (root.currentRoom.role === "owner" || root.currentRoom.role === "admin")
                Layout.preferredWidth: Theme.memberPanelWidth
                Layout.fillHeight: true
                onInviteRequested: inviteDialog.open()
                onCloseRequested: root.membersShown = false
            }
        }
    }

    UserPickerDialog {
        id: directDialog
        objectName: "directDialog"
        title: qsTr("Direct message")
        account: root.account
        excludeUserId: root.account.userId
        onPicked: userId => root.account.openDirect(userId)
    }
    UserPickerDialog {
        id: inviteDialog
        title: qsTr("Invite to %1").arg(root.currentRoom.name || "")
        account: root.account
        excludeUserId: root.account.userId
        onPicked: userId => root.account.invite(root.currentRoomId, userId)
    }
    CreateRoomDialog {
        id: createDialog
        objectName: "createRoomDialog"
        account: root.account
    }
    DirectoryDialog {
        id: directoryDialog
        objectName: "directoryDialog"
        account: root.account
        onOpenRequested: roomId => root.openRoom(roomId)
    }
    SearchPane {
        id: searchPane
        objectName: "searchPane"
        search: root.account.search
        currentRoomId: root.currentRoomId
        currentRoomName: root.currentRoom.name || ""
        onResultChosen: (roomId, seq) => {
            if (roomId !== root.currentRoomId)
                root.openRoom(roomId)
            chat.showMessage(seq)
        }
    }
    RoomSwitcher {
        id: switcher
        objectName: "roomSwitcher"
        rooms: root.account.rooms
        onRoomChosen: roomId => root.openRoom(roomId)
    }
}
