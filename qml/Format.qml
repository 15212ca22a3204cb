pragma Singleton
import QtQuick

// Presentation of times and counts, shared by delegates so each stays a plain view.
QtObject {
    id: root

    function isSameDay(a: date, b: date): bool {
        return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth()
                && a.getDate() === b.getDate()
    }

    // 14:05 for a message.
    function time(ms: real): string {
        if (ms <= 0)
            return ""
        return Qt.formatTime(new Date(ms), "hh:mm")
    }

    // 14:05 today, "Mon" this week, else "12 Mar" — for the room list.
    function shortStamp(ms: real): string {
        if (ms <= 0)
            return ""
        const then = new Date(ms)
        const now = new Date()
        if (root.isSameDay(then, now))
            return Qt.formatTime(then, "hh:mm")
        if (now.getTime() - then.getTime() < 6 * 24 * 3600 * 1000)
            return Qt.formatDate(then, "ddd")
        return Qt.formatDate(then, "d MMM")
    }

    // "last seen 14:05", "last seen yesterday at 14:05", "last seen 12 Mar".
    function lastSeen(ms: real): string {
        if (ms <= 0)
            return qsTr("offline")
        const then = new Date(ms)
        const now = new Date()
        const yesterday = new Date(now.getTime() - 24 * 3600 * 1000)
        if (root.isSameDay(then, now))
            return qsTr("last seen today at %1").arg(Qt.formatTime(then, "hh:mm"))
        if (root.isSameDay(then, yesterday))
            return qsTr("last seen yesterday at %1").arg(Qt.formatTime(then, "hh:mm"))
        return qsTr("last seen %1").arg(Qt.formatDate(then, "d MMM yyyy"))
    }

    function presence(presence: string, lastSeenMs: real): string {
        if (presence === "online")
            return qsTr("online")
        if (presence === "away")
            return qsTr("away")
        return root.lastSeen(lastSeenMs)
    }
}
