import QtQuick
import QtQuick.Controls
import Palaver

// The bubble of one message: sender (first of a run, others' messages in groups), the quoted
// reply, the text with its small Markdown subset, and a footer with time, "edited" and ticks.
Rectangle {
    id: root

    property string senderName
    property string senderKey
    property bool showSender: false
    property string text
    property bool deleted: false
    property bool edited: false
    property real ts: 0
    property int replyTo: 0
    property string replyPreview
    property bool isOwn: false
    property bool mentionsMe: false
    property bool isGroup: false
    property string deliveryState: "sent"
    property int seenBy: 0
    property real maxWidth: Theme.bubbleMaxWidth
    property var attachments: []
    property var files: null

    signal quoteActivated()
    signal retryRequested()
    signal discardRequested()

    readonly property real innerMax: root.maxWidth - 2 * Theme.spacingLarge
    // Natural widths (Text's implicitWidth ignores wrapping), capped: the bubble hugs short
    // messages and wraps long ones without a layout feedback loop.
    readonly property real contentWidth: Math.min(root.innerMax, Math.max(
        body.visible ? body.implicitWidth : 0, footer.implicitWidth,
        root.attachments.length > 0 ? attachmentList.implicitWidth : 0,
        root.showSender ? sender.implicitWidth : 0,
        root.replyTo > 0 ? quoteLabel.implicitWidth + 14 : 0))

    implicitWidth: root.contentWidth + 2 * Theme.spacingLarge
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.bubbleRadius
    color: root.mentionsMe && !root.isOwn ? Theme.mentionBackground
                                          : (root.isOwn ? Theme.bubbleOwn : Theme.bubbleOther)
    border.width: root.isOwn ? 0 : 1
    border.color: Theme.bubbleBorder

    Column {
        id: column
        x: Theme.spacingLarge
        y: Theme.spacing
        width: root.contentWidth
        spacing: Theme.spacingSmall

        Label {
            id: sender
            visible: root.showSender
            text: root.senderName
            color: Theme.avatarColor(root.senderKey)
            font.pixelSize: Theme.fontSizeSmall + 1
            font.bold: true
            elide: Text.ElideRight
            width: Math.min(implicitWidth, column.width)
        }

        Rectangle {
            id: quote
            visible: root.replyTo > 0
            width: column.width
            height: quoteLabel.height + 8
            radius: 4
            color: Theme.quote
            Rectangle {
                width: 3
                height: parent.height
                radius: 1
                color: Theme.accent
            }
            Label {
                id: quoteLabel
                x: 10
                y: 4
                width: parent.width - 14
                text: root.replyPreview.length > 0 ? root.replyPreview : qsTr("Earlier message")
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.pixelSize: Theme.fontSizeSmall + 1
                elide: Text.ElideRight
                maximumLineCount: 2
                wrapMode: Text.Wrap
            }
            TapHandler {
                onTapped: root.quoteActivated()
            }
        }

        AttachmentList {
            id: attachmentList
            objectName: "attachmentList"
            visible: root.attachments.length > 0 && !root.deleted
            attachments: root.attachments
            files: root.files
            maxWidth: root.innerMax
        }

        Label {
            id: body
            objectName: "messageText"
            // A file sent without words has no text line.
            visible: root.deleted || root.text.length > 0
            text: root.deleted ? qsTr("This message was deleted")
                               : Markup.toRichText(root.text, Theme.accent, Theme.link)
            textFormat: root.deleted ? Text.PlainText : Text.StyledText
            font.italic: root.deleted
            color: root.deleted ? Theme.textMuted : Theme.text
            font.pixelSize: Theme.fontSize
            wrapMode: Text.Wrap
            width: column.width
            onLinkActivated: link => Qt.openUrlExternally(link)
            HoverHandler {
                cursorShape: body.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.IBeamCursor
            }
        }

        Row {
            id: footer
            spacing: Theme.spacingSmall
            anchors.right: parent.right

            Label {
                visible: root.deliveryState === "failed" && root.isOwn
                text: qsTr("Not sent.")
                color: Theme.danger
                font.pixelSize: Theme.fontSizeSmall
            }
            Label {
                objectName: "retryLink"
                visible: root.deliveryState === "failed" && root.isOwn
                text: "<a href=\"retry\">" + qsTr("Retry") + "</a> · <a href=\"discard\">"
                      + qsTr("Discard") + "</a>"
                textFormat: Text.StyledText
                linkColor: Theme.link
                font.pixelSize: Theme.fontSizeSmall
                onLinkActivated: link => link === "retry" ? root.retryRequested() : root.discardRequested()
            }
            Label {
                visible: root.edited && !root.deleted
                text: qsTr("edited")
                color: Theme.textFaint
                font.pixelSize: Theme.fontSizeSmall
                font.italic: true
            }
            Label {
                objectName: "timestamp"
                text: Format.time(root.ts)
                color: Theme.textFaint
                font.pixelSize: Theme.fontSizeSmall
            }
            DeliveryTicks {
                visible: root.isOwn
                deliveryState: root.deliveryState
                seenBy: root.seenBy
                isGroup: root.isGroup
                color: Theme.textMuted
            }
        }
    }
}
