pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Palaver

// Ctrl+F: search messages in every room (or only the open one). Results come newest first
// with the matched words marked; arrows choose, Enter or a click opens the room at that
// message, Esc closes.
Popup {
    id: root

    // var, not SearchModel: see ChatView about Qt 6.4's qmlcachegen and typed properties.
    property var search: null
    property string currentRoomId
    property string currentRoomName
    readonly property alias field: query
    readonly property alias results: list

    signal resultChosen(string roomId, int seq)

    function chooseCurrent(): void {
        const item = list.currentItem as SearchResultDelegate
        if (!item)
            return
        root.resultChosen(item.roomId, item.seq)
        root.close()
    }

    modal: true
    focus: true
    width: Math.min(560, parent ? parent.width - 40 : 560)
    // As tall as the results need, up to about half the window.
    height: Math.min(520, parent ? parent.height - 80 : 520, implicitHeight)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? Math.max(40, parent.height * 0.12) : 0
    padding: Theme.spacing

    onOpened: {
        if (root.search)
            root.search.highlightColor = Theme.accent
        query.selectAll()
        query.forceActiveFocus()
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.surfaceRaised
        border.color: Theme.border
    }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        RowLayout {
            spacing: Theme.spacing
            Layout.fillWidth: true
            TextField {
                id: query
                objectName: "searchField"
                placeholderText: qsTr("Search messages")
                selectByMouse: true
                Layout.fillWidth: true
                onTextEdited: if (root.search) root.search.query = query.text
                Keys.onDownPressed: list.incrementCurrentIndex()
                Keys.onUpPressed: list.decrementCurrentIndex()
                onAccepted: {
                    if (root.search && root.search.busy)
                        root.search.searchNow()
                    else
                        root.chooseCurrent()
                }
            }
            CheckBox {
                id: thisRoom
                objectName: "searchThisRoom"
                visible: root.currentRoomId.length > 0
                text: qsTr("Only %1").arg(root.currentRoomName)
                focusPolicy: Qt.TabFocus
                onCheckedChanged: if (root.search) root.search.roomFilter = thisRoom.checked ? root.currentRoomId : ""
            }
        }
        Label {
            objectName: "searchStatus"
            visible: text.length > 0
            text: {
                if (!root.search || root.search.query.trim().length === 0)
                    return qsTr("Words match at their start, ignoring case and accents.")
                if (root.search.error.length > 0)
                    return root.search.error
                if (root.search.busy)
                    return qsTr("Searching…")
                if (root.search.count === 0)
                    return qsTr("No messages found.")
                return ""
            }
            color: root.search && root.search.error.length > 0 ? Theme.danger : Theme.textMuted
            font.pixelSize: Theme.fontSizeSmall
            Layout.fillWidth: true
        }
        ListView {
            id: list
            objectName: "searchResults"
            clip: true
            model: root.search
            highlightMoveDuration: 0
            currentIndex: 0
            Layout.fillWidth: true
            Layout.fillHeight: true
            ScrollBar.vertical: ScrollBar {}
            implicitHeight: Math.max(list.contentHeight, 0)
            onCountChanged: list.currentIndex = 0
            delegate: SearchResultDelegate {
                id: result
                selected: ListView.isCurrentItem
                onClicked: {
                    list.currentIndex = result.index
                    root.chooseCurrent()
                }
            }
        }
    }
}
