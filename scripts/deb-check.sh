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

SCREEN=1400x900x24
BOARD_TIMEOUT=180 # seconds for the first run to build the demo board
ALIVE_FOR=10      # seconds the app must then stay up

log() { echo "deb-check: $*"; }
fail() {
  echo "deb-check: FAILED: $*" >&2
  exit 1
}

# shellcheck source=scripts/lib/clean-debian.sh
source scripts/lib/clean-debian.sh

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

mkdir -p "$out"
rm -f "$out/screenshot.png" "$out/app.log"

xvfb_pid=""
app_pid=""
clean_debian_stop() {
  stop_pid "$app_pid"
  stop_pid "$xvfb_pid"
}
clean_debian_base
clean_debian_root "$out/apt.log"

clean_debian_install "$deb" "$app_binary" "$out/apt-install.log"
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
