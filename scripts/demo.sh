#!/usr/bin/env bash
# Builds Ideaboard and opens it. On first run the app creates its default board with
# demo data. Without a display it runs on a virtual one (xvfb-run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

echo "== Building the UI"
npm --prefix ui run build

# A debug build: it shares every artifact with scripts/test.sh, so trying the demo
# after running the tests (or the other way round) compiles nothing twice, and the
# demo board is small enough that the unoptimised app is quick.
echo "== Building the app"
cargo build -p ideaboard-app
app="${CARGO_TARGET_DIR:-$PWD/target}/debug/ideaboard-app"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "== No display found: starting Ideaboard on a virtual X display (xvfb-run); nothing will be visible."
  exec xvfb-run -a -s "-screen 0 1400x900x24" "$app" "$@"
fi
echo "== Starting Ideaboard"
exec "$app" "$@"
