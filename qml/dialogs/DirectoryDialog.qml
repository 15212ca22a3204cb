pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Browse and join public rooms.
AppDialog {
    id: root

    required property Account account
    property var results: []

    signal openRequested(string roomId)

    function enterRoom(roomId: string): void {
        if (root.isJoined(roomId))
            root.openRequested(roomId)
        else
            root.account.joinRoom(roomId)
        root.close()
    }

    function browse(): void {
        root.account.browseDirectory(query.text.trim())
    }
    function isJoined(roomId: string): bool {
        return ModelAccess.findFirst(root.account.rooms, {roomId: roomId}) >= 0
    }

    title: qsTr("Public rooms")
    width: Math.min(520, parent ? parent.width - 40 : 520)
    height: Math.min(560, parent ? parent.height - 80 : 560)
    standardButtons: Dialog.Close

    onOpened: {
        query.text = ""
        root.browse()
        query.forceActiveFocus()
    }

    Connections {
        target: root.account
        enabled: root.visible
        function onDirectoryLoaded(rooms: var): void {
            root.results = rooms
        }
    }

    Timer {
        id: debounce
        interval: 250
        onTriggered: root.browse()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        TextField {
            id: query
            objectName: "directorySearchField"
            placeholderText: qsTr("Search public rooms")
            Layout.fillWidth: true
            onTextEdited: debounce.restart()
            Keys.onDownPressed: list.incrementCurrentIndex()
            Keys.onUpPressed: list.decrementCurrentIndex()
            onAccepted: {
                const room = root.results[list.currentIndex]
                if (room)
                    root.enterRoom(room.id)
            }
        }
        ListView {
            id: list
            objectName: "directoryResults"
            clip: true
            model: root.results
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: DirectoryDelegate {
                id: entry
                joined: root.isJoined(entry.modelData.id)
                onJoinRequested: root.enterRoom(entry.modelData.id)
                onClicked: list.currentIndex = entry.index
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: qsTr("No public rooms found")
                color: Theme.textMuted
            }
        }
    }
}
