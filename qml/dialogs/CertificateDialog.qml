import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Asks whether to trust a wss:// server's certificate: on first use when the system does not
// vouch for it, and — red and loud — when a certificate trusted before has changed. A plain
// view of Account.certificate (Main.qml binds it); the decision goes back through
// trustRequested / rejected. Cancel has the focus: a stray Enter trusts nothing.
AppDialog {
    id: root

    property int problem: CertificateQuestion.None
    property string server
    property string fingerprint
    property string pinnedFingerprint
    property string subject
    property date expiry

    signal trustRequested()

    readonly property bool changed: root.problem === CertificateQuestion.Changed

    // 16 bytes per line: two lines a person can compare group by group.
    function grouped(hex: string): string {
        return hex.length > 48 ? hex.substring(0, 48) + "\n" + hex.substring(48) : hex
    }

    title: root.changed ? "" : qsTr("Untrusted server certificate")
    standardButtons: Dialog.Cancel
    closePolicy: Popup.CloseOnEscape
    width: Math.min(560, (parent ? parent.width : 560) - 2 * Theme.spacingHuge)

    ColumnLayout {
        width: parent.width
        spacing: Theme.spacingLarge

        Rectangle {
            objectName: "changedWarning"
            visible: root.changed
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacing
            implicitHeight: warning.implicitHeight + 2 * Theme.spacingLarge
            radius: Theme.radius
            color: Theme.danger
            Accessible.role: Accessible.AlertMessage
            Accessible.name: warning.text

            Label {
                id: warning
                anchors.fill: parent
                anchors.margins: Theme.spacingLarge
                text: qsTr("⚠ WARNING: the server's certificate has changed — possibly an attack")
                color: "#ffffff"
                font.pixelSize: Theme.fontSizeLarge + 2
                font.bold: true
                wrapMode: Text.Wrap
            }
        }

        Label {
            objectName: "certificateExplanation"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            textFormat: Text.StyledText
            text: root.changed
                  ? qsTr("The server at <b>%1</b> presents a different certificate from the one you trusted before. Someone may be intercepting your connection. Do not continue unless your server admin told you the certificate was replaced.").arg(root.server)
                  : qsTr("The server at <b>%1</b> presents a certificate your system does not trust.").arg(root.server)
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.spacingLarge
            rowSpacing: Theme.spacingSmall

            Label {
                visible: root.changed
                text: qsTr("Trusted before")
                color: Theme.textMuted
                Layout.alignment: Qt.AlignTop
            }
            TextEdit {
                objectName: "pinnedFingerprintText"
                visible: root.changed
                readOnly: true
                selectByMouse: true
                text: "SHA-256 " + root.grouped(root.pinnedFingerprint)
                color: Theme.textMuted
                font.family: "monospace"
                font.pixelSize: Theme.fontSizeSmall + 1
            }
            Label {
                text: root.changed ? qsTr("Presented now") : qsTr("Fingerprint")
                color: Theme.textMuted
                Layout.alignment: Qt.AlignTop
            }
            TextEdit {
                objectName: "fingerprintText"
                readOnly: true
                selectByMouse: true
                text: "SHA-256 " + root.grouped(root.fingerprint)
                color: root.changed ? Theme.danger : Theme.text
                font.family: "monospace"
                font.pixelSize: Theme.fontSizeSmall + 1
                font.bold: true
            }
            Label {
                text: qsTr("Issued to")
                color: Theme.textMuted
            }
            Label {
                text: root.subject
                color: Theme.text
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("Expires")
                color: Theme.textMuted
            }
            Label {
                text: Qt.formatDate(root.expiry, "d MMM yyyy")
                color: Theme.text
            }
        }

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: root.changed ? Theme.danger : Theme.text
            font.bold: root.changed
            textFormat: Text.StyledText
            text: qsTr("Only trust it if it matches what your server admin gave you (<tt>palaver-server</tt> prints it at start).")
        }
    }

    // Beside the standard Cancel in the shared footer (a child would land in the content).
    readonly property Button trustButton: Button {
        objectName: "trustCertificateButton"
        text: root.changed ? qsTr("Trust the new certificate") : qsTr("Trust")
        DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        palette.button: root.changed ? Theme.danger : Theme.surfaceRaised
        palette.buttonText: root.changed ? "#ffffff" : Theme.text
    }
    Component.onCompleted: (root.footer as DialogButtonBox).addItem(root.trustButton)
    onOpened: root.standardButton(Dialog.Cancel).forceActiveFocus(Qt.TabFocusReason)
    onAccepted: root.trustRequested()
}
