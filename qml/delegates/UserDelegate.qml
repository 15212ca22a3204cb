import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// A user search result ({id, username, display_name, presence} as the server sends it).
ItemDelegate {
    id: root

    required property var modelData
    required property int index

    property bool multiSelect: false
    property bool selectedUser: false

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 52
    text: root.modelData.display_name || root.modelData.username
    highlighted: ListView.isCurrentItem

    contentItem: RowLayout {
        spacing: Theme.spacing
        Avatar {
            name: root.text
            colorKey: root.modelData.id
            presence: root.modelData.presence || ""
            size: Theme.avatarSizeSmall
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: root.text
                color: Theme.text
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: "@" + root.modelData.username
                color: Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall
                Layout.fillWidth: true
            }
        }
        Label {
            visible: root.multiSelect
            text: root.selectedUser ? "✔" : ""
            color: Theme.accent
            font.bold: true
        }
    }
}
