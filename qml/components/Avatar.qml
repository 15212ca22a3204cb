import QtQuick
import QtQuick.Controls
import Palaver

// Initials on a colour derived from the name, with an optional presence dot.
Rectangle {
    id: root

    property string name
    property string colorKey: root.name
    property string presence: ""
    property int size: Theme.avatarSize
    property color ringColor: Theme.surface
    property bool group: false

    implicitWidth: root.size
    implicitHeight: root.size
    radius: root.group ? root.size / 4 : root.size / 2
    color: Theme.avatarColor(root.colorKey)

    function initials(text: string): string {
        const words = text.trim().split(/\s+/).filter(w => w.length > 0)
        if (words.length === 0)
            return "?"
        if (words.length === 1)
            return words[0].charAt(0).toUpperCase()
        return (words[0].charAt(0) + words[words.length - 1].charAt(0)).toUpperCase()
    }

    Label {
        anchors.centerIn: parent
        text: root.group ? "#" : root.initials(root.name)
        color: "#ffffff"
        font.pixelSize: Math.round(root.size * 0.4)
        font.bold: true
    }

    PresenceDot {
        visible: root.presence.length > 0
        presence: root.presence
        ringColor: root.ringColor
        width: Math.max(10, Math.round(root.size * 0.34))
        height: width
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.rightMargin: -2
        anchors.bottomMargin: -2
    }
}
