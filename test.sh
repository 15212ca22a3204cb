#!/usr/bin/env bash
# Runs every test, installing what is missing first (packages.txt). Three parts, in order:
#   ci    the ci preset (warnings are errors) and `ctest --preset ci`; extra arguments to this
#         script go to that ctest (e.g. ./test.sh -R tst_auth)
#   asan  the asan preset (gcc, AddressSanitizer + UndefinedBehaviorSanitizer) and its whole
#         ctest suite; any sanitizer report, from a test or from a palaver-server it started,
#         fails the part (reports are files in build/asan/sanitizer-reports, printed here)
#   fuzz  the fuzz preset (clang, libFuzzer) and each target for a bounded time on a copy of
#         the seeds in tests/data (new corpus entries stay in a temp folder)
# PALAVER_TEST_PARTS picks parts (default "ci asan fuzz"), PALAVER_FUZZ_SECONDS the time per
# fuzz target (default 30). Every part runs even when an earlier one failed; the exit status
# is non-zero if any did.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
parts="${PALAVER_TEST_PARTS:-ci asan fuzz}"
fuzz_seconds="${PALAVER_FUZZ_SECONDS:-30}"
failed=()
summary=()

part_ci() {
    "$root/tools/setup.sh" ci && ctest --preset ci "$@"
}

part_asan() {
    local reports="$root/build/asan/sanitizer-reports"
    "$root/tools/setup.sh" asan || return 1
    rm -rf "$reports" && mkdir -p "$reports"
    ctest --preset asan
    local status=$?
    if compgen -G "$reports/*" > /dev/null; then
        echo "Sanitizer reports (from tests or the servers they started):"
        for report in "$reports"/*; do
            echo "=== $report" && cat "$report"
        done
        status=1
    fi
    return $status
}

part_fuzz() {
    "$root/tools/setup.sh" fuzz || return 1
    local work status=0
    work="$(mktemp -d)"
    mkdir -p "$work/fuzz_frames" "$work/fuzz_wsframes" "$work/artifacts"
    find tests/data/frames -name '*.json' -exec cp {} "$work/fuzz_frames/" \;
    cp tests/data/wsframes/*.bin "$work/fuzz_wsframes/"
    for target in fuzz_frames fuzz_wsframes; do
        echo "Fuzzing $target for ${fuzz_seconds} s"
        if ! "$root/build/fuzz/tests/fuzz/$target" "$work/$target" -max_total_time="$fuzz_seconds" \
            -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
            > "$work/$target.log" 2>&1; then
            tail -n 60 "$work/$target.log"
            for crash in "$work/artifacts/$target-"*; do
                [ -e "$crash" ] && echo "Input of $crash (base64): $(base64 -w0 "$crash")"
            done
            status=1
        else
            grep -E '^stat::number_of_executed_units|^Done' "$work/$target.log"
        fi
    done
    rm -rf "$work"
    return $status
}

for part in $parts; do
    start=$SECONDS
    case "$part" in
    ci) part_ci "$@" ;;
    asan) part_asan ;;
    fuzz) part_fuzz ;;
    *) echo "unknown part '$part' (ci, asan, fuzz)" >&2; false ;;
    esac
    status=$?
    ((status == 0)) || failed+=("$part")
    verdict=ok
    ((status == 0)) || verdict=FAILED
    summary+=("$part $verdict in $((SECONDS - start)) s")
done
printf 'test.sh parts: %s\n' "$(printf '%s, ' "${summary[@]}" | sed 's/, $//')"
((${#failed[@]} == 0))
