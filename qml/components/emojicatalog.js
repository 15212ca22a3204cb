.pragma library
// The emoji picker's catalogue: common emoji by category, each with the words a search
// finds it by. Kept short on purpose (the picker is for the usual ones; anything else can be
// typed or pasted).

const categories = [
    {name: "Smileys", icon: "😀", emoji: [
        ["😀", "grin smile happy"], ["😃", "smile happy joy"], ["😄", "smile laugh happy"],
        ["😁", "grin teeth"], ["😆", "laugh lol"], ["😅", "sweat laugh relief"],
        ["😂", "joy tears laugh lol"], ["🤣", "rofl rolling laugh"], ["🙂", "slight smile"],
        ["😉", "wink"], ["😊", "blush smile"], ["😇", "angel innocent halo"],
        ["🥰", "love hearts adore"], ["😍", "heart eyes love"], ["😘", "kiss blow"],
        ["😋", "yum tasty delicious"], ["😛", "tongue"], ["😜", "wink tongue crazy"],
        ["🤔", "thinking hmm"], ["🤨", "raised eyebrow skeptical"], ["😐", "neutral meh"],
        ["😑", "expressionless"], ["🙄", "eye roll"], ["😏", "smirk"],
        ["😬", "grimace awkward"], ["😌", "relieved calm"], ["😴", "sleep tired zzz"],
        ["😷", "mask sick"], ["🤯", "mind blown exploding"], ["🥳", "party celebrate"],
        ["😎", "cool sunglasses"], ["🤓", "nerd glasses"], ["😕", "confused"],
        ["😟", "worried"], ["😮", "wow surprised open mouth"], ["😢", "cry sad tear"],
        ["😭", "sob crying"], ["😱", "scream fear shock"], ["😤", "triumph huff"],
        ["😡", "angry rage mad"], ["🤬", "swearing cursing"], ["💀", "skull dead"]]},
    {name: "Gestures", icon: "👍", emoji: [
        ["👍", "thumbs up yes ok like +1"], ["👎", "thumbs down no dislike -1"],
        ["👌", "ok perfect"], ["✌️", "victory peace"], ["🤞", "fingers crossed luck"],
        ["🤙", "call me shaka"], ["👋", "wave hello bye hi"], ["🙌", "raised hands hooray"],
        ["👏", "clap applause"], ["🙏", "pray please thanks"], ["🤝", "handshake deal"],
        ["💪", "muscle strong flex"], ["👀", "eyes look"], ["🫡", "salute"],
        ["🤷", "shrug dunno"], ["🤦", "facepalm"], ["☝️", "point up"], ["👉", "point right"]]},
    {name: "Hearts", icon: "❤️", emoji: [
        ["❤️", "heart love red"], ["🧡", "orange heart"], ["💛", "yellow heart"],
        ["💚", "green heart"], ["💙", "blue heart"], ["💜", "purple heart"],
        ["🖤", "black heart"], ["🤍", "white heart"], ["💔", "broken heart"],
        ["💕", "two hearts love"], ["💖", "sparkling heart"], ["✨", "sparkles shiny"],
        ["🔥", "fire hot lit"], ["💯", "hundred perfect"], ["⭐", "star"], ["🎉", "tada party"]]},
    {name: "Things", icon: "☕", emoji: [
        ["☕", "coffee tea hot"], ["🍕", "pizza"], ["🍔", "burger"], ["🍺", "beer"],
        ["🍷", "wine"], ["🎂", "cake birthday"], ["🍰", "cake slice"], ["🍎", "apple"],
        ["💻", "laptop computer"], ["📱", "phone mobile"], ["📷", "camera photo"],
        ["📎", "paperclip attach"], ["📌", "pin"], ["📅", "calendar date"],
        ["⏰", "alarm clock time"], ["💡", "idea bulb"], ["🔒", "lock secure"],
        ["🔑", "key"], ["🎁", "gift present"], ["🚀", "rocket launch ship"],
        ["🐛", "bug"], ["✅", "check done yes"], ["❌", "cross no wrong"],
        ["⚠️", "warning caution"], ["❓", "question"], ["❗", "exclamation important"]]},
    {name: "Nature", icon: "🌿", emoji: [
        ["🐶", "dog puppy"], ["🐱", "cat kitten"], ["🦊", "fox"], ["🐻", "bear"],
        ["🐼", "panda"], ["🐸", "frog"], ["🐧", "penguin"], ["🦄", "unicorn"],
        ["🌸", "blossom flower spring"], ["🌻", "sunflower"], ["🌿", "herb plant leaf"],
        ["🌳", "tree"], ["☀️", "sun sunny"], ["🌧️", "rain"], ["❄️", "snow cold"],
        ["🌈", "rainbow"], ["🌊", "wave sea ocean"], ["🌙", "moon night"]]},
]

// The emoji of `category` (an index, or -1 for all) whose words start with `filter`.
function filtered(category, filter) {
    const words = filter.trim().toLowerCase()
    const out = []
    for (let c = 0; c < categories.length; ++c) {
        if (category >= 0 && c !== category)
            continue
        for (const entry of categories[c].emoji) {
            if (words.length === 0 || entry[1].split(" ").some(w => w.startsWith(words)))
                out.push(entry[0])
        }
    }
    return out
}
