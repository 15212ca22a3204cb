pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import Palaver

// "Ada is typing…" under the timeline. Keeps its height when empty so the view never jumps.
Item {
    id: root

    property string text: ""

    implicitHeight: 22
    Accessible.role: Accessible.StaticText
    Accessible.name: root.text

    Row {
        anchors.verticalCenter: parent.verticalCenter
        x: Theme.spacingHuge
        spacing: Theme.spacingSmall
        visible: root.text.length > 0

        Repeater {
            model: 3
            delegate: Rectangle {
                id: dot
                required property int index
                width: 5
                height: 5
                radius: 2.5
                color: Theme.textMuted
                anchors.verticalCenter: parent.verticalCenter
                SequentialAnimation on opacity {
                    running: root.visible && root.text.length > 0
                    loops: Animation.Infinite
                    PauseAnimation { duration: dot.index * 150 }
                    NumberAnimation { from: 0.3; to: 1; duration: 300 }
                    NumberAnimation { from: 1; to: 0.3; duration: 300 }
                    PauseAnimation { duration: (2 - dot.index) * 150 }
                }
            }
        }

        Label {
            objectName: "typingText"
            text: root.text
            color: Theme.textMuted
            font.pixelSize: Theme.fontSizeSmall + 1
            font.italic: true
            elide: Text.ElideRight
            width: root.width - 2 * Theme.spacingHuge - 30
        }
    }
}
