pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Palaver

// The reactions under a bubble: one pill per emoji with its count; yours are outlined.
// Few per message, so a Repeater is fine here.
Row {
    id: root

    property var reactions: []

    signal toggled(string emoji, bool on)

    spacing: Theme.spacingSmall
    visible: root.reactions && root.reactions.length > 0

    Repeater {
        model: root.reactions
        delegate: AbstractButton {
            id: pill
            required property var modelData
            objectName: "reaction_" + pill.modelData.emoji
            implicitHeight: 24
            implicitWidth: pillRow.implicitWidth + 16
            focusPolicy: Qt.NoFocus
            Accessible.name: qsTr("%1, %2 reactions").arg(pill.modelData.emoji).arg(pill.modelData.count)
            onClicked: root.toggled(pill.modelData.emoji, !pill.modelData.mine)

            background: Rectangle {
                radius: height / 2
                color: pill.modelData.mine ? Theme.selection : Theme.surfaceRaised
                border.width: 1
                border.color: pill.modelData.mine ? Theme.accent : Theme.border
            }
            contentItem: Item {
                Row {
                    id: pillRow
                    anchors.centerIn: parent
                    spacing: Theme.spacingSmall
                    Label {
                        text: pill.modelData.emoji
                        font.family: Theme.emojiFont
                        font.pixelSize: Theme.fontSizeSmall + 1
                        anchors.verticalCenter: parent.verticalCenter
                    }
                    Label {
                        objectName: "reactionCount"
                        text: pill.modelData.count
                        color: pill.modelData.mine ? Theme.accent : Theme.text
                        font.pixelSize: Theme.fontSizeSmall + 1
                        font.bold: pill.modelData.mine
                        anchors.verticalCenter: parent.verticalCenter
                    }
                }
            }
        }
    }
}
