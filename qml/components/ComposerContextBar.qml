import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// "Replying to Bo: …" or "Editing message" above the composer, with a cancel button.
Rectangle {
    id: root

    property bool editing: false
    property string name
    property string preview

    signal cancelled()

    implicitHeight: row.implicitHeight + Theme.spacing
    radius: Theme.radius
    color: Theme.quote

    Rectangle {
        width: 3
        height: parent.height
        radius: 1
        color: Theme.accent
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacingSmall
        spacing: Theme.spacing

        Label {
            objectName: "contextLabel"
            text: root.editing ? qsTr("Editing message") : qsTr("Replying to %1").arg(root.name)
            color: Theme.accent
            font.bold: true
            font.pixelSize: Theme.fontSizeSmall + 1
        }
        Label {
            visible: !root.editing
            text: root.preview
            textFormat: Text.PlainText
            color: Theme.textMuted
            elide: Text.ElideRight
            maximumLineCount: 1
            font.pixelSize: Theme.fontSizeSmall + 1
            Layout.fillWidth: true
        }
        Item {
            visible: root.editing
            Layout.fillWidth: true
        }
        Label {
            visible: root.editing
            text: qsTr("Esc to cancel")
            color: Theme.textFaint
            font.pixelSize: Theme.fontSizeSmall
        }
        IconButton {
            text: "✕"
            focusPolicy: Qt.TabFocus
            Accessible.name: qsTr("Cancel")
            onClicked: root.cancelled()
            implicitWidth: 28
            implicitHeight: 28
        }
    }
}
