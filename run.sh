#!/usr/bin/env bash
# Builds Palaver (installing what is missing) and runs the server on its embedded SQLite
# database; where a display exists it also opens the desktop client against that server and
# stops the server when the client closes. Extra arguments go to palaver-server, e.g.
#   ./run.sh --listen 127.0.0.1:8765 --data-dir ~/palaver-data
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/tools/setup.sh" release
server="$root/build/release/server/palaver-server"
client="$root/build/release/qml/palaver"

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ ! -x "$client" ]; then
    exec "$server" "$@"
fi

log="$(mktemp)"
"$server" "$@" >"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
    grep -q 'listening on' "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "palaver-server did not start" >&2; exit 1; }
    sleep 0.1
done
cat "$log"
# A server listening on every address is reached through loopback.
url="$(grep -o 'ws://[^ ]*' "$log" | sed -e 's#ws://0\.0\.0\.0:#ws://127.0.0.1:#' -e 's#ws://\[::\]:#ws://127.0.0.1:#')"
"$client" --server "$url"
