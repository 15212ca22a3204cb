import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Above the timeline: who or what this room is, the peer's presence or last seen in direct
// rooms, the member count and topic otherwise, and the room's actions.
Rectangle {
    id: root

    property string roomId
    property string name
    property string kind
    property string topic
    property string peerPresence
    property string peerUserId
    property real peerLastSeen: 0
    property int memberCount: 0
    property string role
    property bool membersShown: false

    signal membersToggled()
    signal inviteRequested()
    signal leaveRequested()

    readonly property bool direct: root.kind === "direct"
    readonly property string subtitle: root.direct
        ? Format.presence(root.peerPresence, root.peerLastSeen)
        : (root.memberCount === 1 ? qsTr("1 member") : qsTr("%1 members").arg(root.memberCount)) + (root.topic.length > 0 ? "  ·  " + root.topic : "")

    implicitHeight: 60
    color: Theme.surface

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingHuge
        anchors.rightMargin: Theme.spacingLarge
        spacing: Theme.spacingLarge

        Avatar {
            name: root.name
            colorKey: root.direct ? root.peerUserId : root.roomId
            group: !root.direct
            presence: root.direct ? root.peerPresence : ""
        }

        ColumnLayout {
            spacing: 0
            Layout.fillWidth: true
            Label {
                objectName: "roomTitle"
                text: root.name
                color: Theme.text
                font.pixelSize: Theme.fontSizeLarge
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                objectName: "roomSubtitle"
                text: root.subtitle
                color: root.direct && root.peerPresence === "online" ? Theme.success : Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall + 1
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
        }

        IconButton {
            objectName: "membersButton"
            text: qsTr("Members")
            checkable: true
            checked: root.membersShown
            focusPolicy: Qt.TabFocus
            onClicked: root.membersToggled()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Show members (Ctrl+M)")
        }
        IconButton {
            id: menuButton
            text: "⋮"
            focusPolicy: Qt.TabFocus
            Accessible.name: qsTr("Room menu")
            onClicked: roomMenu.open()
            AppMenu {
                id: roomMenu
                y: menuButton.height
                MenuItem {
                    text: qsTr("Invite someone…")
                    enabled: !root.direct && (root.role === "owner" || root.role === "admin")
                    onTriggered: root.inviteRequested()
                }
                MenuItem {
                    text: root.direct ? qsTr("Close conversation") : qsTr("Leave room")
                    onTriggered: root.leaveRequested()
                }
            }
        }
    }
}
