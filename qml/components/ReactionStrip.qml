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
            implicitWidth: pillLabel.implicitWidth + 16
            focusPolicy: Qt.NoFocus
            Accessible.name: qsTr("%1, %2 reactions").arg(pill.modelData.emoji).arg(pill.modelData.count)
            onClicked: root.toggled(pill.modelData.emoji, !pill.modelData.mine)

            background: Rectangle {
                radius: height / 2
                color: pill.modelData.mine ? Theme.selection : Theme.surfaceRaised
                border.width: 1
                border.color: pill.modelData.mine ? Theme.accent : Theme.border
            }
            contentItem: Label {
                id: pillLabel
                text: pill.modelData.emoji + " " + pill.modelData.count
                color: Theme.text
                font.pixelSize: Theme.fontSizeSmall + 1
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
        }
    }
}
