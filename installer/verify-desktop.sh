#!/usr/bin/env bash
# Validates the client's desktop entry and AppStream metainfo (no network: the screenshot URL
# is not fetched). Usage: verify-desktop.sh DESKTOP_FILE METAINFO_FILE
set -euo pipefail
desktop="$1"
metainfo="$2"
command -v desktop-file-validate > /dev/null || { echo "desktop-file-validate missing: skipped"; exit 77; }
command -v appstreamcli > /dev/null || { echo "appstreamcli missing: skipped"; exit 77; }
desktop-file-validate "$desktop"
appstreamcli validate --no-net --explain "$metainfo"
