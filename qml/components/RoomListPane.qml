pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Left column: you, the "new" menu, and your rooms (newest activity first).
Rectangle {
    id: root

    required property Account account
    property string currentRoomId

    signal roomActivated(string roomId)
    signal newDirectRequested()
    signal newRoomRequested()
    signal directoryRequested()
    signal switcherRequested()
    signal searchRequested()

    readonly property alias list: rooms

    color: Theme.sidebar

    Rectangle {
        anchors.right: parent.right
        width: 1
        height: parent.height
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.rightMargin: 1
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: 60
            Layout.leftMargin: Theme.spacingLarge
            Layout.rightMargin: Theme.spacingSmall
            spacing: Theme.spacing

            Avatar {
                name: root.account.displayName
                colorKey: root.account.userId
                presence: root.account.connectionState === Account.Online ? "online" : "offline"
                ringColor: Theme.sidebar
            }
            ColumnLayout {
                spacing: 0
                Layout.fillWidth: true
                Label {
                    objectName: "ownName"
                    text: root.account.displayName
                    color: Theme.text
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: "@" + root.account.username
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontSizeSmall
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
            IconButton {
                id: newButton
                objectName: "newButton"
                text: "✎"
                font.pixelSize: 18
                focusPolicy: Qt.TabFocus
                Accessible.name: qsTr("New conversation")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("New conversation")
                onClicked: newMenu.open()
                AppMenu {
                    id: newMenu
                    y: newButton.height
                    MenuItem {
                        objectName: "newDirectItem"
                        text: qsTr("Direct message…")
                        onTriggered: root.newDirectRequested()
                    }
                    MenuItem {
                        objectName: "newRoomItem"
                        text: qsTr("New group or public room…")
                        onTriggered: root.newRoomRequested()
                    }
                    MenuItem {
                        objectName: "directoryItem"
                        text: qsTr("Browse public rooms…")
                        onTriggered: root.directoryRequested()
                    }
                    MenuSeparator {}
                    MenuItem {
                        text: qsTr("Sign out")
                        onTriggered: root.account.signOut()
                    }
                }
            }
        }

        Button {
            id: switcherButton
            objectName: "switcherButton"
            text: qsTr("Find a room…  Ctrl+K")
            flat: true
            focusPolicy: Qt.NoFocus
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            onClicked: root.switcherRequested()
            contentItem: Label {
                text: switcherButton.text
                color: Theme.textFaint
                horizontalAlignment: Text.AlignLeft
                leftPadding: Theme.spacingSmall
            }
            background: Rectangle {
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
            }
        }

        Button {
            id: searchButton
            objectName: "searchButton"
            text: qsTr("Search messages…  Ctrl+F")
            flat: true
            focusPolicy: Qt.NoFocus
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            Layout.topMargin: Theme.spacingSmall
            onClicked: root.searchRequested()
            contentItem: Label {
                text: searchButton.text
                color: Theme.textFaint
                horizontalAlignment: Text.AlignLeft
                leftPadding: Theme.spacingSmall
            }
            background: Rectangle {
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
            }
        }

        ListView {
            id: rooms
            objectName: "roomList"
            model: root.account.rooms
            clip: true
            focus: true
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightMoveDuration: 0
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.spacing
            Accessible.name: qsTr("Rooms")
            ScrollBar.vertical: ScrollBar {}

            Keys.onReturnPressed: root.activateCurrent()
            Keys.onEnterPressed: root.activateCurrent()

            delegate: RoomDelegate {
                id: roomRow
                selected: roomRow.roomId === root.currentRoomId
                focused: rooms.activeFocus && ListView.isCurrentItem
                onClicked: {
                    rooms.currentIndex = roomRow.index
                    root.roomActivated(roomRow.roomId)
                }
            }

            ColumnLayout {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingHuge
                visible: rooms.count === 0
                spacing: Theme.spacing
                Label {
                    text: qsTr("No conversations yet")
                    color: Theme.text
                    font.bold: true
                    Layout.alignment: Qt.AlignHCenter
                }
                Label {
                    text: qsTr("Message someone or join a public room to get started.")
                    color: Theme.textMuted
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Button {
                    text: qsTr("Direct message…")
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: root.newDirectRequested()
                }
                Button {
                    text: qsTr("Browse public rooms…")
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: root.directoryRequested()
                }
            }
        }
    }

    function activateCurrent(): void {
        const item = rooms.currentItem as RoomDelegate
        if (item)
            root.roomActivated(item.roomId)
    }
}
