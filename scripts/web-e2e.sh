#!/usr/bin/env bash
# Runs the web portal's end-to-end suite (tests/web) in headless Chromium against the
# real server: builds the UI and ideaboard-server, starts the server with --demo on a
# temp board, serving a copy of the built UI, on a free loopback port, creates the
# moderator's account, starts chromedriver on another free loopback port, runs
# `node --test tests/web/*.test.mjs`, and always stops what it started (SIGTERM
# first). Exits with the suite's status.
#
#   bash scripts/web-e2e.sh                         # the suite
#   IDEABOARD_SCREENSHOTS=1 bash scripts/web-e2e.sh # also writes docs/screenshots/web-*.png
#   IDEABOARD_WEB_DIST=DIR bash scripts/web-e2e.sh  # serves DIR, a UI already built (no UI build)
#   IDEABOARD_SERVER_BIN=FILE ...                    # runs FILE, a server already built (no cargo build)
#   IDEABOARD_WEB_TESTS="tests/web/xss.test.mjs" ... # runs only these suite files
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The whole run, builds excluded, is bounded: a hung browser must not hold CI.
SUITE_TIMEOUT="${IDEABOARD_WEB_TIMEOUT:-300}"

LOG_PREFIX=web-e2e
# shellcheck source=lib/processes.sh
. scripts/lib/processes.sh
# A debug server creates its demo board and a fresh Chromium starts in well under 30 s.
export WAIT_FOR_SECONDS=30

for tool in chromium chromedriver node npm cargo timeout; do
  command -v "$tool" >/dev/null || fail "$tool not found: run scripts/setup.sh"
done

dist="${IDEABOARD_WEB_DIST:-}"
if [ -z "$dist" ]; then
  log "building the UI"
  npm --prefix ui run build >/dev/null
  dist=ui/dist
fi
[ -f "$dist/index.html" ] || fail "no built UI in $dist"
server_bin="${IDEABOARD_SERVER_BIN:-}"
if [ -z "$server_bin" ]; then
  log "building ideaboard-server"
  cargo build -p ideaboard-server
  server_bin="${CARGO_TARGET_DIR:-$repo/target}/debug/ideaboard-server"
fi
[ -x "$server_bin" ] || fail "no server binary at $server_bin"

tmp="$(mktemp -d -t ideaboard-web-e2e.XXXXXX)"
export IDEABOARD_WEB_TMP="$tmp"
server_pid=""
driver_pid=""

# The main process of each Chromium this run started (found by its profile dir, which
# lies in this run's temp dir; the browser's helpers carry a --type).
browsers() {
  local pid
  for pid in $(pgrep -f -- "--user-data-dir=$tmp/chromium-" || true); do
    ps -o args= -p "$pid" 2>/dev/null | grep -q -- "--type=" || echo "$pid"
  done
}

stop_all() {
  # chromedriver leaves the browsers of sessions still open (a failed or timed-out
  # suite) running when it stops; once it is gone they are stopped too.
  local open_browsers
  open_browsers="$(browsers)"
  stop "$driver_pid" chromedriver
  for browser in $open_browsers $(browsers); do stop "$browser" chromium; done
  stop "$server_pid" ideaboard-server
  # The XSS suite runs a server of its own (a board with only its payloads); it stops
  # it itself, unless the suite was cut short.
  for pidfile in "$tmp"/*-server.pid; do
    [ -f "$pidfile" ] && stop "$(cat "$pidfile")" "$(basename "$pidfile" .pid)"
  done
}
stop_on_exit stop_all

# A copy of the portal's files: a UI build started meanwhile cannot pull them from under it.
cp -r "$dist" "$tmp/web"

# The server picks its own free port (port 0) and says which on its first line.
board="$tmp/portal.board"
log "starting ideaboard-server on a demo board"
RUST_LOG="${RUST_LOG:-warn}" "$server_bin" --board "$board" --demo --listen 127.0.0.1:0 --web "$tmp/web" \
  >"$tmp/server.out" 2>"$tmp/server.log" &
server_pid=$!
server_listening() { grep -q 'listening on http://' "$tmp/server.out"; }
wait_for ideaboard-server server_listening
portal="$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$tmp/server.out" | head -n1)"
healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$portal/healthz")" = 200 ]; }
wait_for "the server's health" healthy
export IDEABOARD_PORTAL_URL="$portal"
# For a suite that needs a server of its own (tests/web/xss.test.mjs, and
# tests/web/reconnect.test.mjs, which kills and restarts it), the same binary and
# portal; each writes its server's pid to $tmp/<suite>-server.pid.
export IDEABOARD_SERVER_BIN="$server_bin"
export IDEABOARD_WEB_DIR="$tmp/web"

# The moderator's account, made the way an operator makes the first admin.
export IDEABOARD_MODERATOR_NAME="Mia Chen"
export IDEABOARD_MODERATOR_EMAIL="mia.chen@example.com"
export IDEABOARD_MODERATOR_PASSWORD="planning the next season $$"
IDEABOARD_ADMIN_PASSWORD="$IDEABOARD_MODERATOR_PASSWORD" "$server_bin" --board "$board" admin create \
  --name "$IDEABOARD_MODERATOR_NAME" --email "$IDEABOARD_MODERATOR_EMAIL" >>"$tmp/server.out"

DRIVER_PORT="$(free_port)"
log "starting chromedriver on port $DRIVER_PORT"
chromedriver --port="$DRIVER_PORT" --log-path="$tmp/chromedriver.log" >/dev/null 2>&1 &
driver_pid=$!
wait_for chromedriver port_open "$DRIVER_PORT"
export IDEABOARD_WEBDRIVER_URL="http://127.0.0.1:$DRIVER_PORT"
export IDEABOARD_CHROMIUM="${IDEABOARD_CHROMIUM:-$(command -v chromium)}"

log "running the suite against $portal"
started=$SECONDS
set +e
# --foreground keeps node in this process group (scripts/test.sh stops the group).
# shellcheck disable=SC2086 # a list of files
timeout --foreground --signal=TERM "$SUITE_TIMEOUT" node --test --test-concurrency=1 ${IDEABOARD_WEB_TESTS:-tests/web/*.test.mjs}
status=$?
set -e
[ "$status" -ne 124 ] || log "the suite ran out of its ${SUITE_TIMEOUT} s"
log "the suite took $((SECONDS - started)) s"
exit "$status"
