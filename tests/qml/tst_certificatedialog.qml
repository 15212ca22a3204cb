import QtQuick
import QtQuick.Controls
import QtTest
import Palaver

// The certificate question: first use explains and asks, Cancel has the focus so a stray Enter
// trusts nothing, Trust says so; a changed certificate shows the red warning with both
// fingerprints and an explicit "Trust the new certificate".
Item {
    id: root
    width: 900
    height: 640

    readonly property string fingerprint: "B8:36:4A:28:7C:3B:EE:2A:3E:FB:1C:82:E6:33:DA:72:22:29:84:C7:FE:4A:79:48:C6:E7:03:08:05:BE:16:4C"
    readonly property string oldFingerprint: "2D:FF:8C:5A:2F:BC:15:74:27:12:47:B7:74:5E:2C:FB:DB:1A:02:DE:34:7E:99:43:BE:9C:9C:56:5B:09:8D:CE"

    Rectangle {
        anchors.fill: parent
        color: Theme.window
    }

    Component {
        id: dialogComponent
        CertificateDialog {
            server: "chat.example.org:8765"
            fingerprint: root.fingerprint
            subject: "CN=chat.example.org, O=Example"
            expiry: new Date(2027, 2, 14)
        }
    }
    SignalSpy { id: trustSpy; signalName: "trustRequested" }
    SignalSpy { id: rejectSpy; signalName: "rejected" }

    TestCase {
        name: "CertificateDialog"
        when: windowShown

        function openDialog(properties) {
            const dialog = createTemporaryObject(dialogComponent, root, properties)
            trustSpy.clear()
            trustSpy.target = dialog
            rejectSpy.clear()
            rejectSpy.target = dialog
            dialog.open()
            tryVerify(() => dialog.opened)
            return dialog
        }

        function test_first_use_asks() {
            const dialog = openDialog({problem: CertificateQuestion.Untrusted})
            compare(dialog.title, "Untrusted server certificate")
            verify(!findChild(dialog.contentItem, "changedWarning").visible)
            const explanation = findChild(dialog.contentItem, "certificateExplanation")
            verify(explanation.text.indexOf("chat.example.org:8765") >= 0)
            verify(explanation.text.indexOf("does not trust") >= 0)
            const shown = findChild(dialog.contentItem, "fingerprintText").text
            verify(shown.indexOf("SHA-256") === 0)
            compare(shown.replace("SHA-256 ", "").replace("\n", ""), root.fingerprint)
            compare(findChild(dialog.footer, "trustCertificateButton").text, "Trust")
            verify(dialog.standardButton(Dialog.Cancel).activeFocus)
        }

        function test_enter_on_cancel_trusts_nothing() {
            const dialog = openDialog({problem: CertificateQuestion.Untrusted})
            keyClick(Qt.Key_Space)
            tryVerify(() => !dialog.visible)
            compare(trustSpy.count, 0)
            compare(rejectSpy.count, 1)
        }

        function test_escape_cancels() {
            const dialog = openDialog({problem: CertificateQuestion.Untrusted})
            keyClick(Qt.Key_Escape)
            tryVerify(() => !dialog.visible)
            compare(trustSpy.count, 0)
            compare(rejectSpy.count, 1)
        }

        function test_trust_button_trusts() {
            const dialog = openDialog({problem: CertificateQuestion.Untrusted})
            mouseClick(findChild(dialog.footer, "trustCertificateButton"))
            tryVerify(() => !dialog.visible)
            compare(trustSpy.count, 1)
            compare(rejectSpy.count, 0)
        }

        function test_changed_certificate_warns() {
            const dialog = openDialog({problem: CertificateQuestion.Changed,
                                       pinnedFingerprint: root.oldFingerprint})
            const warning = findChild(dialog.contentItem, "changedWarning")
            verify(warning.visible)
            compare(warning.color, Theme.danger)
            verify(warning.Accessible.name.indexOf("possibly an attack") >= 0)
            const before = findChild(dialog.contentItem, "pinnedFingerprintText")
            verify(before.visible)
            compare(before.text.replace("SHA-256 ", "").replace("\n", ""), root.oldFingerprint)
            compare(findChild(dialog.contentItem, "fingerprintText").text.replace("SHA-256 ", "").replace("\n", ""),
                    root.fingerprint)
            const trust = findChild(dialog.footer, "trustCertificateButton")
            compare(trust.text, "Trust the new certificate")
            verify(dialog.standardButton(Dialog.Cancel).activeFocus)
            mouseClick(trust)
            tryVerify(() => !dialog.visible)
            compare(trustSpy.count, 1)
        }
    }
}
