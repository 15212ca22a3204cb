#!/usr/bin/env bash
# Checks what the server package ships beside the binary: palaver-server starts with the
# packaged server.conf (every key in it is known, every value valid, and every option it shows
# commented out exists), and the Debian
# maintainer scripts parse with sh (and pass shellcheck where it is installed).
# Usage: verify-packaging.sh PALAVER_SERVER_BINARY SERVER_CONF
set -euo pipefail
binary="$1"
conf="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
server_pid=""
# shellcheck disable=SC2317 # called by the trap
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2> /dev/null || true
        wait "$server_pid" 2> /dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

for script in postinst prerm postrm; do
    sh -n "$here/debian/$script"
done
if command -v shellcheck > /dev/null; then
    shellcheck --shell=sh "$here"/debian/postinst "$here"/debian/prerm "$here"/debian/postrm
fi

# Every option the file shows commented out (`; name = value`) is one the server knows.
help="$("$binary" --help)"
while read -r name; do
    grep -q -- "--$name" <<< "$help" || { echo "$conf: '$name' is not an option" >&2; exit 1; }
done < <(sed -n 's/^; \([a-z][a-z-]*\) = .*/\1/p' "$conf")

# Flags win over the file: a free port and a scratch data folder, the rest as packaged.
"$binary" --config "$conf" --listen 127.0.0.1:0 --data-dir "$work/data" \
    > "$work/out" 2> "$work/err" &
server_pid=$!
for _ in $(seq 200); do
    if grep -q "listening on" "$work/out"; then
        echo "palaver-server accepts $conf: $(head -n1 "$work/out")"
        exit 0
    fi
    if ! kill -0 "$server_pid" 2> /dev/null; then
        break
    fi
    sleep 0.1
done
echo "palaver-server did not start with $conf:" >&2
cat "$work/err" >&2
exit 1
