import QtQuick
import QtQuick.Controls
import Palaver

// The Palaver window: the sign-in page until an account is signed in, then the chat page.
// main.cpp passes defaultServer and profile as initial properties.
ApplicationWindow {
    id: root

    property string defaultServer: "ws://127.0.0.1:8765/v1"
    property string profile: ""
    readonly property bool signedIn: account.userId.length > 0
    readonly property alias account: account

    function raiseWindow(): void {
        root.show()
        root.raise()
        root.requestActivate()
    }

    width: 1180
    height: 760
    minimumWidth: 760
    minimumHeight: 480
    visible: true
    color: Theme.window
    title: (account.totalUnread > 0 ? "(" + account.totalUnread + ") " : "") + "Palaver"
           + (root.signedIn ? " — " + account.displayName : "")
           + (root.profile.length > 0 ? " [" + root.profile + "]" : "")

    // Controls draw with the Theme's colours in both palettes.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.alternateBase: Theme.sidebar
    palette.text: Theme.text
    palette.button: Theme.surfaceRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.textFaint
    palette.mid: Theme.border
    palette.light: Theme.surfaceRaised
    palette.dark: Theme.accent
    palette.brightText: Theme.accentText
    palette.midlight: Theme.hover
    palette.shadow: Theme.dark ? "#000000" : "#6b7280"
    palette.toolTipBase: Theme.surfaceRaised
    palette.toolTipText: Theme.text
    palette.link: Theme.link

    onActiveChanged: account.windowActiveChanged(root.active)
    onVisibilityChanged: account.setAway(root.visibility === Window.Minimized
                                         || root.visibility === Window.Hidden)
    Component.onCompleted: {
        FileImages.attach(account) // image://palaver-thumb/ for attachments
        account.restoreSession()
    }

    Account {
        id: account
    }

    Connections {
        target: account
        // The library leaves out the room on screen (setActiveRoom) while the window is active.
        function onNotification(roomId: string, title: string, body: string, isMention: bool): void {
            notifier.notify(roomId, title, body, isMention)
        }
        function onErrorOccurred(message: string): void {
            if (root.signedIn)
                toast.show(message)
            else
                signIn.errorText = message
        }
    }

    SignInPage {
        id: signIn
        objectName: "signInPage"
        anchors.fill: parent
        visible: !root.signedIn
        serverUrl: root.defaultServer
        busy: account.connectionState === Account.Connecting
              || account.connectionState === Account.Authenticating
        onSubmitted: (url, username, password, create) => account.signIn(url, username, password, create)
    }

    Loader {
        id: chatLoader
        objectName: "chatLoader"
        anchors.fill: parent
        active: root.signedIn
        visible: root.signedIn
        sourceComponent: ChatPage {
            objectName: "chatPage"
            account: account
        }
    }

    // Over either page: the question comes from signing in or from a reconnect alike.
    CertificateDialog {
        id: certificateDialog
        objectName: "certificateDialog"
        readonly property bool asked: account.certificate.problem !== CertificateQuestion.None
        problem: account.certificate.problem
        server: account.certificate.server
        fingerprint: account.certificate.fingerprint
        pinnedFingerprint: account.certificate.pinnedFingerprint
        subject: account.certificate.subject
        expiry: account.certificate.expiry
        onAskedChanged: certificateDialog.asked ? certificateDialog.open() : certificateDialog.close()
        onTrustRequested: account.trustCertificate()
        onRejected: account.rejectCertificate()
    }

    Toast {
        id: toast
    }

    Notifier {
        id: notifier
        unread: account.totalUnread
        onRaiseRequested: root.raiseWindow()
        onActivatedRoom: roomId => {
            const page = chatLoader.item as ChatPage
            if (page)
                page.openRoom(roomId)
        }
    }
}
