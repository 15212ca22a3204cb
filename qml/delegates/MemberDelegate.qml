import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One member in the member panel: avatar with presence, name, role, last seen.
ItemDelegate {
    id: root

    required property string userId
    required property string username
    required property string displayName
    required property string role
    required property string presence
    required property real lastSeen

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 52
    text: root.displayName
    focusPolicy: Qt.NoFocus
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge

    background: Rectangle {
        color: root.hovered ? Theme.hover : "transparent"
    }

    contentItem: RowLayout {
        spacing: Theme.spacing
        Avatar {
            name: root.displayName
            colorKey: root.userId
            presence: root.presence
            size: Theme.avatarSizeSmall
            ringColor: Theme.sidebar
        }
        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                text: root.displayName
                color: Theme.text
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: "@" + root.username + "  ·  " + Format.presence(root.presence, root.lastSeen)
                color: Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }
        Label {
            visible: root.role === "owner" || root.role === "admin"
            text: root.role === "owner" ? qsTr("owner") : qsTr("admin")
            color: Theme.accent
            font.pixelSize: Theme.fontSizeSmall
        }
    }
}
