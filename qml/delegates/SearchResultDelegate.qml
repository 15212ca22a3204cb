import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// One search result: room, sender and time over the message with the matched words marked.
// matchedText is escaped rich text from the library (never the message's own markup).
ItemDelegate {
    id: root

    required property int index
    required property string roomId
    required property string roomName
    required property string senderName
    required property real ts
    required property int seq
    required property string matchedText

    property bool selected: false

    width: ListView.view ? ListView.view.width : implicitWidth
    padding: Theme.spacing
    leftPadding: Theme.spacingLarge
    rightPadding: Theme.spacingLarge
    focusPolicy: Qt.NoFocus
    Accessible.name: qsTr("%1 in %2").arg(root.senderName).arg(root.roomName)

    background: Rectangle {
        color: root.selected ? Theme.selection : (root.hovered ? Theme.hover : "transparent")
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingTiny
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            Label {
                objectName: "resultRoom"
                text: root.roomName
                color: Theme.accent
                font.bold: true
                font.pixelSize: Theme.fontSizeSmall
                elide: Text.ElideRight
                Layout.maximumWidth: parent.width * 0.5
            }
            Label {
                // A direct room is named after the peer: the name once is enough.
                text: root.senderName === root.roomName ? "" : root.senderName
                color: Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: Format.shortStamp(root.ts)
                color: Theme.textFaint
                font.pixelSize: Theme.fontSizeSmall
            }
        }
        Label {
            objectName: "resultText"
            text: root.matchedText
            textFormat: Text.StyledText
            color: Theme.text
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
    }
}
