import QtQuick
import QtTest
import Palaver

Item {
    id: root
    width: 640
    height: 480

    Component {
        id: delegateComponent
        MessageDelegate {
            width: root.width
        }
    }

    SignalSpy { id: menuSpy; signalName: "menuRequested" }
    SignalSpy { id: reactionSpy; signalName: "reactionToggled" }

    TestCase {
        name: "MessageDelegate"
        when: windowShown

        function row(overrides) {
            const base = {
                index: 3, seq: 42, clientMid: "m42", senderId: "u1", senderName: "Ada",
                text: "Hello there", ts: Date.UTC(2026, 2, 4, 14, 5), kind: "message",
                edited: false, deleted: false, replyTo: 0, replyPreview: "", reactions: [],
                deliveryState: "sent", seenBy: 0, isOwn: true, mentionsMe: false,
                firstInRun: true, daySeparator: false, dayLabel: "", attachments: []
            }
            for (const key in overrides)
                base[key] = overrides[key]
            return base
        }

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

        function create(overrides) {
            const message = createTemporaryObject(delegateComponent, root, row(overrides))
            verify(message)
            menuSpy.clear()
            menuSpy.target = message
            reactionSpy.clear()
            reactionSpy.target = message
            return message
        }

        function test_ticks_data() {
            return [
                {tag: "pending", state: "pending", ticks: "○"},
                {tag: "sent", state: "sent", ticks: "✔"},
                {tag: "read", state: "read", ticks: "✔✔"},
                {tag: "failed", state: "failed", ticks: "⚠"},
            ]
        }
        function test_ticks(data) {
            const message = create({deliveryState: data.state, seq: data.state === "pending" ? 0 : 42})
            const ticks = findNamed(message, "ticks")
            verify(ticks.visible)
            compare(ticks.text, data.ticks)
        }

        function test_no_ticks_on_others_messages() {
            const message = create({isOwn: false})
            verify(!findNamed(message, "ticks").visible)
        }

        function test_seen_by_in_groups_only() {
            const group = create({isGroup: true, seenBy: 2})
            const seen = findNamed(group, "seenBy")
            verify(seen.visible)
            compare(seen.text, "seen by 2")
            const direct = create({isGroup: false, seenBy: 1})
            verify(!findNamed(direct, "seenBy").visible)
            const everyone = create({isGroup: true, seenBy: 3, deliveryState: "read"})
            verify(!findNamed(everyone, "seenBy").visible)
            compare(findNamed(everyone, "ticks").text, "✔✔")
        }

        function test_failed_offers_retry() {
            const message = create({deliveryState: "failed", seq: 0})
            verify(findNamed(message, "retryLink").visible)
        }

        function test_timestamp_and_text() {
            const message = create({text: "a <b>tag</b> & **bold**"})
            const body = findNamed(message, "messageText")
            verify(body.text.indexOf("&lt;b&gt;") >= 0)
            verify(body.text.indexOf("<b>bold</b>") >= 0)
            const stamp = findNamed(message, "timestamp")
            compare(stamp.text, Qt.formatTime(new Date(Date.UTC(2026, 2, 4, 14, 5)), "hh:mm"))
        }

        function test_deleted_message() {
            const message = create({deleted: true, text: ""})
            compare(findNamed(message, "messageText").text, "This message was deleted")
        }

        function test_unread_marker() {
            const message = create({unreadMarker: true})
            verify(findNamed(message, "unreadMarker").visible)
        }

        function test_membership_row_has_no_bubble() {
            const message = create({kind: "member_join", text: "", senderName: "Bo"})
            verify(!findNamed(message, "bubble").visible)
        }

        function test_right_click_requests_menu() {
            const message = create({})
            const bubble = findNamed(message, "bubble")
            mouseClick(bubble, 10, 10, Qt.RightButton)
            compare(menuSpy.count, 1)
        }

        function test_reaction_pill_toggles() {
            const message = create({reactions: [{emoji: "👍", count: 2, mine: true}]})
            const pill = findNamed(message, "reaction_👍")
            verify(pill)
            mouseClick(pill)
            compare(reactionSpy.count, 1)
            compare(reactionSpy.signalArguments[0][0], "👍")
            compare(reactionSpy.signalArguments[0][1], false)
        }
    }
}
