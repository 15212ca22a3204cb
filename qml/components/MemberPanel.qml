pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// The right-hand list of a room's members, online first as the model sorts them.
Rectangle {
    id: root

    property var members: null
    property bool canInvite: false

    signal inviteRequested()
    signal closeRequested()

    color: Theme.sidebar

    Rectangle {
        width: 1
        height: parent.height
        color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.leftMargin: 1
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: 60
            Layout.leftMargin: Theme.spacingLarge
            Layout.rightMargin: Theme.spacingSmall
            Label {
                text: qsTr("Members") + (memberList.count > 0 ? "  " + memberList.count : "")
                color: Theme.text
                font.bold: true
                font.pixelSize: Theme.fontSizeLarge
                Layout.fillWidth: true
            }
            IconButton {
                text: "✕"
                focusPolicy: Qt.TabFocus
                Accessible.name: qsTr("Close members")
                onClicked: root.closeRequested()
            }
        }

        Button {
            visible: root.canInvite
            text: qsTr("Invite someone…")
            flat: true
            focusPolicy: Qt.TabFocus
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            onClicked: root.inviteRequested()
        }

        ListView {
            id: memberList
            objectName: "memberList"
            model: root.members
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}
            delegate: MemberDelegate {}
        }
    }
}
