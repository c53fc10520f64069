#!/usr/bin/env bash
# The full check: UI lint/types/unit tests/build, Rust fmt/clippy/tests, the
# end-to-end suite, then the release .deb with the web portal's suite beside it.
# Stops at the first failing step with its exit status.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Each step's header says how long the run has taken so far (the whole must stay
# well under CI's limit; these show where the time goes).
step() {
  echo
  echo "==== $* ==== ($((SECONDS / 60))m$((SECONDS % 60))s in)"
}

step "setup"
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

step "ui: lint"
npm --prefix ui run lint
step "ui: check"
npm --prefix ui run check
step "ui: unit tests"
npm --prefix ui test
step "ui: build"
npm --prefix ui run build

step "rust: fmt"
cargo fmt --all -- --check
step "rust: clippy"
cargo clippy --workspace --all-targets -- -D warnings
# The Tauri registrations and the TypeScript client are generated from the contract
# (crates/api); a stale or hand-edited one fails here, naming the file.
step "contract: generated files are fresh"
cargo run --quiet -p ideaboard-api --bin ideaboard-api-gen -- --check
# The short fuzz run (crates/core/tests/fuzz.rs) replays one fixed seed here, so the
# test command's verdict does not depend on the clock; the long run draws new seeds.
export IDEABOARD_FUZZ_SEED="${IDEABOARD_FUZZ_SEED:-20261130}"
if cargo nextest --version >/dev/null 2>&1; then
  step "rust: tests (nextest)"
  cargo nextest run --workspace
  step "rust: doc tests"
  cargo test --workspace --doc
else
  step "rust: tests"
  cargo test --workspace
fi

step "end-to-end"
bash scripts/e2e.sh

# The web portal in headless Chromium against the real server (a minute or two) runs
# beside the release build, which is mostly the compiler's time. It serves a copy of
# the UI built above (the release build builds ui/dist again) and runs the server the
# cargo tests built (a build of that package alone would compile its dependencies
# again with other features). Its output comes after the release step's, whole.
step "web portal end-to-end (beside the release build below)"
web_dist="$(mktemp -d -t ideaboard-web-dist.XXXXXX)"
cp -r ui/dist/. "$web_dist"
web_log="$web_dist.log"
web_server="${CARGO_TARGET_DIR:-$PWD/target}/debug/ideaboard-server"
[ -x "$web_server" ] || web_server=""
# In a process group of its own (its pid is the group's id), so that a failing release
# step can stop the suite and everything it started at once.
IDEABOARD_WEB_DIST="$web_dist" IDEABOARD_SERVER_BIN="$web_server" setsid bash scripts/web-e2e.sh >"$web_log" 2>&1 &
web_pid=$!
stop_web_suite() {
  kill -TERM -- "-$web_pid" 2>/dev/null || true
  wait "$web_pid" 2>/dev/null || true
  rm -rf "$web_dist"
  echo "test: the web portal's suite was stopped; its output so far: $web_log" >&2
}
trap stop_web_suite EXIT

# The release .deb: built, then checked without installing it (Depends, the files it
# installs, every library of its binary resolves). The clean-Debian install and launch
# is the long check: sudo scripts/deb-check.sh (see the README's Release section).
step "release: build and check the .deb"
bash scripts/release.sh --check

step "web portal end-to-end: result"
web_status=0
wait "$web_pid" || web_status=$?
trap - EXIT
cat "$web_log"
rm -rf "$web_dist" "$web_log"
echo "test: done in $((SECONDS / 60))m$((SECONDS % 60))s (status $web_status)"
exit "$web_status"
