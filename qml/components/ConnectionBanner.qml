import QtQuick
import QtQuick.Controls
import Palaver

// The strip across the window while the connection is not up: "Connecting…",
// "Offline — reconnecting in 4 s", then "Back online" for a moment; while a certificate
// question is open, that nothing connects until it is answered.
Rectangle {
    id: root

    property int connectionState: Account.Online
    property int retryInSeconds: 0
    property string lastError: ""
    property bool certificateChanged: false

    property bool wasDisconnected: false
    property bool showBackOnline: false
    readonly property bool online: root.connectionState === Account.Online
    readonly property bool alarming: root.connectionState === Account.Reconnecting
                                     || root.connectionState === Account.AwaitingTrust
    readonly property bool shown: !root.online || root.showBackOnline
    readonly property string message: {
        switch (root.connectionState) {
        case Account.Connecting:
            return qsTr("Connecting…")
        case Account.Authenticating:
            return qsTr("Signing in…")
        case Account.Reconnecting:
            return root.retryInSeconds > 0
                    ? qsTr("Offline — reconnecting in %1 s").arg(root.retryInSeconds)
                    : qsTr("Offline — reconnecting…")
        case Account.AwaitingTrust:
            return root.certificateChanged
                    ? qsTr("Not connected — the server's certificate changed, possibly an attack")
                    : qsTr("Not connected — the server's certificate needs your decision")
        case Account.SignedOut:
            return qsTr("Signed out")
        default:
            return root.showBackOnline ? qsTr("Back online") : ""
        }
    }

    onConnectionStateChanged: {
        if (root.connectionState === Account.Reconnecting) {
            root.wasDisconnected = true
            root.showBackOnline = false
        } else if (root.connectionState === Account.Online && root.wasDisconnected) {
            root.wasDisconnected = false
            root.showBackOnline = true
            backOnlineTimer.restart()
        }
    }

    implicitHeight: root.shown ? label.implicitHeight + 2 * Theme.spacing : 0
    clip: true
    color: root.alarming ? Theme.bannerOffline
         : root.online ? Theme.bannerOnline : Theme.bannerConnecting

    Accessible.role: Accessible.AlertMessage
    Accessible.name: root.message

    Timer {
        id: backOnlineTimer
        interval: 3000
        onTriggered: root.showBackOnline = false
    }

    Label {
        id: label
        objectName: "bannerText"
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.spacingLarge
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        text: root.message
        color: root.alarming ? Theme.danger
             : root.online ? Theme.success : Theme.warning
        font.pixelSize: Theme.fontSizeSmall + 1
        font.bold: true
    }
}
