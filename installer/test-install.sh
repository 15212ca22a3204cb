#!/usr/bin/env bash
# The packages' proof test: the built DEBs go into a clean Debian 12 root, made by debootstrap
# (minbase) with apt resolving their dependencies, as a person would install them:
#   1. install both with `apt-get install ./palaver-server_*.deb ./palaver_*.deb`; check the
#      palaver account, /var/lib/palaver (palaver:palaver 0750), /etc/palaver/server.conf
#      (root:palaver 0640, a conffile), the unit enabled, the desktop entry, both --version
#   2. start the installed server the way its unit does (ExecStart, User, Group, Environment
#      and UMask read from the installed unit; only the listen address changes, to a free
#      loopback port) and run a register / create_room / send / history exchange against it
#      over a real WebSocket (installer/ws-exchange.py, from this host: the chroot shares its
#      network)
#   3. start the client offscreen with the desktop entry's Exec line, as a plain user, for a few
#      seconds: it must still be running and have reported no missing QML module or plugin
#   4. edit the conffile and reinstall: the edit stays; `apt-get remove`: the database and the
#      configuration stay; `apt-get purge`: both are gone
# Usage: installer/test-install.sh BUILD_PACKAGES_DIR     (as root: debootstrap, chroot, mount)
# The fresh root is kept as a tarball, and the .debs apt downloaded into it, in
# PALAVER_DEBOOTSTRAP_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/palaver/debootstrap-bookworm),
# so only the first run downloads the base system; every run unpacks a new copy into a temp
# folder and deletes it at the end. The root is made anew when the tarball is older than
# PALAVER_DEBOOTSTRAP_MAX_AGE_DAYS (default 30). The mirror is the one this machine's apt uses
# for bookworm (PALAVER_DEBIAN_MIRROR overrides), with its HTTP proxy if it has one.
# No systemd runs in a chroot, so the unit itself is not started; what it adds beyond user,
# environment and umask (ProtectSystem= and the rest of its sandbox) is checked by the CTest
# test systemd_unit, not here.
# The single-quoted $(…) and ${…} are apt and dpkg-query formats and sh -c scripts.
# shellcheck disable=SC2016
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
start_all=$SECONDS
die() {
    echo "test-install: $*" >&2
    exit 1
}
step() { printf '\n=== %s\n' "$*"; }
ok() { echo "ok $*"; }

[ $# -eq 1 ] || die "usage: $0 BUILD_PACKAGES_DIR"
[ -d "$1" ] || die "no folder $1"
packages="$(cd "$1" && pwd)"
shopt -s nullglob
server_debs=("$packages"/palaver-server_*_*.deb)
client_debs=("$packages"/palaver_*_*.deb)
shopt -u nullglob
[ ${#server_debs[@]} -eq 1 ] || die "expected one palaver-server_*.deb in $packages"
[ ${#client_debs[@]} -eq 1 ] || die "expected one palaver_*.deb in $packages"
server_deb="${server_debs[0]}"
client_deb="${client_debs[0]}"
version="$(dpkg-deb --field "$server_deb" Version)"
[ "$(dpkg-deb --field "$client_deb" Version)" = "$version" ] ||
    die "the two DEBs have different versions"
[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount need it)"
command -v debootstrap > /dev/null || die "debootstrap is not installed (packages.txt)"
command -v python3 > /dev/null || die "python3 is not installed (packages.txt)"

cache="${PALAVER_DEBOOTSTRAP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/palaver/debootstrap-bookworm}"
max_age_days="${PALAVER_DEBOOTSTRAP_MAX_AGE_DAYS:-30}"
suite=bookworm

# The mirror: what this machine's apt uses for bookworm (a local mirror or a caching proxy
# URL works the same), so the test reaches the archive wherever apt here does.
repo_uri() {
    apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 2> /dev/null |
        awk -v r="$1" '$1 == r { sub(/\/$/, "", $2); print $2; exit }'
}
mirror="${PALAVER_DEBIAN_MIRROR:-$(repo_uri "$suite")}"
mirror="${mirror:-http://deb.debian.org/debian}"
security="$(repo_uri "$suite-security")"
proxy=""
eval "$(apt-config shell proxy Acquire::http::Proxy)"
if [ -n "$proxy" ]; then
    export http_proxy="$proxy"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/palaver-test-install.XXXXXX")"
rootfs="$work/root"
mounts=()
pids=()
cleanup() {
    local status=$? pid i
    for pid in "${pids[@]}"; do
        kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
    done
    for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
        umount "${mounts[i]}" 2> /dev/null || umount -l "${mounts[i]}" ||
            echo "test-install: could not unmount ${mounts[i]}" >&2
    done
    # Never delete through a mount point that is still there (the host's /proc, /sys, /dev/pts).
    if findmnt -rn -o TARGET | grep -q "^$work/"; then
        echo "test-install: mounts are left under $work; not deleting it" >&2
    else
        rm -rf --one-file-system "$work"
    fi
    exit "$status"
}
trap cleanup EXIT
# A process that was waited for is forgotten, so that cleanup never signals a reused PID.
forget() {
    local pid kept=()
    for pid in "${pids[@]}"; do
        [ "$pid" = "$1" ] || kept+=("$pid")
    done
    pids=("${kept[@]}")
}
trap 'exit 130' INT TERM

# A command inside the root with a clean environment (nothing of this host's leaks in).
in_root() {
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}
apt_in_root() { in_root apt-get -q -y -o Dpkg::Use-Pty=0 "$@" < /dev/null; }
check() { # check DESCRIPTION COMMAND…
    local what="$1"
    shift
    "$@" || die "$what"
    ok "$what"
}
# stat of a path inside the root: OWNER:GROUP MODE
mode_of() { in_root stat -c '%U:%G %a' "$1"; }

step "clean $suite root (cache: $cache)"
t=$SECONDS
mkdir -p "$cache/archives"
if [ -f "$cache/root.tar.gz" ] && [ -z "$(find "$cache/root.tar.gz" -mtime +"$max_age_days")" ]; then
    mkdir "$rootfs"
    tar -xzf "$cache/root.tar.gz" -C "$rootfs"
    root_how="cached"
else
    echo "debootstrap --variant=minbase $suite from $mirror"
    if ! nice -n 19 debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" \
        > "$work/debootstrap.log" 2>&1; then
        tail -n 30 "$work/debootstrap.log" >&2
        die "debootstrap could not make a $suite root from $mirror (no mirror reachable?" \
            "set PALAVER_DEBIAN_MIRROR, or an HTTP proxy in apt's configuration)"
    fi
    # The base system's .debs are in the tarball already, unpacked; keep it small.
    rm -f "$rootfs"/var/cache/apt/archives/*.deb
    tar -czf "$cache/root.tar.gz.new" -C "$rootfs" .
    mv "$cache/root.tar.gz.new" "$cache/root.tar.gz"
    root_how="debootstrap"
fi
root_s=$((SECONDS - t))
ok "root ready ($root_how) in $root_s s"

{
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [ -z "$security" ] || echo "deb $security $suite-security main"
} > "$rootfs/etc/apt/sources.list"
[ -z "$proxy" ] || echo "Acquire::http::Proxy \"$proxy\";" > "$rootfs/etc/apt/apt.conf.d/01proxy"
cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2> /dev/null || true
# No init system runs in the chroot: a maintainer script must not try to start a service
# here. 101 is "action forbidden" (invoke-rc.d's contract), which deb-systemd-invoke honours;
# the palaver-server postinst starts only where /run/systemd/system exists, so this is the
# second of two guards.
printf '#!/bin/sh\nexit 101\n' > "$rootfs/usr/sbin/policy-rc.d"
chmod 0755 "$rootfs/usr/sbin/policy-rc.d"
# debootstrap made the device nodes; the kernel's file systems come from the host.
for fs in proc sys dev/pts; do
    mount --bind "/$fs" "$rootfs/$fs"
    mounts+=("$rootfs/$fs")
done
mkdir -p "$rootfs/tmp/debs"
cp "$server_deb" "$client_deb" "$rootfs/tmp/debs/"
in_server_deb="/tmp/debs/$(basename "$server_deb")"
in_client_deb="/tmp/debs/$(basename "$client_deb")"

step "apt-get install ./$(basename "$server_deb") ./$(basename "$client_deb")"
t=$SECONDS
cached_debs=$(find "$cache/archives" -name '*.deb' | wc -l)
find "$cache/archives" -name '*.deb' -exec cp -t "$rootfs/var/cache/apt/archives/" {} +
apt_in_root update > "$work/apt-update.log" 2>&1 || {
    cat "$work/apt-update.log" >&2
    die "apt-get update failed in the root (mirror $mirror)"
}
apt_in_root install "$in_server_deb" "$in_client_deb" > "$work/apt-install.log" 2>&1 || {
    tail -n 60 "$work/apt-install.log" >&2
    die "apt-get install of the two DEBs failed"
}
grep -E '^(Need to get|[0-9]+ upgraded)' "$work/apt-install.log" || true
# The cache holds what this run used: stale versions go, new downloads come in.
find "$cache/archives" -name '*.deb' -delete
find "$rootfs/var/cache/apt/archives" -maxdepth 1 -name '*.deb' -exec cp -t "$cache/archives/" {} +
install_s=$((SECONDS - t))
ok "installed in $install_s s ($cached_debs .debs from the cache)"

step "what the packages installed"
check "palaver user and group exist" \
    in_root sh -c 'getent passwd palaver > /dev/null && getent group palaver > /dev/null'
check "/var/lib/palaver is palaver:palaver 0750" \
    test "$(mode_of /var/lib/palaver)" = "palaver:palaver 750"
check "/etc/palaver/server.conf is root:palaver 0640" \
    test "$(mode_of /etc/palaver/server.conf)" = "root:palaver 640"
conffiles="$(in_root dpkg-query -W -f='${Conffiles}' palaver-server)"
check "server.conf is a conffile" grep -q '^ */etc/palaver/server.conf ' <<< "$conffiles"
unit=/lib/systemd/system/palaver-server.service
wants=/etc/systemd/system/multi-user.target.wants/palaver-server.service
check "the unit is enabled ($wants)" test "$(readlink "$rootfs$wants")" = "$unit"
check "palaver-server --version prints $version" \
    grep -qF "$version" <<< "$(in_root palaver-server --version)"
check "palaver --version prints $version" \
    grep -qF "$version" <<< "$(in_root palaver --version 2>&1)"
desktop=/usr/share/applications/org.palaver.Palaver.desktop
exec_line="$(sed -n 's/^Exec=//p' "$rootfs$desktop" | head -n1)"
read -ra client_cmd <<< "${exec_line//%[fFuUik]/}"
check "the menu entry's Exec ($exec_line) is on the PATH" \
    in_root sh -c "command -v '${client_cmd[0]}' > /dev/null"

step "the installed server, as its unit starts it, on loopback"
t=$SECONDS
unit_value() { sed -n "s/^$1=//p" "$rootfs$unit"; }
read -ra exec_start <<< "$(unit_value ExecStart | tail -n1)"
user="$(unit_value User)"
group="$(unit_value Group)"
umask_value="$(unit_value UMask)"
env_args=()
while read -ra words; do
    env_args+=("${words[@]}")
done <<< "$(unit_value Environment)"
echo "as $user:$group, umask ${umask_value:-0022}, env ${env_args[*]}: ${exec_start[*]}"
# Port 0: the OS picks a free port, which the server prints ("listening on ws://…").
start_server() {
    chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        "${env_args[@]}" setpriv --reuid="$user" --regid="$group" --init-groups -- \
        /bin/sh -c 'umask "$0"; exec "$@"' "${umask_value:-0022}" \
        "${exec_start[@]}" --listen 127.0.0.1:0 > "$work/server.log" 2>&1 &
    server_pid=$!
    pids+=("$server_pid")
    url=""
    for _ in $(seq 150); do
        url="$(sed -n 's/^palaver-server listening on \(ws:[^ ]*\).*/\1/p' "$work/server.log")"
        [ -z "$url" ] || break
        kill -0 "$server_pid" 2> /dev/null || break
        sleep 0.2
    done
    [ -n "$url" ] || {
        cat "$work/server.log" >&2
        die "the installed server did not start listening"
    }
    ok "server pid $server_pid listening on $url"
}
exchange() { # exchange [--again]: ws-exchange.py against the running server
    python3 "$here/ws-exchange.py" "$url" "$@" || {
        cat "$work/server.log" >&2
        die "the WebSocket exchange ($*) failed"
    }
}
stop_server() {
    local status=0
    kill -TERM "$server_pid"
    wait "$server_pid" || status=$?
    forget "$server_pid"
    check "the server stopped cleanly on SIGTERM (status $status)" test "$status" -eq 0
}
start_server
exchange
stop_server
check "its database /var/lib/palaver/palaver.db belongs to $user" \
    test "$(in_root stat -c %U /var/lib/palaver/palaver.db)" = "$user"
server_s=$((SECONDS - t))

step "the installed client, offscreen, from its menu entry"
t=$SECONDS
in_root useradd --create-home --shell /bin/bash person
# PALAVER_TEST_INSTALL_SCREENSHOT=FILE: the client's test-only autopilot (qml/app/autopilot.h)
# saves its window after 2 s, to look at what a person would see; nothing else changes.
shot_env=()
if [ -n "${PALAVER_TEST_INSTALL_SCREENSHOT:-}" ]; then
    printf '%s\n' '{"steps": [{"do": "wait", "ms": 2000}, {"do": "grab", "file": "/tmp/shot.png"}]}' \
        > "$rootfs/tmp/autopilot.json"
    shot_env=(PALAVER_AUTOPILOT=/tmp/autopilot.json)
fi
# Started as the menu would (the Exec line) by a plain user with an empty home.
chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    HOME=/home/person USER=person QT_QPA_PLATFORM=offscreen "${shot_env[@]}" \
    setpriv --reuid=person --regid=person --init-groups -- "${client_cmd[@]}" \
    > "$work/client.log" 2>&1 &
client_pid=$!
pids+=("$client_pid")
sleep 4
client_alive=0
kill -0 "$client_pid" 2> /dev/null && client_alive=1
if [ -s "$work/client.log" ]; then
    echo "client output:"
    sed 's/^/  /' "$work/client.log" | head -n 40
fi
if ((client_alive)); then
    kill -TERM "$client_pid"
    wait "$client_pid" || true
    forget "$client_pid"
else
    client_status=0
    wait "$client_pid" || client_status=$?
    forget "$client_pid"
    die "the client exited within 4 s (status $client_status)"
fi
if grep -Ei 'module "[^"]*" is not installed|is not a type|failed to load|could not (find|load) the Qt platform plugin|Cannot load library|QQmlApplicationEngine failed' \
    "$work/client.log"; then
    die "the client reported a missing module or plugin"
fi
ok "client pid $client_pid ran 4 s offscreen with every QML module and plugin it needs"
if ((${#shot_env[@]})); then
    cp "$rootfs/tmp/shot.png" "$PALAVER_TEST_INSTALL_SCREENSHOT" || die "the client saved no screenshot"
    ok "its window is in $PALAVER_TEST_INSTALL_SCREENSHOT"
fi
client_s=$((SECONDS - t))

step "reinstall keeps an edited conffile; remove keeps data (installing again finds it); purge deletes it"
t=$SECONDS
echo '; test-install: an edit by the admin' >> "$rootfs/etc/palaver/server.conf"
apt_in_root install --reinstall "$in_server_deb" > "$work/apt-reinstall.log" 2>&1 || {
    tail -n 40 "$work/apt-reinstall.log" >&2
    die "apt-get install --reinstall failed"
}
check "the edit survives a reinstall" \
    grep -q '^; test-install: an edit by the admin$' "$rootfs/etc/palaver/server.conf"
check "server.conf is still root:palaver 0640" \
    test "$(mode_of /etc/palaver/server.conf)" = "root:palaver 640"
check "the unit is still enabled" test -L "$rootfs$wants"
apt_in_root remove palaver-server palaver > "$work/apt-remove.log" 2>&1 || {
    tail -n 40 "$work/apt-remove.log" >&2
    die "apt-get remove failed"
}
check "palaver-server is removed, its configuration kept (rc)" \
    test "$(in_root dpkg-query -W -f='${db:Status-Abbrev}' palaver-server)" = "rc "
# The client has no conffile: dpkg forgets it on removal, there is nothing to purge.
check "palaver is gone entirely" \
    test -z "$(in_root dpkg-query -W -f='${db:Status-Abbrev}' palaver 2> /dev/null)"
check "the removed unit is masked (postrm, as dh_installsystemd does)" \
    test "$(readlink "$rootfs/etc/systemd/system/palaver-server.service")" = /dev/null
check "the binaries are gone" test ! -e "$rootfs/usr/bin/palaver-server" -a \
    ! -e "$rootfs/usr/bin/palaver"
check "the database survives removal" test -s "$rootfs/var/lib/palaver/palaver.db"
check "the edited configuration survives removal" \
    grep -q '^; test-install: an edit by the admin$' "$rootfs/etc/palaver/server.conf"
# Installing again finds the account, the configuration and the database as they were.
apt_in_root install "$in_server_deb" > "$work/apt-again.log" 2>&1 || {
    tail -n 40 "$work/apt-again.log" >&2
    die "installing palaver-server again after its removal failed"
}
check "installed again: the edit is still there" \
    grep -q '^; test-install: an edit by the admin$' "$rootfs/etc/palaver/server.conf"
check "installed again: server.conf is root:palaver 0640, /var/lib/palaver palaver:palaver 0750" \
    test "$(mode_of /etc/palaver/server.conf) $(mode_of /var/lib/palaver)" = \
    "root:palaver 640 palaver:palaver 750"
check "installed again: the unit is enabled and no longer masked" \
    test -L "$rootfs$wants" -a ! -L "$rootfs/etc/systemd/system/palaver-server.service"
start_server
exchange --again
stop_server
apt_in_root remove palaver-server > "$work/apt-remove2.log" 2>&1 || {
    tail -n 40 "$work/apt-remove2.log" >&2
    die "apt-get remove failed (second time)"
}
apt_in_root purge palaver-server > "$work/apt-purge.log" 2>&1 || {
    tail -n 40 "$work/apt-purge.log" >&2
    die "apt-get purge failed"
}
check "/var/lib/palaver is gone after purge" test ! -e "$rootfs/var/lib/palaver"
check "/etc/palaver is gone after purge" test ! -e "$rootfs/etc/palaver"
check "no unit link or mask is left" test ! -e "$rootfs$wants" -a \
    ! -L "$rootfs/etc/systemd/system/palaver-server.service"
check "palaver-server is unknown to dpkg now" \
    test -z "$(in_root dpkg-query -W -f='${db:Status-Abbrev}' palaver-server 2> /dev/null)"
check "the palaver account stays (as Debian does with system users)" \
    in_root sh -c 'getent passwd palaver > /dev/null'
remove_s=$((SECONDS - t))

printf '\ntest-install: ok in %d s (root %d s %s, install %d s, server %d s, client %d s,' \
    $((SECONDS - start_all)) "$root_s" "$root_how" "$install_s" "$server_s" "$client_s"
printf ' reinstall/remove/purge %d s)\n' "$remove_s"
