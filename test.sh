#!/usr/bin/env bash
# Builds Palaver with warnings as errors (installing what is missing) and runs every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$root/tools/setup.sh" ci
cd "$root"
ctest --preset ci "$@"
