pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver
import "emojicatalog.js" as Catalog

// A grid of common emoji by category with a search filter; the recently used ones come first
// (EmojiHistory keeps them in QSettings). Opened from the composer (inserted at the cursor) and from the
// message menu (a reaction): either way it only says which emoji was picked.
Popup {
    id: root

    // -1: the "recent" tab (or every category while a filter is typed).
    property int category: -1
    readonly property var recent: EmojiHistory.recent
    readonly property var shown: root.filterText.length > 0
                                 ? Catalog.filtered(-1, root.filterText)
                                 : (root.category < 0 ? root.recentOrCommon()
                                                      : Catalog.filtered(root.category, ""))
    property string filterText
    readonly property alias filterField: filter
    readonly property alias grid: grid

    signal picked(string emoji)

    function recentOrCommon(): var {
        return root.recent.length > 0 ? root.recent : Catalog.filtered(0, "").slice(0, 24)
    }
    function choose(emoji: string): void {
        EmojiHistory.use(emoji)
        root.picked(emoji)
        root.close()
    }

    width: 340
    height: 360
    padding: Theme.spacing
    focus: true

    onOpened: {
        filter.text = ""
        root.category = -1
        grid.currentIndex = 0
        filter.forceActiveFocus()
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacingSmall
        TextField {
            id: filter
            objectName: "emojiFilter"
            placeholderText: qsTr("Find an emoji")
            Layout.fillWidth: true
            onTextChanged: {
                root.filterText = filter.text
                grid.currentIndex = 0
            }
            Keys.onDownPressed: grid.moveCurrentIndexDown()
            Keys.onUpPressed: grid.moveCurrentIndexUp()
            Keys.onRightPressed: event => { if (filter.cursorPosition === filter.length) grid.moveCurrentIndexRight(); else event.accepted = false }
            Keys.onLeftPressed: event => { if (filter.cursorPosition === 0) grid.moveCurrentIndexLeft(); else event.accepted = false }
            onAccepted: if (grid.currentIndex >= 0 && grid.currentIndex < root.shown.length) root.choose(root.shown[grid.currentIndex])
            Keys.onEscapePressed: root.close()
        }
        RowLayout {
            spacing: 0
            visible: root.filterText.length === 0
            Layout.fillWidth: true
            Repeater {
                // Six tabs: a Repeater is fine here (the house rule is about long lists).
                model: [{name: qsTr("Recent"), icon: "🕘"}].concat(Catalog.categories)
                delegate: ToolButton {
                    id: tab
                    required property int index
                    required property var modelData
                    objectName: "emojiTab" + tab.index
                    text: tab.modelData.icon
                    font.family: Theme.emojiFont
                    font.pixelSize: 18
                    checkable: true
                    checked: root.category === tab.index - 1
                    focusPolicy: Qt.NoFocus
                    ToolTip.visible: hovered
                    ToolTip.text: tab.modelData.name
                    Accessible.name: tab.modelData.name
                    onClicked: root.category = tab.index - 1
                    Layout.fillWidth: true
                }
            }
        }
        GridView {
            id: grid
            objectName: "emojiGrid"
            clip: true
            model: root.shown
            cellWidth: Math.floor(width / 8)
            cellHeight: 38
            highlightMoveDuration: 0
            currentIndex: 0
            keyNavigationEnabled: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: cell
                required property int index
                required property string modelData
                width: grid.cellWidth
                height: grid.cellHeight
                text: cell.modelData
                padding: 0
                focusPolicy: Qt.NoFocus
                // A plain centred glyph: the control's own label pads and elides it to "…".
                contentItem: Text {
                    text: cell.modelData
                    font.family: Theme.emojiFont
                    font.pixelSize: 22
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                Accessible.name: cell.modelData
                background: Rectangle {
                    radius: Theme.radius
                    color: cell.GridView.isCurrentItem ? Theme.selection
                                                       : (cell.hovered ? Theme.hover : "transparent")
                }
                onClicked: root.choose(cell.modelData)
            }
        }
        Label {
            visible: root.shown.length === 0
            text: qsTr("No emoji found.")
            color: Theme.textMuted
            Layout.alignment: Qt.AlignHCenter
        }
    }
}
