import QtQuick
import QtTest
import Palaver

Item {
    id: root
    width: 320
    height: 200

    Component {
        id: delegateComponent
        RoomDelegate {
            width: root.width
        }
    }

    TestCase {
        name: "RoomDelegate"
        when: windowShown

        function row(overrides) {
            const base = {
                index: 0, roomId: "r1", name: "Design team", kind: "group", topic: "Icons",
                unread: 0, mentions: 0, lastActivity: Date.now(), preview: "see **this**",
                previewSender: "Bo", peerPresence: "", peerUserId: ""
            }
            for (const key in overrides)
                base[key] = overrides[key]
            return base
        }

        function findByType(item, predicate) {
            if (predicate(item))
                return item
            for (let i = 0; i < item.children.length; ++i) {
                const found = findByType(item.children[i], predicate)
                if (found)
                    return found
            }
            return null
        }
        function badge(room) {
            return findByType(room, i => i.hasOwnProperty("mention") && i.hasOwnProperty("count"))
        }
        function label(room, text) {
            return findByType(room, i => i.text === text && i.hasOwnProperty("font") && i !== room)
        }

        function test_read_room_has_no_badge() {
            const room = createTemporaryObject(delegateComponent, root, row({}))
            verify(!badge(room).visible)
            verify(!label(room, "Design team").font.bold)
            verify(label(room, "Bo: see this")) // preview without Markdown markers
        }

        function test_unread_is_bold_with_count() {
            const room = createTemporaryObject(delegateComponent, root, row({unread: 3}))
            verify(badge(room).visible)
            compare(badge(room).count, 3)
            verify(!badge(room).mention)
            verify(label(room, "Design team").font.bold)
        }

        function test_mention_highlighted() {
            const room = createTemporaryObject(delegateComponent, root, row({unread: 2, mentions: 1}))
            verify(badge(room).mention)
            compare(badge(room).color, Theme.mention)
        }

        function test_direct_room_shows_peer_presence() {
            const room = createTemporaryObject(delegateComponent, root,
                row({kind: "direct", name: "Bo Li", peerPresence: "away", peerUserId: "u2", preview: "hi"}))
            const dot = findByType(room, i => i.hasOwnProperty("presence") && i.hasOwnProperty("ringColor")
                                   && !i.hasOwnProperty("size"))
            verify(dot.visible)
            compare(dot.color, Theme.away)
            verify(label(room, "hi")) // no sender prefix in direct rooms
        }
    }
}
