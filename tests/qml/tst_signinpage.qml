import QtQuick
import QtTest
import Palaver

Item {
    id: root
    width: 800
    height: 700

    Component {
        id: pageComponent
        SignInPage {
            anchors.fill: parent
            serverUrl: "ws://127.0.0.1:8765/v1"
        }
    }

    SignalSpy {
        id: submitted
        signalName: "submitted"
    }

    TestCase {
        name: "SignInPage"
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

        function createPage() {
            const page = createTemporaryObject(pageComponent, root)
            submitted.clear()
            submitted.target = page
            return page
        }

        function fill(page, username, password) {
            findNamed(page, "usernameField").text = username
            findNamed(page, "passwordField").text = password
        }

        function test_valid_login_submits_lowercased_username() {
            const page = createPage()
            fill(page, "Ada", "pw")
            mouseClick(findNamed(page, "submitButton"))
            compare(submitted.count, 1)
            compare(submitted.signalArguments[0][0], "ws://127.0.0.1:8765/v1")
            compare(submitted.signalArguments[0][1], "ada")
            compare(submitted.signalArguments[0][2], "pw")
            compare(submitted.signalArguments[0][3], false)
            verify(!findNamed(page, "errorLabel").visible)
        }

        function test_validation_blocks_submit_data() {
            return [
                {tag: "bad server", server: "http://x", user: "ada", password: "password1", create: false},
                {tag: "short username", server: "ws://h/v1", user: "ad", password: "password1", create: false},
                {tag: "bad characters", server: "ws://h/v1", user: "ada lovelace", password: "password1", create: false},
                {tag: "empty password", server: "ws://h/v1", user: "ada", password: "", create: false},
                {tag: "short password on register", server: "ws://h/v1", user: "ada", password: "short", create: true},
            ]
        }
        function test_validation_blocks_submit(data) {
            const page = createPage()
            page.createAccount = data.create
            findNamed(page, "serverField").text = data.server
            fill(page, data.user, data.password)
            mouseClick(findNamed(page, "submitButton"))
            compare(submitted.count, 0)
            const error = findNamed(page, "errorLabel")
            verify(error.visible)
            verify(error.text.length > 0)
        }

        function test_enter_in_password_submits() {
            const page = createPage()
            fill(page, "bob", "longenough")
            findNamed(page, "passwordField").forceActiveFocus()
            keyClick(Qt.Key_Return)
            compare(submitted.count, 1)
        }

        function test_register_mode() {
            const page = createPage()
            mouseClick(findNamed(page, "modeSwitch"))
            verify(page.createAccount)
            compare(findNamed(page, "submitButton").text, "Create account")
            fill(page, "bob", "longenough")
            mouseClick(findNamed(page, "submitButton"))
            compare(submitted.count, 1)
            compare(submitted.signalArguments[0][3], true)
        }

        function test_server_error_is_shown_and_cleared_on_retry() {
            const page = createPage()
            fill(page, "ada", "wrongpass")
            mouseClick(findNamed(page, "submitButton"))
            page.errorText = "Wrong username or password."
            const error = findNamed(page, "errorLabel")
            verify(error.visible)
            compare(error.text, "Wrong username or password.")
            mouseClick(findNamed(page, "submitButton"))
            verify(!error.visible)
        }

        function test_busy_disables_submit() {
            const page = createPage()
            page.busy = true
            fill(page, "ada", "password1")
            verify(!findNamed(page, "submitButton").enabled)
            page.submit()
            compare(submitted.count, 0)
        }
    }
}
