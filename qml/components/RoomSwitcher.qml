pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Ctrl+K: type part of a room's name, arrows to choose, Enter to open, Esc to close.
Popup {
    id: root

    property var rooms: null

    signal roomChosen(string roomId)

    function chooseCurrent(): void {
        const room = filtered.get(list.currentIndex)
        if (room.roomId !== undefined) {
            root.roomChosen(room.roomId)
            root.close()
        }
    }

    modal: true
    focus: true
    width: Math.min(460, parent ? parent.width - 40 : 460)
    height: Math.min(440, parent ? parent.height - 80 : 440)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(40, parent.height * 0.15) : 0
    padding: Theme.spacing

    onOpened: {
        query.text = ""
        list.currentIndex = 0
        query.forceActiveFocus()
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.color: Theme.border
    }

    RoleFilterModel {
        id: filtered
        source: root.rooms
        filterRoles: ["name", "topic"]
        query: query.text.trim()
        onQueryChanged: list.currentIndex = 0
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        TextField {
            id: query
            objectName: "switcherField"
            placeholderText: qsTr("Jump to a room")
            Layout.fillWidth: true
            Keys.onDownPressed: list.incrementCurrentIndex()
            Keys.onUpPressed: list.decrementCurrentIndex()
            onAccepted: root.chooseCurrent()
        }
        ListView {
            id: list
            clip: true
            model: filtered
            highlightMoveDuration: 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: RoomDelegate {
                id: roomRow
                selected: ListView.isCurrentItem
                onClicked: {
                    list.currentIndex = roomRow.index
                    root.chooseCurrent()
                }
            }
        }
    }
}
