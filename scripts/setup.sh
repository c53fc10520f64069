#!/usr/bin/env bash
# Installs what building and testing Ideaboard needs on Debian/Ubuntu, and only what is
# missing: system packages, Rust, tauri-driver and the npm dependencies. Quiet when
# everything is present; safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export DEBIAN_FRONTEND=noninteractive
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver imagemagick fonts-noto-cjk fonts-noto-color-emoji
  dbus
  # The web portal's suite (scripts/web-e2e.sh): headless Chromium and its WebDriver.
  chromium chromium-driver
)
NODE_MIN_MAJOR=20
NODE_MIN_MINOR=19

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo --preserve-env=DEBIAN_FRONTEND "$@"
  else
    echo "setup: need root (or sudo) to run: $*" >&2
    exit 1
  fi
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

node_is_recent() {
  command -v node >/dev/null || return 1
  local version major minor
  version="$(node -p 'process.versions.node')"
  major="${version%%.*}"
  minor="$(echo "$version" | cut -d. -f2)"
  [ "$major" -gt "$NODE_MIN_MAJOR" ] ||
    { [ "$major" -eq "$NODE_MIN_MAJOR" ] && [ "$minor" -ge "$NODE_MIN_MINOR" ]; }
}

install_system_packages() {
  local missing=() package
  for package in "${APT_PACKAGES[@]}"; do
    installed "$package" || missing+=("$package")
  done
  if ! command -v node >/dev/null; then
    missing+=(nodejs npm)
  fi
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "setup: installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq "${missing[@]}"
}

check_node() {
  if ! node_is_recent; then
    echo "setup: Node.js >= ${NODE_MIN_MAJOR}.${NODE_MIN_MINOR} is required (found: $(node --version 2>/dev/null || echo none))." >&2
    echo "setup: this distribution's nodejs package is too old; install Node 20.19+ or 22 LTS" >&2
    echo "setup: (for example from the NodeSource or nvm releases), then run this script again." >&2
    exit 1
  fi
}

install_rust() {
  if ! command -v cargo >/dev/null; then
    echo "setup: installing Rust (rustup, stable toolchain)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
      sh -s -- -y --profile minimal --component rustfmt,clippy
    export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  fi
  if command -v rustup >/dev/null; then
    local installed_components component
    installed_components="$(rustup component list --installed 2>/dev/null || true)"
    for component in rustfmt clippy; do
      if ! grep -q "^$component" <<<"$installed_components"; then
        echo "setup: adding rustup component $component"
        rustup component add "$component"
      fi
    done
  fi
}

install_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
}

# npm ci when node_modules is missing or older than the lock file.
install_npm_dependencies() {
  local dir stamp
  for dir in ui tests/e2e; do
    stamp="$dir/node_modules/.setup-stamp"
    if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
      echo "setup: npm ci in $dir"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      mkdir -p "$dir/node_modules"
      touch "$stamp"
    fi
  done
}

install_system_packages
check_node
install_rust
install_tauri_driver
install_npm_dependencies
