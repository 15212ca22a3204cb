import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Message input. Enter sends, Shift+Enter starts a new line, "@" completes member names,
// Up in an empty composer asks to edit your last message, Esc cancels a reply or edit.
// Typing and clearing are reported as signals; the library decides what goes on the wire.
Rectangle {
    id: root

    property string placeholder: qsTr("Write a message…")
    property var members: null
    property int replyToSeq: 0
    property string replyToName
    property string replyToText
    property int editingSeq: 0
    property alias text: input.text
    readonly property alias mentionPopup: mentions
    readonly property alias input: input

    property bool changingText: false

    signal sendRequested(string text, int replyToSeq)
    signal editConfirmed(int seq, string text)
    signal editLastRequested()
    signal typed()
    signal cleared()
    signal pageRequested(int direction)
    signal emojiRequested()

    function insertAtCursor(value: string): void {
        input.remove(input.selectionStart, input.selectionEnd)
        input.insert(input.cursorPosition, value)
        input.forceActiveFocus()
    }
    signal attachRequested()
    // Ctrl+V with files or an image on the clipboard: returns true when it uploaded them
    // (ChatView sets it), so the text field does not paste as well.
    property var pasteFiles: null

    function setTextQuietly(value: string): void {
        root.changingText = true
        input.text = value
        input.cursorPosition = input.length
        root.changingText = false
    }
    function startReply(seq: int, name: string, preview: string): void {
        root.editingSeq = 0
        root.replyToSeq = seq
        root.replyToName = name
        root.replyToText = preview
        input.forceActiveFocus()
    }
    function startEdit(seq: int, currentText: string): void {
        root.replyToSeq = 0
        root.editingSeq = seq
        root.setTextQuietly(currentText)
        input.forceActiveFocus()
    }
    function cancel(): void {
        const wasEditing = root.editingSeq > 0
        root.replyToSeq = 0
        root.editingSeq = 0
        if (wasEditing)
            root.setTextQuietly("")
    }
    function submit(): void {
        const body = input.text.trim()
        if (body.length === 0)
            return
        if (root.editingSeq > 0)
            root.editConfirmed(root.editingSeq, body)
        else
            root.sendRequested(body, root.replyToSeq)
        root.replyToSeq = 0
        root.editingSeq = 0
        root.setTextQuietly("")
    }
    // The "@query" right before the cursor, or "" when there is none.
    function mentionQuery(): string {
        const before = input.text.substring(0, input.cursorPosition)
        const match = before.match(/(^|\s)@([A-Za-z0-9_.-]*)$/)
        return match ? match[2] : ""
    }
    function hasMentionToken(): bool {
        return /(^|\s)@[A-Za-z0-9_.-]*$/.test(input.text.substring(0, input.cursorPosition))
    }
    function completeMention(username: string): void {
        const before = input.text.substring(0, input.cursorPosition)
        const after = input.text.substring(input.cursorPosition)
        const start = before.lastIndexOf("@")
        const completed = before.substring(0, start) + "@" + username + " "
        input.text = completed + after
        input.cursorPosition = completed.length
        mentions.close()
    }
    function updateMentions(): void {
        if (root.members && root.hasMentionToken()) {
            mentions.query = root.mentionQuery()
            if (mentions.count > 0)
                mentions.open()
            else
                mentions.close()
        } else {
            mentions.close()
        }
    }

    implicitHeight: layout.implicitHeight + 2 * Theme.spacing
    color: Theme.surface

    Rectangle {
        width: parent.width
        height: 1
        color: Theme.border
    }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.spacing
        anchors.leftMargin: Theme.spacingLarge
        anchors.rightMargin: Theme.spacingLarge
        spacing: Theme.spacingSmall

        ComposerContextBar {
            objectName: "contextBar"
            visible: root.replyToSeq > 0 || root.editingSeq > 0
            editing: root.editingSeq > 0
            name: root.replyToName
            preview: root.replyToText
            Layout.fillWidth: true
            onCancelled: root.cancel()
        }

        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true

            IconButton {
                objectName: "attachButton"
                text: "📎"
                font.family: Theme.emojiFont
                font.pixelSize: Theme.fontSizeLarge + 2
                onClicked: root.attachRequested()
                Layout.alignment: Qt.AlignBottom
                Accessible.name: qsTr("Attach files")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Attach files")
            }

            ScrollView {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(input.implicitHeight, 160)
                TextArea {
                    id: input
                    objectName: "composerInput"
                    placeholderText: root.placeholder
                    wrapMode: TextEdit.Wrap
                    textFormat: TextEdit.PlainText
                    color: Theme.text
                    placeholderTextColor: Theme.textFaint
                    selectByMouse: true
                    font.pixelSize: Theme.fontSize
                    Accessible.name: qsTr("Message")
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.chatBackground
                        border.color: input.activeFocus ? Theme.accent : Theme.border
                    }
                    onTextChanged: {
                        root.updateMentions()
                        if (root.changingText)
                            return
                        if (input.length > 0)
                            root.typed()
                        else
                            root.cleared()
                    }
                    onCursorPositionChanged: root.updateMentions()
                    Keys.onPressed: event => root.handleKey(event)
                }
            }

            IconButton {
                objectName: "emojiButton"
                text: "🙂"
                font.family: Theme.emojiFont
                font.pixelSize: 18
                focusPolicy: Qt.TabFocus
                Accessible.name: qsTr("Insert emoji")
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Insert emoji")
                onClicked: root.emojiRequested()
                Layout.alignment: Qt.AlignBottom
            }

            Button {
                objectName: "sendButton"
                text: root.editingSeq > 0 ? qsTr("Save") : qsTr("Send")
                enabled: input.text.trim().length > 0
                highlighted: true
                focusPolicy: Qt.TabFocus
                onClicked: root.submit()
                Layout.alignment: Qt.AlignBottom
            }
        }
    }

    MentionPopup {
        id: mentions
        objectName: "mentionPopup"
        parent: input
        members: root.members
        y: -height - Theme.spacingSmall
        onPicked: username => root.completeMention(username)
    }

    function handleKey(event: var): void {
        const enter = event.key === Qt.Key_Return || event.key === Qt.Key_Enter
        if (mentions.opened) {
            if (event.key === Qt.Key_Up) { mentions.moveUp(); event.accepted = true; return }
            if (event.key === Qt.Key_Down) { mentions.moveDown(); event.accepted = true; return }
            if (enter || event.key === Qt.Key_Tab) {
                event.accepted = mentions.acceptCurrent()
                return
            }
            if (event.key === Qt.Key_Escape) { mentions.close(); event.accepted = true; return }
        }
        if (event.matches(StandardKey.Paste) && root.pasteFiles && root.pasteFiles()) {
            event.accepted = true
        } else if (enter && (event.modifiers & Qt.ShiftModifier)) {
            input.insert(input.cursorPosition, "\n")
            event.accepted = true
        } else if (enter && !(event.modifiers & (Qt.ControlModifier | Qt.AltModifier))) {
            root.submit()
            event.accepted = true
        } else if (event.key === Qt.Key_Up && input.length === 0 && root.editingSeq === 0) {
            root.editLastRequested()
            event.accepted = true
        } else if (event.key === Qt.Key_Escape && (root.replyToSeq > 0 || root.editingSeq > 0)) {
            root.cancel()
            event.accepted = true
        } else if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
            // Keyboard users leave the composer with Tab instead of typing a tab character.
            const next = input.nextItemInFocusChain(event.key === Qt.Key_Tab)
            if (next)
                next.forceActiveFocus(event.key === Qt.Key_Tab ? Qt.TabFocusReason : Qt.BacktabFocusReason)
            event.accepted = true
        } else if (event.key === Qt.Key_PageUp || event.key === Qt.Key_PageDown) {
            root.pageRequested(event.key === Qt.Key_PageUp ? -1 : 1)
            event.accepted = true
        }
    }
}
