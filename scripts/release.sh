#!/usr/bin/env bash
# Builds the release .deb: the UI (ui/dist, which tauri.conf.json's frontendDist
# points at; the config has no beforeBuildCommand), then `tauri build --bundles deb`
# with the pinned CLI from ui/node_modules. Prints the .deb's path and size.
#
#   scripts/release.sh            build the .deb
#   scripts/release.sh --check    build it, then check it: control fields and Depends,
#                                 the files it installs, and that every library the
#                                 extracted binary needs resolves on this machine
#   scripts/release.sh --check-only   check the .deb already built
#
# The long check (install on a clean Debian 12 and launch it) is scripts/deb-check.sh.
# Honours CARGO_TARGET_DIR; the .deb lands in <target>/release/bundle/deb/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

me=release
# shellcheck source=scripts/lib/deb-script.sh
source scripts/lib/deb-script.sh
deb_script_args "$@"

tauri=ui/node_modules/.bin/tauri
[ -x "$tauri" ] || fail "$tauri is missing: run scripts/setup.sh (npm ci in ui/)"
for tool in cargo node npm dpkg-deb strip; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/setup.sh"
done

target_dir="$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
version="$(node -p 'require("./src-tauri/tauri.conf.json").version')"
product="$(node -p 'require("./src-tauri/tauri.conf.json").productName')"
binary_name="$(node -p 'require("./src-tauri/tauri.conf.json").mainBinaryName')"
arch="$(dpkg --print-architecture)"
deb="$target_dir/release/bundle/deb/${product}_${version}_${arch}.deb"
binary="$target_dir/release/$binary_name"

if $build; then
  started=$SECONDS
  log "building the UI"
  npm --prefix ui run build

  # Compile first, strip, then bundle: the deb bundler packs the binary as cargo left
  # it, symbols and all. Stripping the artifact (rather than setting a strip profile)
  # keeps the release build's cache shared with `cargo build --release`. The binary
  # is removed first so cargo links a fresh one: the bundler stamps its bundle type
  # into the binary only once, and an earlier `tauri bundle` (say, an AppImage try)
  # would otherwise leave its stamp in the .deb.
  log "building the app (release)"
  rm -f "$deb" "$binary"
  "$tauri" build --ci --no-bundle
  strip --strip-all "$binary"
  log "bundling the .deb"
  "$tauri" bundle --ci --bundles deb
  log "built in $((SECONDS - started)) s"
fi

[ -f "$deb" ] || fail "no .deb at $deb"
size="$(stat -c %s "$deb")"
log "deb: $deb"
log "size: $size bytes ($(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1000000 }'))"

$check || exit 0

# --- the fast check: what a user's apt would see, without installing anything ---
log "checking $deb"
info="$(dpkg-deb -I "$deb")"
echo "$info" | sed -n '/Package:/,$p'
contents="$(dpkg-deb -c "$deb")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "$(echo "$product" | tr '[:upper:]' '[:lower:]')" ] ||
  fail "unexpected Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version), expected $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is $(field Architecture), expected $arch"
depends="$(field Depends)"
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
  grep -Eq "(^|, *)$needed( |,|$)" <<<"$depends" || fail "Depends lacks $needed: '$depends'"
done

has_file() { grep -Eq " (\./)?$1\$" <<<"$contents" || fail "the .deb does not install /$1"; }
has_file "usr/bin/$binary_name"
has_file "usr/share/applications/$product.desktop"
has_file "usr/share/icons/hicolor/128x128/apps/$binary_name.png"

tmp="$(mktemp -d -t ideaboard-release.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
app="$tmp/usr/bin/$binary_name"
[ -x "$app" ] || fail "/usr/bin/$binary_name in the .deb is not executable"
file -b "$app" | grep -q 'not stripped' && fail "/usr/bin/$binary_name is not stripped"
grep -aq __TAURI_BUNDLE_TYPE_VAR_DEB "$app" ||
  fail "/usr/bin/$binary_name is not stamped as a deb build: rerun scripts/release.sh"

desktop="$tmp/usr/share/applications/$product.desktop"
grep -qx "Exec=$binary_name" "$desktop" || fail "the .desktop entry does not run $binary_name"
grep -qx "Icon=$binary_name" "$desktop" || fail "the .desktop entry has no Icon=$binary_name"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" || fail "desktop-file-validate rejects the .desktop entry"
fi

# Every shared library the binary asks for must resolve. (On this build machine they
# all do through the -dev packages; the clean-install proof is deb-check.sh.)
libraries="$(ldd "$app" 2>&1)" || fail "ldd $app failed: $libraries"
missing="$(grep 'not found' <<<"$libraries" || true)"
[ -z "$missing" ] || fail "libraries that do not resolve:
$missing"
log "ldd: $(wc -l <<<"$libraries") libraries, all resolved"
log "check passed: Depends: $depends"
