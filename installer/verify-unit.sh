#!/usr/bin/env bash
# Checks installer/palaver-server.service with systemd-analyze against the built binary:
# `verify` must be clean and `security` must rate the sandbox at most 2.0 ("OK").
set -euo pipefail
binary="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed: skipped"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed "s#/usr/bin/palaver-server#$binary#" "$here/palaver-server.service" >"$work/palaver-server.service"
out="$(systemd-analyze verify --man=no "$work/palaver-server.service" 2>&1)"
if [ -n "$out" ]; then echo "$out"; exit 1; fi
score="$(systemd-analyze security --offline=yes "$work/palaver-server.service" 2>&1 |
    sed -n 's/.*Overall exposure level for palaver-server.service: \([0-9.]*\).*/\1/p')"
echo "exposure level: ${score:-unknown}"
awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
