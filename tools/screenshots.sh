#!/usr/bin/env bash
# Screenshots of the desktop client for docs/screenshots/: a real palaver-server on a free
# loopback port with a temporary database, a private Xvfb display, and three palaver clients
# (Ada in the light palette, Bob in the dark one, Cyd offscreen as a third group member)
# driven by the test-only autopilot (PALAVER_AUTOPILOT, see qml/app/autopilot.h): they sign
# up, find each other, open a direct chat, a group and a public room, type, read, react and
# mention; then the server stops and restarts to show the connection banner. Builds nothing.
#
# Usage: tools/screenshots.sh BUILD_DIR [OUT_DIR]    (OUT_DIR defaults to docs/screenshots)
# Needs: Xvfb, imagemagick (import, convert). Everything runs on 127.0.0.1 and in a temp dir
# (PALAVER_KEEP_TMP=1 keeps it, with the server and client logs, for debugging).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:?usage: tools/screenshots.sh BUILD_DIR [OUT_DIR]}" && pwd)"
out="${2:-$root/docs/screenshots}"
server_bin="$build/server/palaver-server"
client_bin="$build/qml/palaver"
for bin in "$server_bin" "$client_bin"; do
    [ -x "$bin" ] || { echo "missing $bin (build it first)" >&2; exit 1; }
done
for tool in Xvfb import convert; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"

tmp="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${PALAVER_KEEP_TMP:-}" ] && echo "kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT

# --- server on a free loopback port -------------------------------------------------------
server_pid=""
start_server() { # $1: host:port
    "$server_bin" --listen "$1" --data-dir "$tmp/server" >"$tmp/server.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    for _ in $(seq 100); do
        url="$(sed -n 's/^palaver-server listening on \(ws:.*\)$/\1/p' "$tmp/server.log")"
        [ -n "$url" ] && return 0
        sleep 0.1
    done
    echo "server did not start:" >&2; cat "$tmp/server.log" >&2; exit 1
}
start_server 127.0.0.1:0
address="${url#ws://}"; address="${address%/v1}"
echo "server: $url"

# --- display ------------------------------------------------------------------------------
width=2560 height=880
exec 3>"$tmp/display"
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"
echo "display: $DISPLAY"

# Clients keep their caches in the temp dir, never in the keychain or the user's home.
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime" PALAVER_NO_KEYCHAIN=1 QT_QPA_PLATFORM=xcb
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
sync_dir="$tmp/sync"
mkdir -p "$sync_dir"

# --- the two scripts ----------------------------------------------------------------------
# Ada: fails a sign-in, registers, starts a direct chat with Bob and a group, watches Bob type.
cat >"$tmp/ada.json" <<EOF
{"steps": [
 {"do":"geometry","x":0,"y":0,"width":1280,"height":860},
 {"do":"waitFor","object":"usernameField"},
 {"do":"hover","x":1270,"y":850},
 {"do":"set","object":"usernameField","property":"text","value":"ada"},
 {"do":"set","object":"passwordField","property":"text","value":"not-registered"},
 {"do":"click","object":"submitButton"},
 {"do":"waitFor","object":"errorLabel"},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/sign-in-error.png"},
 {"do":"click","object":"modeSwitch"},
 {"do":"set","object":"passwordField","property":"text","value":"lovelace-1815"},
 {"do":"click","object":"submitButton"},
 {"do":"waitFor","object":"chatPage"},
 {"do":"touch","file":"$sync_dir/ada-ready"},
 {"do":"waitFile","file":"$sync_dir/bob-ready","timeout":60000},
 {"do":"waitFile","file":"$sync_dir/cyd-ready","timeout":60000},
 {"do":"click","object":"newButton"},
 {"do":"click","object":"newDirectItem"},
 {"do":"focus","object":"userSearchField"},
 {"do":"type","text":"bob"},
 {"do":"waitText","text":"bob","within":"userResults"},
 {"do":"click","text":"bob","within":"userResults"},
 {"do":"waitFor","object":"composerInput"},
 {"do":"focus","object":"composerInput"},
 {"do":"type","text":"Hi Bob! Are we still on for lunch tomorrow?"},
 {"do":"key","key":"Return"},
 {"do":"wait","ms":500},
 {"do":"click","object":"newButton"},
 {"do":"click","object":"newRoomItem"},
 {"do":"focus","object":"roomNameField"},
 {"do":"type","text":"Design team"},
 {"do":"focus","object":"memberSearchField"},
 {"do":"type","text":"bob"},
 {"do":"waitText","text":"bob","within":"memberResults"},
 {"do":"click","text":"bob","within":"memberResults"},
 {"do":"set","object":"memberSearchField","property":"text","value":""},
 {"do":"focus","object":"memberSearchField"},
 {"do":"type","text":"cyd"},
 {"do":"waitText","text":"cyd","within":"memberResults"},
 {"do":"click","text":"cyd","within":"memberResults"},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/new-room-dialog.png"},
 {"do":"click","object":"createButton"},
 {"do":"waitText","text":"Design team","within":"roomList"},
 {"do":"wait","ms":500},
 {"do":"focus","object":"composerInput"},
 {"do":"type","text":"Welcome to the design room! Mockups go here."},
 {"do":"key","key":"Return"},
 {"do":"type","text":"@bob can you look at the **new icons** before Friday?"},
 {"do":"key","key":"Return"},
 {"do":"touch","file":"$sync_dir/ada-group"},
 {"do":"waitFile","file":"$sync_dir/cyd-read","timeout":60000},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":1500},
 {"do":"grab","file":"$out/group-receipts.png"},
 {"do":"click","text":"bob","within":"roomList"},
 {"do":"hover","x":1270,"y":850},
 {"do":"touch","file":"$sync_dir/ada-sent"},
 {"do":"waitFile","file":"$sync_dir/bob-typing","timeout":60000},
 {"do":"wait","ms":1000},
 {"do":"grab","file":"$out/typing.png"},
 {"do":"touch","file":"$sync_dir/ada-saw-typing"},
 {"do":"waitFile","file":"$sync_dir/bob-done","timeout":60000},
 {"do":"activate"},
 {"do":"wait","ms":1000},
 {"do":"grab","file":"$out/direct-chat.png"},
 {"do":"touch","file":"$sync_dir/ada-done"},
 {"do":"waitFor","object":"bannerText","timeout":60000},
 {"do":"wait","ms":1500},
 {"do":"grab","file":"$out/offline.png"},
 {"do":"waitFor","object":"bannerText","property":"text","value":"Back online","timeout":60000},
 {"do":"grab","file":"$out/back-online.png"},
 {"do":"touch","file":"$sync_dir/ada-back"},
 {"do":"waitFile","file":"$sync_dir/quit","timeout":120000},
 {"do":"quit"}
]}
EOF

# Bob (dark palette): registers, sees the badges, replies while Ada watches, reacts, then
# reads the group with the member panel open.
cat >"$tmp/bob.json" <<EOF
{"steps": [
 {"do":"geometry","x":1280,"y":0,"width":1280,"height":860},
 {"do":"waitFile","file":"$sync_dir/ada-ready","timeout":60000},
 {"do":"waitFor","object":"usernameField"},
 {"do":"click","object":"modeSwitch"},
 {"do":"set","object":"usernameField","property":"text","value":"bob"},
 {"do":"set","object":"passwordField","property":"text","value":"bob-password"},
 {"do":"click","object":"submitButton"},
 {"do":"waitFor","object":"chatPage"},
 {"do":"touch","file":"$sync_dir/bob-ready"},
 {"do":"waitFile","file":"$sync_dir/ada-sent","timeout":60000},
 {"do":"waitFor","object":"roomList","property":"count","atLeast":2},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":1500},
 {"do":"grab","file":"$out/room-list-badges.png"},
 {"do":"activate"},
 {"do":"click","text":"ada","within":"roomList"},
 {"do":"wait","ms":800},
 {"do":"focus","object":"composerInput"},
 {"do":"type","text":"Yes! 12:30 at the usual place"},
 {"do":"touch","file":"$sync_dir/bob-typing"},
 {"do":"waitFile","file":"$sync_dir/ada-saw-typing","timeout":60000},
 {"do":"type","text":"?"},
 {"do":"key","key":"Return"},
 {"do":"wait","ms":500},
 {"do":"hover","text":"Hi Bob! Are we still on for lunch tomorrow?","within":"messageList"},
 {"do":"click","object":"moreButton"},
 {"do":"waitFor","object":"quickReactions"},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/message-menu.png"},
 {"do":"click","text":"👍","within":"quickReactions"},
 {"do":"wait","ms":300},
 {"do":"click","text":"Design team","within":"roomList"},
 {"do":"click","object":"membersButton"},
 {"do":"wait","ms":800},
 {"do":"focus","object":"composerInput"},
 {"do":"type","text":"On it, they look great so far"},
 {"do":"key","key":"Return"},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":1000},
 {"do":"grab","file":"$out/group-chat-dark.png"},
 {"do":"key","key":"Backtab","modifiers":["shift"]},
 {"do":"wait","ms":300},
 {"do":"key","key":"Delete"},
 {"do":"wait","ms":500},
 {"do":"grab","file":"$out/delete-confirm.png"},
 {"do":"key","key":"Escape"},
 {"do":"wait","ms":300},
 {"do":"key","key":"Up"},
 {"do":"key","key":"Return"},
 {"do":"wait","ms":400},
 {"do":"key","key":"Right"},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/keyboard-menu.png"},
 {"do":"key","key":"Escape"},
 {"do":"key","key":"Escape"},
 {"do":"click","object":"switcherButton"},
 {"do":"waitFor","object":"switcherField"},
 {"do":"type","text":"a"},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/room-switcher.png"},
 {"do":"key","key":"Escape"},
 {"do":"click","object":"searchButton"},
 {"do":"waitFor","object":"searchField"},
 {"do":"type","text":"lunch"},
 {"do":"waitFor","object":"searchResults","property":"count","atLeast":1},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/search.png"},
 {"do":"key","key":"Escape"},
 {"do":"waitFile","file":"$sync_dir/cyd-public","timeout":60000},
 {"do":"click","object":"newButton"},
 {"do":"click","object":"directoryItem"},
 {"do":"waitText","text":"Lobby","within":"directoryResults"},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":300},
 {"do":"grab","file":"$out/directory.png"},
 {"do":"click","text":"Join","within":"directoryResults"},
 {"do":"waitText","text":"Lobby","within":"roomList"},
 {"do":"click","text":"Design team","within":"roomList"},
 {"do":"call","object":"chatView","method":"attachFile","args":["file://$tmp/files/new-icons-mockup.png"]},
 {"do":"waitFor","object":"imageAttachment","property":"ready","value":true,"timeout":30000},
 {"do":"call","object":"chatView","method":"attachFile","args":["file://$tmp/files/icon-review-notes.pdf"]},
 {"do":"waitFor","object":"fileCard","timeout":30000},
 {"do":"hover","x":1270,"y":850},
 {"do":"wait","ms":1500},
 {"do":"grab","file":"$out/attachments.png"},
 {"do":"click","object":"imageAttachment"},
 {"do":"waitFor","object":"fullImage","property":"status","atLeast":1,"timeout":30000},
 {"do":"wait","ms":800},
 {"do":"grab","file":"$out/image-viewer.png"},
 {"do":"key","key":"Escape"},
 {"do":"wait","ms":300},
 {"do":"touch","file":"$sync_dir/bob-done"},
 {"do":"waitFile","file":"$sync_dir/quit","timeout":120000},
 {"do":"quit"}
]}
EOF

# Cyd (offscreen, never photographed): a third member, so the group shows "seen by N".
cat >"$tmp/cyd.json" <<EOF
{"steps": [
 {"do":"waitFile","file":"$sync_dir/ada-ready","timeout":60000},
 {"do":"waitFor","object":"usernameField"},
 {"do":"click","object":"modeSwitch"},
 {"do":"set","object":"usernameField","property":"text","value":"cyd"},
 {"do":"set","object":"passwordField","property":"text","value":"cyd-password"},
 {"do":"click","object":"submitButton"},
 {"do":"waitFor","object":"chatPage"},
 {"do":"touch","file":"$sync_dir/cyd-ready"},
 {"do":"waitFile","file":"$sync_dir/ada-group","timeout":60000},
 {"do":"activate"},
 {"do":"waitText","text":"Design team","within":"roomList"},
 {"do":"click","text":"Design team","within":"roomList"},
 {"do":"wait","ms":1500},
 {"do":"touch","file":"$sync_dir/cyd-read"},
 {"do":"click","object":"newButton"},
 {"do":"click","object":"newRoomItem"},
 {"do":"click","text":"Public room"},
 {"do":"focus","object":"roomNameField"},
 {"do":"type","text":"Lobby"},
 {"do":"focus","object":"topicField"},
 {"do":"type","text":"Say hi, ask anything"},
 {"do":"click","object":"createButton"},
 {"do":"waitText","text":"Lobby","within":"roomList"},
 {"do":"touch","file":"$sync_dir/cyd-public"},
 {"do":"waitFile","file":"$sync_dir/quit","timeout":120000},
 {"do":"quit"}
]}
EOF

# Files Bob sends to the group: an image (shown inline) and a document (a file card).
mkdir -p "$tmp/files"
convert -size 960x600 gradient:'#5b8cf0-#23978a' \
    -fill '#ffffff' -draw 'roundrectangle 80,80 420,520 40,40' \
    -fill '#f0b04a' -draw 'circle 660,300 660,170' \
    -fill '#ffffff' -draw 'roundrectangle 540,440 880,480 12,12' \
    "$tmp/files/new-icons-mockup.png"
# A one-page PDF by hand (ImageMagick's policy usually forbids writing PDF).
printf '%s\n' '%PDF-1.4' '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj' \
    '2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj' \
    '3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>> endobj' \
    'trailer <</Root 1 0 R>>' '%%EOF' >"$tmp/files/icon-review-notes.pdf"

run_client() { # $1: name, $2...: extra arguments
    local name="$1"; shift
    PALAVER_AUTOPILOT="$tmp/$name.json" "$client_bin" --profile "$name" --server "$url" "$@" \
        >"$tmp/$name.log" 2>&1 &
    pids+=("$!")
    eval "${name}_pid=$!"
}
run_client ada --theme light
run_client bob --theme dark
QT_QPA_PLATFORM=offscreen run_client cyd

wait_file() { # $1: file, $2: seconds
    for _ in $(seq $(( $2 * 10 ))); do [ -e "$1" ] && return 0; sleep 0.1; done
    echo "timed out waiting for $1; client logs:" >&2
    tail -n 20 "$tmp"/ada.log "$tmp"/bob.log "$tmp"/cyd.log >&2
    exit 1
}

wait_file "$sync_dir/bob-done" 120
wait_file "$sync_dir/ada-done" 60
sleep 1
import -window root "$tmp/both.png"
convert "$tmp/both.png" -crop 2560x860+0+0 +repage "$out/palaver.png"

# Stop the server: both clients show the offline banner; then bring it back.
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
sleep 4
start_server "$address"
wait_file "$sync_dir/ada-back" 60
touch "$sync_dir/quit"
for name in ada bob cyd; do
    pid_var="${name}_pid"
    if ! wait "${!pid_var}"; then
        echo "$name's autopilot failed:" >&2; tail -n 20 "$tmp/$name.log" >&2; exit 1
    fi
done
echo "screenshots in $out:"
ls -1 "$out"
