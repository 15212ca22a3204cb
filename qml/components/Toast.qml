import QtQuick
import QtQuick.Controls
import Palaver

// A short message at the bottom of the window for errors that are not tied to a form.
Popup {
    id: root

    property string text

    function show(message: string): void {
        root.text = message
        root.open()
        hideTimer.restart()
    }

    x: (parent ? parent.width - width : 0) / 2
    y: parent ? parent.height - height - 96 : 0
    padding: Theme.spacingLarge
    closePolicy: Popup.CloseOnEscape
    focus: false

    background: Rectangle {
        radius: Theme.radius
        color: Theme.dark ? "#e7e9ee" : "#2b2f36"
    }
    contentItem: Label {
        objectName: "toastText"
        text: root.text
        color: Theme.dark ? "#1b1f27" : "#ffffff"
        wrapMode: Text.Wrap
        width: Math.min(implicitWidth, 480)
    }

    Timer {
        id: hideTimer
        interval: 4000
        onTriggered: root.close()
    }
}
