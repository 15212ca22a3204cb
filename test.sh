#!/usr/bin/env bash
# Runs every test, installing what is missing first (packages.txt). Four parts, in order:
#   ci    the ci preset (warnings are errors) and `ctest --preset ci`; extra arguments to this
#         script go to that ctest (e.g. ./test.sh -R tst_auth)
#   asan  the asan preset (gcc, AddressSanitizer + UndefinedBehaviorSanitizer) and its whole
#         ctest suite; any sanitizer report, from a test or from a palaver-server it started,
#         fails the part (reports are files in build/asan/sanitizer-reports, printed here)
#   fuzz  the fuzz preset (clang, libFuzzer) and each target for a bounded time on a copy of
#         the seeds in tests/data (new corpus entries stay in a temp folder)
#   packages  the release preset and `cpack` (installer/): the DEB, RPM and TGZ packages of the
#         server and the client in build/release/packages; lintian must report no error, the
#         DEBs must carry dpkg-shlibdeps' dependencies, and the desktop entry and metainfo
#         inside the client DEB must validate; then installer/test-install.sh installs both DEBs
#         with apt into a clean debootstrap Debian 12 root, runs the server as its unit does
#         and the client offscreen, and removes and purges them (the root is cached)
# The ci and asan parts also run the integration suite on PostgreSQL (the *_pg tests): a private
# PostgreSQL cluster in a temp folder on a free loopback port serves them for the whole run
# (PALAVER_TEST_POSTGRES), stopped at the end; the machine's own clusters are never used.
# PALAVER_TEST_PARTS picks parts (default "ci asan fuzz packages"), PALAVER_FUZZ_SECONDS the time per
# fuzz target (default 30). Every part runs even when an earlier one failed; the exit status
# is non-zero if any did.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
parts="${PALAVER_TEST_PARTS:-ci asan fuzz packages}"
fuzz_seconds="${PALAVER_FUZZ_SECONDS:-30}"
failed=()
summary=()

pg_dir=""
pg_pid=""
# Packages come first (tools/setup.sh installs postgresql), so this runs inside a part.
ensure_postgres() {
    [ -n "$pg_pid" ] && return 0
    local bin port as=()
    bin="$(pg_config --bindir 2>/dev/null)"
    [ -x "$bin/pg_ctl" ] || bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
    if [ ! -x "$bin/pg_ctl" ]; then
        echo "PostgreSQL not found (no pg_ctl): the *_pg tests need it" >&2
        return 1
    fi
    pg_dir="$(mktemp -d /tmp/palaver-test-pg.XXXXXX)"
    # PostgreSQL refuses to run as root (CI): its tools run as the postgres user then.
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$pg_dir"
        as=(runuser -u postgres --)
    fi
    # A password with URL delimiters in it, so the URL's percent-decoding is tested too.
    printf '%s\n' 'pal:ver@pw%' > "$pg_dir/pw"
    chmod 644 "$pg_dir/pw"
    if ! "${as[@]}" "$bin/initdb" -D "$pg_dir/data" -U palaver --pwfile="$pg_dir/pw" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync \
        > "$pg_dir/initdb.log" 2>&1; then
        cat "$pg_dir/initdb.log" >&2
        return 1
    fi
    for port in $(shuf -i 20000-60000 -n 50); do
        (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null || break # nobody listens there
    done
    if ! "${as[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c max_connections=300" \
        start > /dev/null; then
        cat "$pg_dir/server.log" >&2
        return 1
    fi
    pg_pid="$(head -n1 "$pg_dir/data/postmaster.pid")"
    export PALAVER_TEST_POSTGRES="postgresql://palaver:pal%3Aver%40pw%25@127.0.0.1:$port/postgres"
    echo "PostgreSQL for the tests: pid $pg_pid, port $port ($bin)"
}

stop_postgres() {
    [ -n "$pg_pid" ] || return 0
    kill -INT "$pg_pid" 2> /dev/null # SIGINT: fast shutdown
    for _ in $(seq 100); do
        kill -0 "$pg_pid" 2> /dev/null || break
        sleep 0.1
    done
    rm -rf "$pg_dir"
    pg_pid=""
}
trap stop_postgres EXIT

part_ci() {
    "$root/tools/setup.sh" ci && ensure_postgres && ctest --preset ci "$@"
}

part_asan() {
    local reports="$root/build/asan/sanitizer-reports"
    "$root/tools/setup.sh" asan && ensure_postgres || return 1
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

part_packages() {
    "$root/tools/setup.sh" release || return 1
    local build="$root/build/release" out="$root/build/release/packages" status=0 work deb
    rm -rf "$out"
    (cd "$build" && cpack) || return 1
    ls -l "$out"
    for deb in "$out"/*.deb; do
        echo "=== $(basename "$deb")"
        dpkg-deb --field "$deb" Package Version Depends Recommends
        # dpkg-shlibdeps ran: the Qt libraries the binary links are in Depends.
        dpkg-deb --field "$deb" Depends | grep -q 'libqt6core6' || {
            echo "$(basename "$deb"): no library dependencies (dpkg-shlibdeps did not run)" >&2
            status=1
        }
    done
    # Errors fail the part; warnings and notes are shown.
    lintian --fail-on error --display-level '>=warning' --tag-display-limit 0 \
        "$out"/*.deb || status=1
    work="$(mktemp -d)"
    dpkg-deb --extract "$out"/palaver_*.deb "$work"
    desktop-file-validate "$work/usr/share/applications/org.palaver.Palaver.desktop" || status=1
    appstreamcli validate --no-net "$work/usr/share/metainfo/org.palaver.Palaver.metainfo.xml" ||
        status=1
    for size in 16 22 24 32 48 64 128 256 512; do
        file "$work/usr/share/icons/hicolor/${size}x$size/apps/org.palaver.Palaver.png" |
            grep -q "$size x $size" || {
            echo "no ${size}x$size PNG icon in the client package" >&2
            status=1
        }
    done
    rm -rf "$work"
    # The proof: both DEBs installed by apt into a clean debootstrap bookworm root, used,
    # removed and purged (installer/test-install.sh). It needs a Debian mirror (the one apt
    # uses here); without one it fails, it is never skipped.
    "$root/installer/test-install.sh" "$out" || status=1
    return $status
}

for part in $parts; do
    start=$SECONDS
    case "$part" in
    ci) part_ci "$@" ;;
    asan) part_asan ;;
    fuzz) part_fuzz ;;
    packages) part_packages ;;
    *) echo "unknown part '$part' (ci, asan, fuzz, packages)" >&2; false ;;
    esac
    status=$?
    ((status == 0)) || failed+=("$part")
    verdict=ok
    ((status == 0)) || verdict=FAILED
    summary+=("$part $verdict in $((SECONDS - start)) s")
done
printf 'test.sh parts: %s\n' "$(printf '%s, ' "${summary[@]}" | sed 's/, $//')"
((${#failed[@]} == 0))
