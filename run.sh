#!/usr/bin/env bash
# Builds Palaver (installing what is missing) and runs the server on its embedded SQLite
# database. Extra arguments go to palaver-server, e.g. ./run.sh --listen 127.0.0.1:8765
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/tools/setup.sh" release
exec "$root/build/release/server/palaver-server" "$@"
