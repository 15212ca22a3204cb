import QtQuick
import QtTest
import Palaver

Item {
    id: root
    width: 600
    height: 200

    Component {
        id: bannerComponent
        ConnectionBanner {
            width: root.width
        }
    }
    Component {
        id: typingComponent
        TypingLine {
            width: root.width
        }
    }

    TestCase {
        name: "BannerAndTyping"
        when: windowShown

        function findNamed(item, name) {
            if (item.objectName === name)
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findNamed(item.children[i], name)
                if (found)
                    return found
            }
            return null
        }

        function test_banner_hidden_while_online() {
            const banner = createTemporaryObject(bannerComponent, root, {connectionState: Account.Online})
            verify(!banner.shown)
            compare(banner.implicitHeight, 0)
        }

        function test_banner_messages_data() {
            return [
                {tag: "connecting", state: Account.Connecting, retry: 0, text: "Connecting…"},
                {tag: "authenticating", state: Account.Authenticating, retry: 0, text: "Signing in…"},
                {tag: "retry countdown", state: Account.Reconnecting, retry: 4, text: "Offline — reconnecting in 4 s"},
                {tag: "retrying now", state: Account.Reconnecting, retry: 0, text: "Offline — reconnecting…"},
                {tag: "certificate question", state: Account.AwaitingTrust, retry: 0,
                 text: "Not connected — the server's certificate needs your decision"},
                {tag: "certificate changed", state: Account.AwaitingTrust, retry: 0, changed: true,
                 text: "Not connected — the server's certificate changed, possibly an attack"},
            ]
        }
        function test_banner_messages(data) {
            const banner = createTemporaryObject(bannerComponent, root,
                                                 {connectionState: data.state, retryInSeconds: data.retry,
                                                  certificateChanged: data.changed === true})
            verify(banner.shown)
            verify(banner.implicitHeight > 0)
            compare(findNamed(banner, "bannerText").text, data.text)
        }

        function test_back_online_after_reconnect() {
            const banner = createTemporaryObject(bannerComponent, root, {connectionState: Account.Connecting})
            banner.connectionState = Account.Online
            verify(!banner.shown) // the first connection is not a comeback
            banner.connectionState = Account.Reconnecting
            banner.connectionState = Account.Connecting
            banner.connectionState = Account.Authenticating
            banner.connectionState = Account.Online
            verify(banner.shown)
            compare(findNamed(banner, "bannerText").text, "Back online")
            tryVerify(() => !banner.shown, 5000)
        }

        function test_typing_line() {
            const line = createTemporaryObject(typingComponent, root)
            const label = findNamed(line, "typingText")
            const height = line.implicitHeight
            verify(!label.visible)
            line.text = "Ada is typing…"
            verify(label.visible)
            compare(label.text, "Ada is typing…")
            compare(line.implicitHeight, height) // no jump when someone starts typing
            line.text = ""
            verify(!label.visible)
        }
    }
}
