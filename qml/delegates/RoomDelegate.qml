import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One row of the room list: avatar with presence, name, time, preview and badge.
ItemDelegate {
    id: root

    required property int index
    required property string roomId
    required property string name
    required property string kind
    required property string topic
    required property int unread
    required property int mentions
    required property real lastActivity
    required property string preview
    required property string previewSender
    required property string peerPresence
    required property string peerUserId

    // Set by the list.
    property bool selected: false
    property bool focused: false
    readonly property bool hasUnread: root.unread > 0

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 64
    padding: Theme.spacing
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    focusPolicy: Qt.NoFocus
    text: root.name

    Accessible.name: root.name + (root.hasUnread ? ", " + qsTr("%1 unread").arg(root.unread) : "")

    background: Rectangle {
        color: root.selected ? Theme.selection
                             : (root.hovered ? Theme.hover : "transparent")
        border.width: root.focused ? 2 : 0
        border.color: Theme.accent
        Rectangle {
            visible: root.mentions > 0 && !root.selected
            width: 3
            height: parent.height
            color: Theme.mention
        }
    }

    contentItem: RowLayout {
        spacing: Theme.spacingLarge

        Avatar {
            name: root.name
            colorKey: root.kind === "direct" ? root.peerUserId : root.roomId
            group: root.kind !== "direct"
            presence: root.kind === "direct" ? root.peerPresence : ""
            ringColor: root.selected ? Theme.selection : Theme.sidebar
            Layout.alignment: Qt.AlignVCenter
        }

        ColumnLayout {
            spacing: Theme.spacingTiny
            Layout.fillWidth: true

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                Label {
                    text: root.name
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                    font.bold: root.hasUnread
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: Format.shortStamp(root.lastActivity)
                    color: root.hasUnread ? Theme.accent : Theme.textFaint
                    font.pixelSize: Theme.fontSizeSmall
                }
            }

            RowLayout {
                spacing: Theme.spacing
                Layout.fillWidth: true
                Label {
                    text: root.preview.length === 0 ? (root.kind === "direct" ? qsTr("No messages yet")
                                                                               : root.topic)
                          : (root.kind !== "direct" && root.previewSender.length > 0
                             ? root.previewSender + ": " + Markup.toPlainText(root.preview)
                             : Markup.toPlainText(root.preview))
                    textFormat: Text.PlainText
                    color: root.hasUnread ? Theme.text : Theme.textMuted
                    font.pixelSize: Theme.fontSizeSmall + 1
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    Layout.fillWidth: true
                }
                UnreadBadge {
                    count: root.unread
                    mention: root.mentions > 0
                }
            }
        }
    }
}
