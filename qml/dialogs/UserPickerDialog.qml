pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Search users and pick one: used to open a direct chat and to invite someone.
AppDialog {
    id: root

    required property Account account
    property string actionText: qsTr("Message")
    property string excludeUserId
    property var results: []

    signal picked(string userId)

    function search(): void {
        if (query.text.trim().length > 0)
            root.account.searchUsers(query.text.trim())
        else
            root.results = []
    }
    function pickCurrent(): void {
        const user = root.results[list.currentIndex]
        if (user) {
            root.picked(user.id)
            root.close()
        }
    }

    width: Math.min(460, parent ? parent.width - 40 : 460)
    height: Math.min(520, parent ? parent.height - 80 : 520)
    standardButtons: Dialog.Cancel

    onOpened: {
        query.text = ""
        root.results = []
        query.forceActiveFocus()
    }

    Connections {
        target: root.account
        enabled: root.visible
        function onUsersFound(users: var): void {
            root.results = users.filter(u => u.id !== root.excludeUserId)
            list.currentIndex = 0
        }
    }

    Timer {
        id: debounce
        interval: 250
        onTriggered: root.search()
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        TextField {
            id: query
            objectName: "userSearchField"
            placeholderText: qsTr("Search by name or username")
            Layout.fillWidth: true
            onTextEdited: debounce.restart()
            Keys.onDownPressed: list.incrementCurrentIndex()
            Keys.onUpPressed: list.decrementCurrentIndex()
            onAccepted: root.pickCurrent()
        }
        ListView {
            id: list
            objectName: "userResults"
            clip: true
            model: root.results
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: UserDelegate {
                id: user
                onClicked: {
                    list.currentIndex = user.index
                    root.pickCurrent()
                }
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: query.text.length > 0 ? qsTr("Nobody found") : qsTr("Type a name to search")
                color: Theme.textMuted
            }
        }
    }
}
