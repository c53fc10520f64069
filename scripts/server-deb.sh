#!/usr/bin/env bash
# Builds the server's .deb, ideaboard-server_<version>_<arch>.deb, with dpkg-deb:
# the stripped release binary (/usr/bin/ideaboard-server), the built web portal
# (/usr/share/ideaboard-server/web), the systemd unit, /etc/ideaboard/server.toml as
# a conffile, and maintainer scripts that make the system user `ideaboard` and
# enable the service (started only where systemd runs). Depends: dpkg-shlibdeps on
# the binary, plus adduser and init-system-helpers for the maintainer scripts.
#
#   scripts/server-deb.sh               build the .deb and check its fields and files
#   scripts/server-deb.sh --check       build it, then install it on a clean Debian 12
#                                       and serve with it (root; see below)
#   scripts/server-deb.sh --check-only  the clean-Debian check of the .deb already built
#
# The fast check reads the fields and files (and runs lintian where it is installed).
# The clean-Debian check (the same cached debootstrap as scripts/deb-check.sh) installs
# the .deb with its Depends only; checks the user, /var/lib/ideaboard, the conffile,
# the enabled unit and `systemd-analyze verify`; installs it again (the upgrade path);
# then runs the server in the chroot as the unit's ExecStart does (its user, working
# directory and umask, the packaged configuration; on a free loopback port through
# IDEABOARD_LISTEN, which beats the file): first with no board (503), then after
# `ideaboard-server admin create` (200 at /healthz, the portal's index.html at / and
# at a deep link, the admin signs in), and stops it with SIGTERM (exit 0, the board
# checkpointed). Then, where systemd-nspawn runs (it is installed if missing), the
# installed system boots under systemd in its own network namespace: the enabled
# service starts at boot and answers on the packaged 127.0.0.1:8080, as ideaboard,
# with NoNewPrivileges and its system-call filter in force; installing the .deb again
# restarts it; `systemctl stop` ends it with exit 0 and a checkpoint in the journal.
# Last, `apt-get remove` stops it and keeps the boards, `purge` deletes them.
# Logs land in <cargo target dir>/server-deb/check/. Everything mounted and started
# is unmounted and stopped on exit, failure or not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:/usr/sbin:/sbin:$PATH"

PACKAGE=ideaboard-server
PACKAGING=crates/server/packaging
START_TIMEOUT=60 # seconds for the server to answer /healthz
MAINTAINER="${IDEABOARD_DEB_MAINTAINER:-Ideaboard maintainers <maintainers@ideaboard.invalid>}"

me=server-deb
# shellcheck source=scripts/lib/deb-script.sh
source scripts/lib/deb-script.sh
deb_script_args "$@"

for tool in cargo node npm git dpkg-deb dpkg-shlibdeps strip file curl python3 gzip; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/setup.sh"
done

metadata="$(cargo metadata --format-version 1 --no-deps)"
target_dir="$(node -e 'const m=JSON.parse(process.argv[1]);console.log(m.target_directory)' "$metadata")"
version="$(node -e 'const m=JSON.parse(process.argv[1]);console.log(m.packages.find(p=>p.name===process.argv[2]).version)' "$metadata" "$PACKAGE")"
arch="$(dpkg --print-architecture)"
out="$target_dir/server-deb"
deb="$out/${PACKAGE}_${version}_${arch}.deb"

# --- the build ---
build_deb() {
  local started=$SECONDS stage="$out/root" binary depends
  log "building the web portal"
  npm --prefix ui run build
  log "building $PACKAGE (release)"
  cargo build --release --locked -p "$PACKAGE"

  rm -rf "$stage" "$deb"
  mkdir -p "$stage/DEBIAN"
  binary="$stage/usr/bin/ideaboard-server"
  install -D -m 0755 "$target_dir/release/ideaboard-server" "$binary"
  strip --strip-all "$binary"
  mkdir -p "$stage/usr/share/ideaboard-server"
  cp -r ui/dist "$stage/usr/share/ideaboard-server/web"
  install -D -m 0644 "$PACKAGING/ideaboard-server.service" "$stage/lib/systemd/system/ideaboard-server.service"
  install -D -m 0644 "$PACKAGING/server.toml" "$stage/etc/ideaboard/server.toml"
  install -D -m 0644 docs/server-proxy.md "$stage/usr/share/doc/$PACKAGE/server-proxy.md"
  copyright >"$stage/usr/share/doc/$PACKAGE/copyright"
  changelog | gzip -9n >"$stage/usr/share/doc/$PACKAGE/changelog.gz"
  find "$stage" -type d -exec chmod 0755 {} +
  find "$stage/usr/share" "$stage/etc" -type f -exec chmod 0644 {} +

  depends="$(shared_library_depends "$binary"), adduser, init-system-helpers (>= 1.54~)"
  install -m 0755 "$PACKAGING/postinst" "$PACKAGING/prerm" "$PACKAGING/postrm" "$stage/DEBIAN/"
  echo /etc/ideaboard/server.toml >"$stage/DEBIAN/conffiles"
  (cd "$stage" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -printf '%P\0' |
    LC_ALL=C sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
  cat >"$stage/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $version
Architecture: $arch
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: web
Priority: optional
Description: Ideaboard's shared board, served to a brand's fans in any browser
 ideaboard-server serves one Ideaboard board over HTTP: the web portal (the same
 UI as the desktop app) to fans in any browser, and the board's commands to the
 portal, the desktop app and scripts, with accounts, live updates, rate limits,
 Prometheus metrics and HTTPS (rustls) or a reverse proxy in front.
 .
 The ideaboard-server service runs as the system user ideaboard, with its boards
 under /var/lib/ideaboard and its settings in /etc/ideaboard/server.toml.
EOF
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
  log "built in $((SECONDS - started)) s"
}

# The shared libraries' packages, as dpkg-shlibdeps names them (it wants a source
# tree's debian/control; a two-stanza one in a scratch directory does).
shared_library_depends() {
  local binary="$1" scratch line
  scratch="$(mktemp -d)"
  mkdir "$scratch/debian"
  printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PACKAGE" "$PACKAGE" >"$scratch/debian/control"
  line="$(cd "$scratch" && dpkg-shlibdeps -O "$binary" 2>"$out/dpkg-shlibdeps.log")" ||
    fail "dpkg-shlibdeps failed; see $out/dpkg-shlibdeps.log"
  rm -rf "$scratch"
  [[ "$line" == shlibs:Depends=* ]] || fail "dpkg-shlibdeps said '$line'"
  echo "${line#shlibs:Depends=}"
}

# A native package's changelog: this version, from the commit it is built from (its
# date, so that the same commit makes the same file).
changelog() {
  cat <<EOF
$PACKAGE ($version) unstable; urgency=medium

  * Built from the Ideaboard repository at commit $(git rev-parse --short HEAD).

 -- $MAINTAINER  $(git log -1 --format=%cD)
EOF
}

copyright() {
  cat <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Ideaboard

Files: *
Copyright: $(git log -1 --format=%cd --date=format:%Y) The Ideaboard authors
License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
 SOFTWARE.
EOF
}

# --- the fast check: the fields and files, without installing anything ---
check_fields_and_files() {
  local contents extracted
  [ "$(dpkg-deb -f "$deb" Package)" = "$PACKAGE" ] || fail "unexpected Package: $(dpkg-deb -f "$deb" Package)"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
  [ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "Architecture is not $arch"
  grep -q 'libc6' <<<"$(dpkg-deb -f "$deb" Depends)" || fail "Depends lacks libc6"
  contents="$(dpkg-deb -c "$deb")"
  for path in usr/bin/ideaboard-server usr/share/ideaboard-server/web/index.html \
    lib/systemd/system/ideaboard-server.service etc/ideaboard/server.toml \
    usr/share/doc/$PACKAGE/copyright; do
    grep -Eq " \./$path\$" <<<"$contents" || fail "the .deb does not install /$path"
  done
  grep -q ' root/root ' <<<"$(grep ' ./usr/bin/ideaboard-server$' <<<"$contents")" ||
    fail "/usr/bin/ideaboard-server is not owned by root"
  [ "$(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles)" = /etc/ideaboard/server.toml ] ||
    fail "the conffiles are not /etc/ideaboard/server.toml alone"
  extracted="$(mktemp -d)"
  dpkg-deb -x "$deb" "$extracted"
  file -b "$extracted/usr/bin/ideaboard-server" | grep -q 'not stripped' &&
    fail "/usr/bin/ideaboard-server is not stripped"
  rm -rf "$extracted"
  # Debian's own checker where installed: errors fail (no manual page is a warning).
  if command -v lintian >/dev/null; then
    lintian --tag-display-limit 0 "$deb" >"$out/lintian.log" 2>&1 || true
    ! grep -q '^E:' "$out/lintian.log" || fail "lintian: $(grep '^E:' "$out/lintian.log")"
    log "lintian: $(grep -c '^[EW]:' "$out/lintian.log") warnings ($(grep -o '^W: [^ ]* [^ ]*' "$out/lintian.log" | cut -d' ' -f3 | xargs))"
  fi
}

if $build; then
  build_deb
fi
[ -f "$deb" ] || fail "no .deb at $deb: run scripts/server-deb.sh first"
check_fields_and_files
size="$(stat -c %s "$deb")"
log "deb: $deb"
log "size: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1000000 }')), Depends: $(dpkg-deb -f "$deb" Depends)"
$check || exit 0

# --- the clean-Debian check ---
# shellcheck source=scripts/lib/clean-debian.sh
source scripts/lib/clean-debian.sh
checks="$out/check"
mkdir -p "$checks"
server_pid=""
nspawn_pid=""
init_pid=""
# in_system CMD...: in the booted system when there is one, else in the chroot.
in_system() { in_root "$@"; }
halt_container() {
  local waited=0
  [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null || return 0
  kill -TERM "$nspawn_pid" 2>/dev/null || true # nspawn halts the container cleanly
  while kill -0 "$nspawn_pid" 2>/dev/null && [ "$waited" -lt 300 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$nspawn_pid" 2>/dev/null || true
  wait "$nspawn_pid" 2>/dev/null || true
  nspawn_pid=""
}
clean_debian_stop() {
  stop_pid "$server_pid"
  halt_container
}
clean_debian_base
clean_debian_root "$checks/apt.log"
clean_debian_install "$deb" /usr/bin/ideaboard-server "$checks/apt-install.log"

unit=/lib/systemd/system/ideaboard-server.service
state=/var/lib/ideaboard
board="$state/board.board"
config=/etc/ideaboard/server.toml
unit_key() { sed -n "s/^$1=//p" "$root$unit" | head -1; }
user="$(unit_key User)"
[ "$user" = ideaboard ] || fail "the unit runs as '$user', not ideaboard"

check_installed() {
  local entry uid home shell owner
  entry="$(in_root getent passwd "$user")" || fail "no user $user after the install"
  IFS=: read -r _ _ uid _ _ home shell <<<"$entry"
  [ "$uid" -lt 1000 ] || fail "$user is not a system user (uid $uid)"
  [ "$home" = "$state" ] || fail "$user's home is $home, not $state"
  [[ "$shell" == */nologin || "$shell" == */false ]] || fail "$user has a login shell ($shell)"
  in_root getent group "$user" >/dev/null || fail "no group $user"
  owner="$(in_root stat -c '%U:%G %a' "$state")"
  [ "$owner" = "$user:$user 750" ] || fail "$state is $owner, not $user:$user 750"
  # shellcheck disable=SC2016 # dpkg-query's own ${field}
  in_root dpkg-query -W -f='${Conffiles}\n' "$PACKAGE" | grep -q "^ $config " ||
    fail "$config is not a conffile of $PACKAGE"
  grep -qx "board = \"$board\"" "$root$config" || fail "$config does not name the board $board"
  grep -qx 'listen = "127.0.0.1:8080"' "$root$config" || fail "$config does not listen on 127.0.0.1:8080"
  [ -L "$root/etc/systemd/system/multi-user.target.wants/ideaboard-server.service" ] ||
    fail "the unit is not enabled (no multi-user.target.wants link)"
}
check_installed
log "user $user (system), $state ($user, 750), conffile $config, the unit enabled"

log "installing it again (the upgrade path of its maintainer scripts)"
in_root dpkg -i "/tmp/$(basename "$deb")" >>"$checks/apt-install.log" 2>&1 ||
  fail "installing over itself failed; see $checks/apt-install.log"
check_installed

log "systemd-analyze verify (systemd installed in the chroot for it)"
in_root apt-get install -y --no-install-recommends systemd >>"$checks/apt.log" 2>&1 ||
  fail "could not install systemd in the chroot; see $checks/apt.log"
in_root systemd-analyze verify "$unit" >"$checks/systemd-analyze.log" 2>&1 ||
  fail "systemd-analyze verify rejects the unit: $(cat "$checks/systemd-analyze.log")"
[ ! -s "$checks/systemd-analyze.log" ] ||
  fail "systemd-analyze verify warns: $(cat "$checks/systemd-analyze.log")"
log "systemd-analyze verify: no complaint; $(in_root systemd-analyze security --offline=true "$unit" 2>/dev/null | tail -1 || echo 'no security score')"

# unit_argv [NAME=VALUE...] COMMAND...: sets `argv` to COMMAND as the unit runs it:
# its user and group, working directory and umask, a clean environment with
# NAME=VALUE... in it. (A command line, not a function, so that `"${argv[@]}" &`
# gives the server's own pid to signal.)
unit_argv() {
  local vars=()
  while [[ "${1:-}" == *=* ]]; do
    vars+=("$1")
    shift
  done
  # shellcheck disable=SC2016 # the inner shell's own arguments
  argv=(chroot --userspec="$user:$(unit_key Group)" "$root" /usr/bin/env -i PATH=/usr/bin:/bin
    LANG=C.UTF-8 "${vars[@]}" /bin/sh -c 'cd "$1" && umask "$2" && shift 2 && exec "$@"'
    sh "$(unit_key WorkingDirectory)" "$(unit_key UMask)" "$@")
}
exec_start="$(unit_key ExecStart)"
read -r -a command <<<"$exec_start"

# The unit's ExecStart; only the port differs when it is run here: a free one,
# through IDEABOARD_LISTEN (which beats the file).
server_log=""
port=""
# start_server NAME [VAR=VALUE...]
start_server() {
  local name="$1" started=$SECONDS
  shift
  server_log="$checks/server-$name.log"
  rm -f "$root/tmp/listening"
  unit_argv RUST_LOG=info IDEABOARD_LISTEN=127.0.0.1:0 "$@" "${command[@]}"
  "${argv[@]}" >"$root/tmp/listening" 2>"$server_log" &
  server_pid=$!
  until grep -q 'listening on' "$root/tmp/listening" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || fail "the server exited at start; see $server_log"
    [ $((SECONDS - started)) -lt "$START_TIMEOUT" ] || fail "the server did not listen within $START_TIMEOUT s"
    sleep 0.2
  done
  port="$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$root/tmp/listening")"
  [ -n "$port" ] || fail "no port in: $(cat "$root/tmp/listening")"
}
# The /healthz status once the board has opened (or failed to): 503 "opening" waits.
health() {
  local started=$SECONDS body
  while :; do
    body="$(curl -s -w ' %{http_code}' "http://127.0.0.1:$port/healthz" || true)"
    [[ "$body" == *'"opening"'* ]] || break
    [ $((SECONDS - started)) -lt "$START_TIMEOUT" ] || break
    sleep 0.2
  done
  echo "$body"
}
stop_server() {
  local status=0
  kill -TERM "$server_pid"
  wait "$server_pid" || status=$?
  server_pid=""
  [ "$status" -eq 0 ] || fail "the server exited $status on SIGTERM; see $server_log"
}

log "serving as the unit does: ${command[*]} (as $user, in $(unit_key WorkingDirectory))"
start_server no-board
reply="$(health)"
[[ "$reply" == *'"failed"'*' 503' ]] || fail "with no board yet, /healthz said: $reply"
stop_server
log "no board yet: /healthz 503 (failed), SIGTERM exits 0"

password="a long and quiet admin passphrase"
unit_argv IDEABOARD_ADMIN_PASSWORD="$password" "${command[@]}" admin create --name Ada --email ada@example.com
"${argv[@]}" >"$checks/admin-create.log" 2>&1 ||
  fail "admin create failed; see $checks/admin-create.log"
[ "$(in_root stat -c %U "$board")" = "$user" ] || fail "$board is not owned by $user"
log "admin create: $(tr '\n' ' ' <"$checks/admin-create.log")"

start_server board
reply="$(health)"
[[ "$reply" == *'"ok"'*' 200' ]] || fail "/healthz said: $reply; see $server_log"
index="$root/usr/share/ideaboard-server/web/index.html"
for path in / /ideas/1; do
  curl -sf "http://127.0.0.1:$port$path" -o "$checks/page.html" || fail "GET $path failed"
  cmp -s "$checks/page.html" "$index" || fail "GET $path is not the portal's index.html"
done
signed="$(curl -s -H 'Content-Type: application/json' \
  -d "{\"email\":\"ada@example.com\",\"password\":\"$password\",\"bearer\":true}" \
  "http://127.0.0.1:$port/api/auth/sign_in")"
token="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$signed" 2>/dev/null)" ||
  fail "the admin could not sign in: $signed"
log "port $port: /healthz 200, / and /ideas/1 serve the portal's index.html, the admin signs in"
stop_server
grep -q 'board checkpointed' "$server_log" || fail "no checkpoint in $server_log"
# Checkpointed: the board file alone, without its write-ahead log, holds what the
# server wrote last (the admin's session of that sign-in).
alone="$state/alone.board"
in_root install -o "$user" -g "$user" -m 0640 "$board" "$alone"
start_server alone IDEABOARD_BOARD="$alone"
reply="$(health)"
[[ "$reply" == *' 200' ]] || fail "the board file alone did not open: $reply"
reply="$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/auth/session")"
grep -q '"displayName":"Ada"' <<<"$reply" || fail "the board file alone lacks the session: $reply"
stop_server
rm -rf "$root$alone" "$root$alone"-* "$root$alone.backups"
log "SIGTERM: exit 0, the board checkpointed (the file alone has the last session)"

# --- under systemd itself: the installed system booted with systemd-nspawn ---
# (its own network namespace, so the packaged 127.0.0.1:8080 is free in it). The
# service was enabled by postinst, so it starts at boot.
# The container's init: pid 1 in its own namespace, with the mark nspawn set on it.
container_init() {
  local proc
  for proc in /proc/[0-9]*; do
    grep -q $'^NSpid:.*\t1$' "$proc/status" 2>/dev/null || continue
    { tr '\0' '\n' <"$proc/environ"; } 2>/dev/null | grep -qx "IDEABOARD_DEB_CHECK=$root" || continue
    echo "${proc#/proc/}"
    return 0
  done
  return 1
}
in_boot() {
  nsenter -t "$init_pid" -a /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}
# The host's curl in the container's network namespace.
curl_in_boot() { nsenter -t "$init_pid" -n curl "$@"; }
service_show() { in_boot systemctl show -P "$1" ideaboard-server.service; }

if ! command -v systemd-nspawn >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd-container \
    >>"$checks/apt.log" 2>&1 || true
fi
if ! command -v systemd-nspawn >/dev/null; then
  log "no systemd-nspawn here: the unit was checked by hand above, not under systemd"
else
  log "booting the installed system under systemd (systemd-nspawn)"
  in_root apt-get install -y --no-install-recommends systemd-sysv dbus >>"$checks/apt.log" 2>&1 ||
    fail "could not install systemd-sysv and dbus in the chroot; see $checks/apt.log"
  # A real system has no policy forbidding service starts: the maintainer scripts'
  # start, restart and stop run for real from here on.
  rm -f "$root/usr/sbin/policy-rc.d"
  # The booted system's /tmp is a fresh tmpfs.
  cp "$deb" "$root/var/tmp/"
  # nspawn mounts its own /proc, /sys and /dev; the chroot's would hide them.
  clean_debian_unmount || fail "could not unmount the chroot's /proc, /sys and /dev"
  systemd-nspawn --quiet --register=no --keep-unit --private-network -D "$root" --boot \
    --setenv=IDEABOARD_DEB_CHECK="$root" --console=pipe >"$checks/boot.log" 2>&1 &
  nspawn_pid=$!
  started=$SECONDS
  until init_pid="$(container_init)"; do
    kill -0 "$nspawn_pid" 2>/dev/null || fail "systemd-nspawn exited; see $checks/boot.log"
    [ $((SECONDS - started)) -lt "$START_TIMEOUT" ] || fail "the container's systemd did not start"
    sleep 0.2
  done
  in_system() { in_boot "$@"; }
  until [[ "$(in_boot systemctl is-system-running 2>/dev/null || true)" =~ ^(running|degraded)$ ]]; do
    [ $((SECONDS - started)) -lt $((START_TIMEOUT * 3)) ] ||
      fail "the container did not finish booting: $(in_boot systemctl is-system-running || true)"
    sleep 0.5
  done
  log "booted in $((SECONDS - started)) s: $(in_boot systemctl is-system-running || true)"

  booted_healthy() {
    local what="$1" reply started=$SECONDS
    until reply="$(curl_in_boot -s -w ' %{http_code}' http://127.0.0.1:8080/healthz)" &&
      [[ "$reply" == *' 200' ]]; do
      [ "$(service_show ActiveState)" != failed ] || fail "$what: the service failed: $(in_boot journalctl -u ideaboard-server --no-pager | tail -20)"
      [ $((SECONDS - started)) -lt "$START_TIMEOUT" ] || fail "$what: /healthz said '$reply'"
      sleep 0.3
    done
  }
  [ "$(in_boot systemctl is-enabled ideaboard-server.service)" = enabled ] || fail "the unit is not enabled"
  booted_healthy "at boot"
  main_pid="$(service_show MainPID)"
  status="$(in_boot cat "/proc/$main_pid/status")"
  # (Not /proc/PID's owner: a process that changed its user is root's there.)
  grep -Eq "^Uid:([[:space:]]+$(in_boot id -u "$user")){4}\$" <<<"$status" ||
    fail "the service (pid $main_pid) does not run as $user: $(grep ^Uid <<<"$status")"
  grep -q '^NoNewPrivs:[[:space:]]*1' <<<"$status" || fail "the service can gain privileges"
  grep -q '^Seccomp:[[:space:]]*2' <<<"$status" || fail "the service has no system-call filter"
  in_boot systemd-analyze security ideaboard-server.service >"$checks/security.log" 2>&1 || true
  log "started at boot by systemd: /healthz 200 on 127.0.0.1:8080, as $user, NoNewPrivs and seccomp on; $(tail -1 "$checks/security.log" | sed 's/^→ //')"

  log "installing it again with the service running (postinst restarts it)"
  in_boot dpkg -i "/var/tmp/$(basename "$deb")" >>"$checks/apt-install.log" 2>&1 ||
    fail "installing over itself failed; see $checks/apt-install.log"
  [ "$(service_show MainPID)" != "$main_pid" ] || fail "the service was not restarted by the upgrade"
  booted_healthy "after the upgrade"

  in_boot systemctl stop ideaboard-server.service
  [ "$(service_show Result)" = success ] || fail "systemctl stop: Result=$(service_show Result)"
  [ "$(service_show ExecMainStatus)" = 0 ] || fail "systemctl stop: exit status $(service_show ExecMainStatus)"
  in_boot journalctl -u ideaboard-server.service --no-pager >"$checks/journal.log" 2>&1 || true
  grep -q 'board checkpointed' "$checks/journal.log" || fail "no checkpoint in the journal; see $checks/journal.log"
  in_boot systemctl start ideaboard-server.service
  booted_healthy "after systemctl start"
  log "upgrade restarts it; systemctl stop: SIGTERM, exit 0, the board checkpointed (journal)"
fi

in_system apt-get remove -y "$PACKAGE" >>"$checks/apt.log" 2>&1 || fail "apt-get remove failed"
if [ -n "$nspawn_pid" ]; then
  [ "$(service_show ActiveState)" = inactive ] || fail "remove left the service $(service_show ActiveState)"
fi
in_system test ! -e /usr/bin/ideaboard-server || fail "remove left the binary"
in_system test -f "$board" || fail "remove deleted the board"
in_system test -f "$config" || fail "remove deleted the conffile"
in_system getent passwd "$user" >/dev/null || fail "remove deleted the user"
in_system apt-get purge -y "$PACKAGE" >>"$checks/apt.log" 2>&1 || fail "apt-get purge failed"
in_system test ! -e "$state" || fail "purge left $state"
in_system test ! -e "$config" || fail "purge left $config"
in_system test ! -e /etc/systemd/system/multi-user.target.wants/ideaboard-server.service ||
  fail "purge left the unit enabled"
log "remove stops the service and keeps the board, the conffile and the user; purge deletes $state and $config"
halt_container
log "passed: $PACKAGE installs on a clean Debian $SUITE and serves"
