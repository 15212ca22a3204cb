import QtQuick
import QtQuick.Controls
import Palaver

// Delivery state of an own message: ○ pending, ✔ sent, ✔✔ read by everyone, ⚠ failed;
// in groups "seen by N" while only some members have read it.
Row {
    id: root

    property string deliveryState: "sent"
    property int seenBy: 0
    property bool isGroup: false
    property color color: Theme.textMuted

    readonly property string symbol: {
        switch (root.deliveryState) {
        case "pending": return "○"
        case "failed": return "⚠"
        case "read": return "✔✔"
        default: return "✔"
        }
    }
    readonly property string stateName: {
        switch (root.deliveryState) {
        case "pending": return qsTr("sending")
        case "failed": return qsTr("not sent")
        case "read": return qsTr("read")
        default: return qsTr("sent")
        }
    }

    spacing: Theme.spacingSmall
    Accessible.role: Accessible.StaticText
    Accessible.name: root.stateName

    Label {
        objectName: "seenBy"
        visible: root.isGroup && root.deliveryState === "sent" && root.seenBy > 0
        text: qsTr("seen by %1").arg(root.seenBy)
        color: root.color
        font.pixelSize: Theme.fontSizeSmall
        anchors.verticalCenter: parent.verticalCenter
    }

    Label {
        objectName: "ticks"
        text: root.symbol
        color: root.deliveryState === "read" ? Theme.tickRead
             : root.deliveryState === "failed" ? Theme.danger : root.color
        font.pixelSize: Theme.fontSizeSmall
        font.letterSpacing: root.deliveryState === "read" ? -3 : 0
        anchors.verticalCenter: parent.verticalCenter
    }
}
