pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Create a private group (members by invitation) or a public room anyone can find.
AppDialog {
    id: root

    required property Account account
    property var results: []
    property var chosen: []   // [{id, name}]

    readonly property bool valid: nameField.text.trim().length > 0

    function toggle(user: var): void {
        const existing = root.chosen.findIndex(c => c.id === user.id)
        const next = root.chosen.slice()
        if (existing >= 0)
            next.splice(existing, 1)
        else
            next.push({id: user.id, name: user.display_name || user.username})
        root.chosen = next
    }
    function isChosen(userId: string): bool {
        return root.chosen.some(c => c.id === userId)
    }

    title: qsTr("New room")
    width: Math.min(480, parent ? parent.width - 40 : 480)
    height: Math.min(600, parent ? parent.height - 60 : 600)
    standardButtons: Dialog.Ok | Dialog.Cancel

    Component.onCompleted: {
        const create = root.standardButton(Dialog.Ok)
        create.text = qsTr("Create")
        create.objectName = "createButton"
        create.enabled = Qt.binding(() => root.valid)
        create.highlighted = true
    }

    onOpened: {
        nameField.text = ""
        topicField.text = ""
        memberSearch.text = ""
        groupKind.checked = true
        root.results = []
        root.chosen = []
        nameField.forceActiveFocus()
    }
    onAccepted: root.account.createRoom(groupKind.checked ? "group" : "public", nameField.text.trim(),
                                        topicField.text.trim(), root.chosen.map(c => c.id))

    Connections {
        target: root.account
        enabled: root.visible
        function onUsersFound(users: var): void {
            root.results = users.filter(u => u.id !== root.account.userId)
        }
    }

    Timer {
        id: debounce
        interval: 250
        onTriggered: {
            if (memberSearch.text.trim().length > 0)
                root.account.searchUsers(memberSearch.text.trim())
            else
                root.results = []
        }
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing

        RowLayout {
            spacing: Theme.spacingLarge
            RadioButton {
                id: groupKind
                text: qsTr("Private group")
                checked: true
            }
            RadioButton {
                text: qsTr("Public room")
            }
        }
        Label {
            text: groupKind.checked ? qsTr("Only members you add or invite can see it.")
                                    : qsTr("Anyone on this server can find and join it.")
            color: Theme.textMuted
            font.pixelSize: Theme.fontSizeSmall
        }
        TextField {
            id: nameField
            objectName: "roomNameField"
            placeholderText: qsTr("Room name")
            maximumLength: 100
            Layout.fillWidth: true
            onAccepted: if (root.valid) root.accept()
        }
        TextField {
            id: topicField
            objectName: "topicField"
            placeholderText: qsTr("Topic (optional)")
            Layout.fillWidth: true
        }
        Label {
            text: root.chosen.length > 0 ? qsTr("Members: %1").arg(root.chosen.map(c => c.name).join(", "))
                                         : qsTr("Add members")
            color: Theme.text
            font.bold: true
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        TextField {
            id: memberSearch
            objectName: "memberSearchField"
            placeholderText: qsTr("Search people to add")
            Layout.fillWidth: true
            onTextEdited: debounce.restart()
        }
        ListView {
            id: list
            objectName: "memberResults"
            clip: true
            model: root.results
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: UserDelegate {
                id: user
                multiSelect: true
                selectedUser: root.isChosen(user.modelData.id)
                onClicked: root.toggle(user.modelData)
            }
        }
    }
}
