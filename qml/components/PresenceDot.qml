import QtQuick
import Palaver

// A small coloured dot for online, away or offline, ringed so it stands out on any background.
Rectangle {
    id: root

    property string presence: "offline"
    property color ringColor: Theme.surface

    implicitWidth: 12
    implicitHeight: 12
    radius: width / 2
    color: Theme.presenceColor(root.presence)
    border.width: 2
    border.color: root.ringColor

    Accessible.role: Accessible.Indicator
    Accessible.name: root.presence
}
