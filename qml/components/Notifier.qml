import QtQuick
import Qt.labs.platform as Platform
import Palaver

// The tray icon: total unread in its tooltip and icon, desktop notifications (the library
// decides which messages notify), and a click that brings the window back.
Platform.SystemTrayIcon {
    id: root

    property int unread: 0
    property string lastRoomId

    signal activatedRoom(string roomId)
    signal raiseRequested()

    function notify(roomId: string, title: string, body: string, isMention: bool): void {
        root.lastRoomId = roomId
        root.showMessage(isMention ? qsTr("%1 mentioned you").arg(title) : title, body,
                         Platform.SystemTrayIcon.Information, 6000)
    }

    visible: root.available
    icon.source: root.unread > 0 ? "qrc:/qt/qml/Palaver/icons/palaver-unread.svg"
                                 : "qrc:/qt/qml/Palaver/icons/palaver.svg"
    tooltip: root.unread > 0 ? qsTr("Palaver — %1 unread").arg(root.unread) : "Palaver"

    onMessageClicked: {
        root.raiseRequested()
        if (root.lastRoomId.length > 0)
            root.activatedRoom(root.lastRoomId)
    }
    onActivated: root.raiseRequested()
}
