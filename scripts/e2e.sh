#!/usr/bin/env bash
# Runs the WebDriver end-to-end suite against the real app: builds the debug binary,
# isolates every XDG dir in a temp dir, starts Xvfb and tauri-driver (which spawns
# WebKitWebDriver) on free loopback ports, runs `node --test` and always stops what it started
# with SIGTERM. Exits with the suite's status. The UI must have been built before.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

SCREEN="1400x900x24"

LOG_PREFIX=e2e
# shellcheck source=lib/processes.sh
. scripts/lib/processes.sh

[ -f ui/dist/index.html ] || fail "ui/dist is missing: run 'npm --prefix ui run build' first"
for tool in Xvfb tauri-driver WebKitWebDriver import node dbus-daemon chromium chromedriver; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/setup.sh"
done

# Debug for the suites (it shares the test build's artifacts); scripts/bench-app.sh
# may ask for the release build that users run.
profile="${IDEABOARD_APP_PROFILE:-debug}"
log "building the app and the CLI ($profile)"
if [ "$profile" = release ]; then
  cargo build --release -p ideaboard-app -p ideaboard-cli
else
  cargo build -p ideaboard-app -p ideaboard-cli
fi
export IDEABOARD_APP="${CARGO_TARGET_DIR:-$repo/target}/$profile/ideaboard-app"
export IDEABOARD_CLI="${CARGO_TARGET_DIR:-$repo/target}/$profile/ideaboard-cli"
# The server the app joins (tests/e2e/join.test.mjs): $IDEABOARD_SERVER_BIN, else the
# debug one the cargo tests built (scripts/test.sh runs them first); built here only
# when there is none (in a build of its own: joined to the app's, it would change
# the features of the app's dependencies and rebuild them).
if [ -n "${IDEABOARD_SERVER_BIN:-}" ]; then
  export IDEABOARD_SERVER="$IDEABOARD_SERVER_BIN"
else
  export IDEABOARD_SERVER="${CARGO_TARGET_DIR:-$repo/target}/debug/ideaboard-server"
  if [ ! -x "$IDEABOARD_SERVER" ]; then
    log "building the server"
    cargo build -p ideaboard-server
  fi
fi
[ -x "$IDEABOARD_APP" ] || fail "no app binary at $IDEABOARD_APP"

tmp="$(mktemp -d -t ideaboard-e2e.XXXXXX)"
export IDEABOARD_E2E_TMP="$tmp"
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# Software rendering: the GPU compositing path draws nothing useful under Xvfb.
export WEBKIT_DISABLE_COMPOSITING_MODE=1
export LIBGL_ALWAYS_SOFTWARE=1
export NO_AT_BRIDGE=1
# No session bus for the suites but the last (see the reliability phase below).
unset DBUS_SESSION_BUS_ADDRESS

xvfb_pid=""
driver_pid=""
driver_children=""
bus_pid=""

stop_driver() {
  if [ -n "$driver_pid" ]; then
    # WebKitWebDriver is tauri-driver's child; remember it before its parent goes.
    driver_children="$(pgrep -P "$driver_pid" || true)"
    stop "$driver_pid" tauri-driver
    for child in $driver_children; do stop "$child" WebKitWebDriver; done
    driver_pid=""
  fi
}

stop_all() {
  stop_driver
  stop "$bus_pid" dbus-daemon
  stop "$xvfb_pid" Xvfb
}
stop_on_exit stop_all

# Two free loopback ports: tauri-driver's, and WebKitWebDriver's behind it.
DRIVER_PORT="$(free_port)"
NATIVE_PORT="$(free_port)"
while [ "$NATIVE_PORT" = "$DRIVER_PORT" ]; do NATIVE_PORT="$(free_port)"; done

display=""
for n in $(seq 90 150); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display="$n"
    break
  fi
done
[ -n "$display" ] || fail "no free X display number in :90-:150"

log "starting Xvfb on :$display ($SCREEN)"
Xvfb ":$display" -screen 0 "$SCREEN" -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
wait_for Xvfb test -S "/tmp/.X11-unix/X$display"
export DISPLAY=":$display"

start_driver() {
  log "starting tauri-driver on port $DRIVER_PORT"
  tauri-driver --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" >>"$tmp/tauri-driver.log" 2>&1 &
  driver_pid=$!
  wait_for tauri-driver port_open "$DRIVER_PORT"
}
start_driver

export IDEABOARD_WEBDRIVER_URL="http://127.0.0.1:$DRIVER_PORT"
if [ -n "${IDEABOARD_E2E_SCRIPT:-}" ]; then
  # Another driver of the app (scripts/bench-app.sh) instead of the suites, in the
  # same isolated display, driver and XDG dirs.
  log "running $IDEABOARD_E2E_SCRIPT"
  node "$IDEABOARD_E2E_SCRIPT"
  exit $?
fi
log "running the suite"
set +e
# The foundation suite first (node --test would sort the files): it only reads, so
# its checks and screenshots see the untouched demo board; the suites after it add
# profiles, ideas and votes. Every other tests/e2e/*.test.mjs (adoption, fan, follow,
# search, team) runs between the two, in name order.
# The reliability suite last, on its own: it needs a session bus (two starts of the
# app on one board meet there), which the other suites must not have, lest an app
# still closing take the next suite's start for a second one.
RELIABILITY=tests/e2e/reliability.test.mjs
others=()
for suite in tests/e2e/*.test.mjs; do
  [ "$suite" = tests/e2e/foundation.test.mjs ] || [ "$suite" = "$RELIABILITY" ] || others+=("$suite")
done
node --test --test-concurrency=1 tests/e2e/foundation.test.mjs
status=$?
if [ "${#others[@]}" -gt 0 ]; then
  node --test --test-concurrency=1 "${others[@]}" || status=$?
fi
if [ -f "$RELIABILITY" ]; then
  stop_driver
  wait_for "the port to close" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$DRIVER_PORT) 2>/dev/null"
  log "starting a session bus for the reliability suite"
  dbus-daemon --session --nofork --nopidfile --address="unix:path=$tmp/bus" >"$tmp/dbus.log" 2>&1 &
  bus_pid=$!
  wait_for dbus-daemon test -S "$tmp/bus"
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/bus"
  start_driver
  node --test --test-concurrency=1 "$RELIABILITY" || status=$?
fi
set -e
exit "$status"
