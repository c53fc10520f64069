#!/usr/bin/env bash
# The app side of the benchmarks (BENCHMARKS.md): time from launching the desktop app
# on a board to the first idea list painted, and the app's memory after scrolling
# 1,000 ideas, under Xvfb through WebDriver. The board is copied first and never
# touched. Usage: scripts/bench-app.sh [--debug] BOARD   (e.g. `ideaboard-stress seed-scale`)
# Measures the release build, as users run it, unless --debug is given.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
profile=release
if [ "${1:-}" = --debug ]; then
  profile=debug
  shift
fi
board="${1:?usage: scripts/bench-app.sh [--debug] BOARD}"
[ -f "$board" ] || { echo "bench-app: no board at $board" >&2; exit 1; }

work="$(mktemp -d -t ideaboard-bench-app.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$board" "$work/bench.board"
[ -f "$board-wal" ] && cp "$board-wal" "$work/bench.board-wal"

npm --prefix ui run build >/dev/null
IDEABOARD_APP_PROFILE="$profile" IDEABOARD_BOARD="$work/bench.board" IDEABOARD_E2E_SCRIPT=tests/e2e/bench/app-bench.mjs bash scripts/e2e.sh
