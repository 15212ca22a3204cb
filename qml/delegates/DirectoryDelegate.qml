import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// A public room from the directory ({id, name, topic, members} as the server sends it).
ItemDelegate {
    id: root

    required property var modelData
    required property int index

    property bool joined: false

    signal joinRequested()

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 60
    text: root.modelData.name
    highlighted: ListView.isCurrentItem

    contentItem: RowLayout {
        spacing: Theme.spacingLarge
        Avatar {
            name: root.modelData.name
            colorKey: root.modelData.id
            group: true
            size: Theme.avatarSizeSmall
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: root.modelData.name
                color: Theme.text
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: (root.modelData.members === 1 ? qsTr("1 member") : qsTr("%1 members").arg(root.modelData.members || 0))
                      + (root.modelData.topic ? "  ·  " + root.modelData.topic : "")
                color: Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Button {
            text: root.joined ? qsTr("Open") : qsTr("Join")
            highlighted: !root.joined
            focusPolicy: Qt.TabFocus
            onClicked: root.joinRequested()
        }
    }
}
