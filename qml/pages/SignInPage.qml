import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Server address, username and password; log in or create an account. Shows the form's own
// checks (the server stays the judge) and the library's error after a failed attempt.
Page {
    id: root

    property string serverUrl: "ws://127.0.0.1:8765/v1"
    property string errorText: ""
    property bool busy: false
    property bool createAccount: false
    property bool attempted: false

    signal submitted(string serverUrl, string username, string password, bool createAccount)

    readonly property string validationError: {
        if (!/^wss?:\/\/\S+$/.test(serverField.text.trim()))
            return qsTr("The server address starts with ws:// or wss://, e.g. ws://chat.example.org:8765/v1.")
        if (!/^[A-Za-z0-9_.-]{3,32}$/.test(usernameField.text.trim()))
            return qsTr("Usernames are 3–32 letters, digits, dots, dashes or underscores.")
        if (root.createAccount && passwordField.text.length < 8)
            return qsTr("Choose a password of at least 8 characters.")
        if (passwordField.text.length === 0)
            return qsTr("Enter your password.")
        return ""
    }
    readonly property string shownError: root.attempted && root.validationError.length > 0
                                         ? root.validationError : root.errorText

    function submit(): void {
        root.attempted = true
        if (root.validationError.length > 0 || root.busy)
            return
        root.errorText = ""
        root.submitted(serverField.text.trim(), usernameField.text.trim().toLowerCase(),
                       passwordField.text, root.createAccount)
    }

    background: Rectangle { color: Theme.window }

    Rectangle {
        id: card
        anchors.centerIn: parent
        width: Math.min(420, root.width - 40)
        height: form.implicitHeight + 2 * Theme.spacingHuge + Theme.spacing
        radius: Theme.radius * 1.5
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: form
            anchors.fill: parent
            anchors.margins: Theme.spacingHuge
            spacing: Theme.spacing

            Label {
                text: "Palaver"
                color: Theme.accent
                font.pixelSize: Theme.fontSizeTitle + 6
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Label {
                objectName: "formTitle"
                text: root.createAccount ? qsTr("Create your account") : qsTr("Sign in to your server")
                color: Theme.textMuted
                Layout.alignment: Qt.AlignHCenter
                Layout.bottomMargin: Theme.spacing
            }

            Label { text: qsTr("Server"); color: Theme.text; font.bold: true }
            TextField {
                id: serverField
                objectName: "serverField"
                text: root.serverUrl
                placeholderText: "ws://host:8765/v1"
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                Accessible.name: qsTr("Server address")
                Layout.fillWidth: true
                onAccepted: usernameField.forceActiveFocus()
            }

            Label { text: qsTr("Username"); color: Theme.text; font.bold: true }
            TextField {
                id: usernameField
                objectName: "usernameField"
                placeholderText: qsTr("e.g. ada")
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhPreferLowercase
                Accessible.name: qsTr("Username")
                Layout.fillWidth: true
                focus: true
                onAccepted: passwordField.forceActiveFocus()
            }

            Label { text: qsTr("Password"); color: Theme.text; font.bold: true }
            TextField {
                id: passwordField
                objectName: "passwordField"
                echoMode: TextInput.Password
                placeholderText: root.createAccount ? qsTr("At least 8 characters") : ""
                Accessible.name: qsTr("Password")
                Layout.fillWidth: true
                onAccepted: root.submit()
            }

            Label {
                objectName: "errorLabel"
                visible: root.shownError.length > 0
                text: root.shownError
                color: Theme.danger
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                Accessible.role: Accessible.AlertMessage
            }

            Button {
                objectName: "submitButton"
                text: root.createAccount ? qsTr("Create account") : qsTr("Sign in")
                highlighted: true
                enabled: !root.busy
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                onClicked: root.submit()
                Keys.onReturnPressed: root.submit()
                BusyIndicator {
                    running: root.busy
                    visible: root.busy
                    height: parent.height - 8
                    width: height
                    anchors.right: parent.right
                    anchors.rightMargin: 4
                    anchors.verticalCenter: parent.verticalCenter
                }
            }

            Button {
                objectName: "modeSwitch"
                flat: true
                text: root.createAccount ? qsTr("Already have an account? Sign in")
                                         : qsTr("New here? Create an account")
                Layout.alignment: Qt.AlignHCenter
                onClicked: {
                    root.createAccount = !root.createAccount
                    root.attempted = false
                    root.errorText = ""
                }
            }
        }
    }
}
