pragma Singleton
import QtQuick

// Spacing, type sizes and colours for every Palaver view. Light or dark follows the system
// palette's window colour (Qt 6.4 has no styleHints.colorScheme); main.cpp may force a palette
// with --theme, and the whole UI follows because it reads colours only from here.
QtObject {
    id: root

    readonly property SystemPalette system: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: luminance(system.window) < 0.5

    function luminance(c: color): real {
        return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b
    }
    function pick(light: color, darkColor: color): color {
        return root.dark ? darkColor : light
    }

    // Spacing and shape
    readonly property int spacingTiny: 2
    readonly property int spacingSmall: 4
    readonly property int spacing: 8
    readonly property int spacingLarge: 12
    readonly property int spacingHuge: 20
    readonly property int radius: 8
    readonly property int bubbleRadius: 12
    readonly property int avatarSize: 36
    readonly property int avatarSizeSmall: 28
    readonly property int roomListWidth: 300
    readonly property int memberPanelWidth: 240
    readonly property int bubbleMaxWidth: 560

    // Type
    readonly property int fontSizeSmall: 11
    readonly property int fontSize: 14
    readonly property int fontSizeLarge: 16
    readonly property int fontSizeTitle: 22
    // Colour emoji where installed; Qt 6.4 would otherwise take monochrome glyphs from the
    // text font for the emoji that it happens to cover.
    readonly property string emojiFont: "Noto Color Emoji"

    // Surfaces
    readonly property color window: pick("#f3f4f7", "#17191d")
    readonly property color sidebar: pick("#e9ecf1", "#1f2228")
    readonly property color surface: pick("#ffffff", "#24272e")
    readonly property color surfaceRaised: pick("#ffffff", "#2c3038")
    readonly property color chatBackground: pick("#f7f8fa", "#1a1c21")
    readonly property color border: pick("#d7dbe2", "#363b45")
    readonly property color hover: pick("#dfe3ea", "#2a2e36")
    readonly property color selection: pick("#d3e0fb", "#2d3a55")

    // Text
    readonly property color text: pick("#1b1f27", "#e7e9ee")
    readonly property color textMuted: pick("#5f6878", "#9ba3b1")
    readonly property color textFaint: pick("#8a93a3", "#737b89")
    readonly property color link: pick("#2457c5", "#8cb1ff")

    // Accents
    readonly property color accent: pick("#3467d6", "#5b8cf0")
    readonly property color accentText: "#ffffff"
    readonly property color mention: pick("#d93a3a", "#ef5b5b")
    readonly property color mentionBackground: pick("#fff1cc", "#4a3c14")
    readonly property color danger: pick("#c62f2f", "#f06a6a")
    readonly property color success: pick("#23884f", "#4cc27e")
    readonly property color warning: pick("#a86300", "#f0b04a")

    // Bubbles
    readonly property color bubbleOwn: pick("#d8e5ff", "#2d4674")
    readonly property color bubbleOther: pick("#ffffff", "#2a2e36")
    readonly property color bubbleBorder: pick("#e1e5ec", "#323742")
    readonly property color quote: pick("#eef1f6", "#20232a")
    readonly property color tickRead: pick("#2a7de1", "#7fb4ff")

    // Presence
    readonly property color online: pick("#22a55b", "#3ccf7a")
    readonly property color away: pick("#e0a100", "#f0b93a")
    readonly property color offline: pick("#9aa2af", "#6c7482")

    // Connection banner
    readonly property color bannerConnecting: pick("#fff3cd", "#4a3d12")
    readonly property color bannerOffline: pick("#fde2e2", "#4d1f22")
    readonly property color bannerOnline: pick("#dcf5e5", "#1d4130")

    function presenceColor(presence: string): color {
        if (presence === "online")
            return root.online
        if (presence === "away")
            return root.away
        return root.offline
    }

    // A stable colour per name for avatars without pictures.
    readonly property var avatarColors: ["#d9573f", "#cf7a1f", "#a88d10", "#3f9a4f", "#23978a",
        "#3479c0", "#5566d4", "#8552cc", "#bb4c97"]
    function avatarColor(key: string): color {
        let hash = 2166136261 // FNV-1a, so "1" and "2" land far apart
        for (let i = 0; i < key.length; ++i)
            hash = Math.imul(hash ^ key.charCodeAt(i), 16777619) >>> 0
        return root.avatarColors[hash % root.avatarColors.length]
    }
}
