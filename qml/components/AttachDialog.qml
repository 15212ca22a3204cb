import QtQuick
import Qt.labs.platform as Platform

// "Attach files…": the system's file picker; each chosen file is uploaded to the room.
Platform.FileDialog {
    id: root

    property var accountFiles: null
    property string roomId

    title: qsTr("Send files")
    fileMode: Platform.FileDialog.OpenFiles
    onAccepted: {
        for (let i = 0; i < root.files.length; ++i)
            root.accountFiles.uploadFile(root.roomId, root.files[i])
    }
}
