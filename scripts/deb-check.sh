#!/usr/bin/env bash
# The long release check: installs the .deb on a clean Debian 12 and launches it.
#
#   scripts/deb-check.sh [path/to/ideaboard.deb]    (needs root; default: the .deb
#                                                    scripts/release.sh built)
#
# 1. A minimal Debian 12 (debootstrap --variant=minbase) is made once and cached in
#    $IDEABOARD_DEB_CHECK_CACHE (default /var/cache/ideaboard-deb-check), from the
#    same Debian mirror as this machine's apt sources. Every run works on a fresh
#    copy of it, so each install starts clean; downloaded packages are cached too.
# 2. `apt-get install --no-install-recommends ./<the .deb>` in the copy: apt pulls
#    only what the .deb's Depends name, so a missing dependency fails here, or in the
#    `ldd` check that follows.
# 3. Then its Recommends (as apt adds them by default), Xvfb and ImageMagick, a user,
#    and `ideaboard-app` as that user on the virtual display. The check passes when
#    the app has created its demo board, is still running 10 s later and the screen
#    is not blank. The screenshot, the app's log and apt's logs land in
#    <cargo target dir>/deb-check/ (or $IDEABOARD_DEB_CHECK_OUT): look at the picture.
#
# Everything mounted and started is unmounted and stopped on exit, failure or not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:/usr/sbin:/sbin:$PATH"

SUITE=bookworm
SCREEN=1400x900x24
BOARD_TIMEOUT=180 # seconds for the first run to build the demo board
ALIVE_FOR=10      # seconds the app must then stay up

log() { echo "deb-check: $*"; }
fail() {
  echo "deb-check: FAILED: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mounts)"

target_dir() {
  cargo metadata --format-version 1 --no-deps |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))'
}

if [ $# -ge 1 ]; then
  deb="$(realpath "$1")"
  out="${IDEABOARD_DEB_CHECK_OUT:-$(dirname "$deb")/deb-check}"
else
  target="$(target_dir)"
  version="$(node -p 'require("./src-tauri/tauri.conf.json").version')"
  product="$(node -p 'require("./src-tauri/tauri.conf.json").productName')"
  deb="$target/release/bundle/deb/${product}_${version}_$(dpkg --print-architecture).deb"
  out="${IDEABOARD_DEB_CHECK_OUT:-$target/deb-check}"
fi
[ -f "$deb" ] || fail "no .deb at $deb: run scripts/release.sh first"
package="$(dpkg-deb -f "$deb" Package)"
app_binary="$(dpkg-deb -c "$deb" | awk '$6 ~ /^(\.\/)?usr\/bin\/./ { sub(/^(\.\/)?/, "/", $6); print $6; exit }')"
[ -n "$app_binary" ] || fail "$deb installs nothing in /usr/bin"
identifier="$(node -p 'require("./src-tauri/tauri.conf.json").identifier')"

cache="${IDEABOARD_DEB_CHECK_CACHE:-/var/cache/ideaboard-deb-check}"
mkdir -p "$cache/archives/partial" "$out"
rm -f "$out/screenshot.png" "$out/app.log"

# The Debian mirror this machine's apt uses for $SUITE (deb822 .sources or one-line
# .list), so the chroot pulls from the same place; IDEABOARD_DEB_MIRROR overrides.
host_uri_for_suite() {
  local suite="$1" files=()
  shopt -s nullglob
  files=(/etc/apt/sources.list.d/*.sources)
  if [ "${#files[@]}" -gt 0 ]; then
    awk -v want="$suite" '
      function flush() { if (uri != "" && (" " suites " ") ~ (" " want " ")) { print uri; found = 1; exit } uri = ""; suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { $1 = ""; suites = $0 }
      END { if (!found) flush() }' "${files[@]}" | head -1
  fi
  files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  if [ "${#files[@]}" -gt 0 ]; then
    sed -E 's/\[[^]]*\]//' "${files[@]}" 2>/dev/null |
      awk -v want="$suite" '$1 == "deb" && $3 == want { print $2; exit }'
  fi
  shopt -u nullglob
}
mirror="${IDEABOARD_DEB_MIRROR:-$(host_uri_for_suite "$SUITE" | head -1)}"
[ -n "$mirror" ] || fail "no Debian $SUITE mirror in this machine's apt sources: set IDEABOARD_DEB_MIRROR"
security="${IDEABOARD_DEB_SECURITY_MIRROR:-$(host_uri_for_suite "$SUITE-security" | head -1)}"

if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } ||
    fail "cannot install debootstrap"
fi

# One run at a time: the base and the package cache are shared.
exec 9>"$cache/lock"
flock -n 9 || fail "another deb-check is running (lock $cache/lock)"

base="$cache/$SUITE-minbase"
if [ ! -f "$base/.complete" ]; then
  log "making a minimal Debian $SUITE from $mirror (once; cached in $base)"
  rm -rf --one-file-system "$base" "$base.partial"
  debootstrap --variant=minbase --cache-dir="$cache/archives" "$SUITE" "$base.partial" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 ||
    fail "debootstrap failed; see $cache/debootstrap.log"
  {
    echo "deb $mirror $SUITE main"
    echo "deb $mirror $SUITE-updates main"
    [ -z "$security" ] || echo "deb $security $SUITE-security main"
  } >"$base.partial/etc/apt/sources.list"
  # No daemons start inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' >"$base.partial/usr/sbin/policy-rc.d"
  chmod 755 "$base.partial/usr/sbin/policy-rc.d"
  rm -f "$base.partial"/var/cache/apt/archives/*.deb
  touch "$base.partial/.complete"
  mv "$base.partial" "$base"
fi

root="$(realpath "$(mktemp -d /var/tmp/ideaboard-deb-check.XXXXXX)")"
mounts=()
xvfb_pid=""
app_pid=""

# Processes whose root is the chroot: the app, its WebKit helpers, Xvfb, apt leftovers.
chroot_pids() {
  local proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && echo "${proc#/proc/}"
  done
  return 0
}

stop_pid() {
  local pid="$1" waited=0
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$? pid mount i clean=true
  stop_pid "$app_pid"
  stop_pid "$xvfb_pid"
  for pid in $(chroot_pids); do stop_pid "$pid"; done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mount="${mounts[$i]}"
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || {
      echo "deb-check: could not unmount $mount" >&2
      clean=false
    }
  done
  # Never delete through a mount that is still there.
  if $clean && ! grep -q " $root/" /proc/mounts; then
    rm -rf --one-file-system "$root"
  else
    echo "deb-check: left $root in place: something is still mounted there" >&2
    status=1
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_in() {
  local type="$1" what="$2" where="$root$3" options="${4:-}"
  mkdir -p "$where"
  if [ "$type" = bind ]; then
    mount --bind "$what" "$where"
  else
    mount -t "$type" ${options:+-o "$options"} "$what" "$where"
  fi
  mounts+=("$where")
}

log "fresh copy of the base in $root"
cp -a "$base/." "$root/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The chroot keeps its own /dev (debootstrap made the nodes); only pts and shm are new.
mount_in proc proc /proc
mount_in sysfs sysfs /sys ro
mount_in devpts devpts /dev/pts newinstance,ptmxmode=0666
mount_in tmpfs shm /dev/shm mode=1777
mount_in bind "$cache/archives" /var/cache/apt/archives

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

log "apt-get update ($mirror)"
in_root apt-get update -qq >"$out/apt.log" 2>&1 || fail "apt-get update in the chroot failed; see $out/apt.log"

cp "$deb" "$root/tmp/"
deb_in_root="/tmp/$(basename "$deb")"
log "installing $(basename "$deb") with its Depends only"
in_root apt-get install -y --no-install-recommends "$deb_in_root" >"$out/apt-install.log" 2>&1 ||
  fail "apt-get install of the .deb failed in a clean Debian $SUITE; see $out/apt-install.log"
pulled="$(grep -Eo '[0-9]+ newly installed' "$out/apt-install.log" | head -1 | cut -d' ' -f1 || true)"
log "installed $package: ${pulled:-?} new packages in all ($(grep -Eo 'After this operation, [^ ]+ [^ ]+' "$out/apt-install.log" | head -1 || true))"

in_root test -x "$app_binary" || fail "$app_binary is not installed"
libraries="$(in_root ldd "$app_binary" 2>&1)" || fail "ldd $app_binary failed: $libraries"
missing="$(grep 'not found' <<<"$libraries" || true)"
[ -z "$missing" ] || fail "with only its Depends installed, $app_binary misses:
$missing"
log "ldd: every library of $app_binary resolves"
desktop="$(in_root dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' || true)"
[ -n "$desktop" ] || fail "the package installs no .desktop entry"
in_root dpkg -L "$package" | grep -q '^/usr/share/icons/hicolor/.*\.png$' || fail "the package installs no icons"

# What `apt install ./<the .deb>` adds by default: the Recommends (a CJK font), first
# alternative of each. Then what the check itself needs to run and photograph the app.
recommends="$(dpkg-deb -f "$deb" Recommends | tr ',' '\n' | sed -E 's/\|.*//; s/\(.*\)//' | xargs)"
log "installing its Recommends (${recommends:-none}), Xvfb and ImageMagick"
# shellcheck disable=SC2086 # one word per package
in_root apt-get install -y --no-install-recommends $recommends xvfb xauth imagemagick >>"$out/apt.log" 2>&1 ||
  fail "could not install the Recommends, xvfb and imagemagick in the chroot; see $out/apt.log"
in_root useradd --create-home --shell /bin/bash fan

# -displayfd: X's abstract sockets are shared with the host, so let Xvfb pick a free
# display number rather than guessing one.
displayfd_file="$root/tmp/displayfd"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin \
  Xvfb -displayfd 3 -screen 0 "$SCREEN" -nolisten tcp 3>"$displayfd_file" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$displayfd_file" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb exited; see $out/xvfb.log"
  sleep 0.1
done
display=":$(tr -dc 0-9 <"$displayfd_file")"
[ "$display" != ":" ] || fail "Xvfb did not report its display"
log "Xvfb on $display"

board="$root/home/fan/.local/share/$identifier/default.board"
log "launching $app_binary as a user"
chroot --userspec=fan:fan "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/fan USER=fan \
  LANG=C.UTF-8 DISPLAY="$display" NO_AT_BRIDGE=1 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
  "$app_binary" >"$out/app.log" 2>&1 &
app_pid=$!
started=$SECONDS
until [ -f "$board" ]; do
  kill -0 "$app_pid" 2>/dev/null || fail "the app exited before creating its board; see $out/app.log"
  [ $((SECONDS - started)) -lt "$BOARD_TIMEOUT" ] || fail "no board after ${BOARD_TIMEOUT} s at ${board#"$root"}"
  sleep 0.5
done
log "board created after $((SECONDS - started)) s: ${board#"$root"} ($(stat -c %s "$board") bytes)"
sleep "$ALIVE_FOR"
kill -0 "$app_pid" 2>/dev/null || fail "the app died within ${ALIVE_FOR} s of creating its board; see $out/app.log"
log "app still running ${ALIVE_FOR} s later"

in_root env DISPLAY="$display" import -window root /tmp/screenshot.png ||
  fail "could not take a screenshot"
cp "$root/tmp/screenshot.png" "$out/screenshot.png"
colours="$(in_root identify -format '%k' /tmp/screenshot.png)"
[ "$colours" -ge 64 ] || fail "the screen looks blank ($colours colours); see $out/screenshot.png"
log "screenshot: $out/screenshot.png ($colours colours)"
log "passed: $package installs on a clean Debian $SUITE and runs"
