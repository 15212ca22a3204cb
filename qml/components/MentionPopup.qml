pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Palaver

// Completion list for "@" in the composer: members whose username or display name has a
// word starting with the typed query. Keys are forwarded here by the composer.
Popup {
    id: root

    property var members: null
    property string query: ""
    readonly property int count: filtered.count
    readonly property alias currentIndex: list.currentIndex

    signal picked(string username)

    function moveUp(): void {
        list.currentIndex = Math.max(0, list.currentIndex - 1)
    }
    function moveDown(): void {
        list.currentIndex = Math.min(filtered.count - 1, list.currentIndex + 1)
    }
    function acceptCurrent(): bool {
        const entry = filtered.get(list.currentIndex)
        if (entry.username === undefined)
            return false
        root.picked(entry.username)
        return true
    }

    padding: Theme.spacingSmall
    width: 280
    height: Math.min(list.contentHeight, 5 * 44) + 2 * padding
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutsideParent
    focus: false

    onQueryChanged: list.currentIndex = 0
    onOpened: list.currentIndex = 0

    background: Rectangle {
        color: Theme.surfaceRaised
        border.color: Theme.border
        radius: Theme.radius
    }

    RoleFilterModel {
        id: filtered
        source: root.members
        filterRoles: ["username", "displayName"]
        prefixOnly: true
        query: root.query
    }

    contentItem: ListView {
        id: list
        objectName: "mentionList"
        clip: true
        model: filtered
        currentIndex: 0
        boundsBehavior: Flickable.StopAtBounds
        delegate: ItemDelegate {
            id: entry
            required property int index
            required property string userId
            required property string username
            required property string displayName
            required property string presence
            width: ListView.view.width
            height: 44
            text: entry.displayName
            highlighted: ListView.isCurrentItem
            focusPolicy: Qt.NoFocus
            onClicked: root.picked(entry.username)
            contentItem: Row {
                spacing: Theme.spacing
                Avatar {
                    name: entry.displayName
                    colorKey: entry.userId
                    presence: entry.presence
                    size: Theme.avatarSizeSmall
                    anchors.verticalCenter: parent.verticalCenter
                }
                Label {
                    text: entry.displayName
                    color: Theme.text
                    font.bold: true
                    anchors.verticalCenter: parent.verticalCenter
                }
                Label {
                    text: "@" + entry.username
                    color: Theme.textMuted
                    anchors.verticalCenter: parent.verticalCenter
                }
            }
        }
    }
}
