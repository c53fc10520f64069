# Shell helpers of the suites' scripts (e2e.sh, web-e2e.sh): saying what they do,
# stopping what they started, waiting for it to come up, finding free loopback
# ports. Sourced after setting LOG_PREFIX.

log() { echo "$LOG_PREFIX: $*"; }
fail() {
  echo "$LOG_PREFIX: $*" >&2
  exit 1
}

# SIGTERM, wait up to 5 s, and only then SIGKILL as a last resort.
stop() {
  local pid="$1" name="$2" waited=0
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name ($pid) ignored SIGTERM for 5 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# stop_on_exit STOPPER: on the script's exit, INT and TERM included, calls STOPPER
# (which stops what the script started), keeps the run's temp dir ($tmp) for its logs
# when the run failed (or with IDEABOARD_KEEP_TMP=1), removes it otherwise, and exits
# with the run's status.
stop_on_exit() {
  EXIT_STOPPER="$1"
  trap finish_run EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

finish_run() {
  local status=$?
  trap - EXIT INT TERM
  "$EXIT_STOPPER"
  if [ "$status" -ne 0 ]; then
    log "logs kept in $tmp"
  elif [ "${IDEABOARD_KEEP_TMP:-0}" != 1 ]; then
    rm -rf "$tmp"
  fi
  exit "$status"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for WHAT COMMAND...: runs COMMAND every 0.1 s until it succeeds, for at most
# WAIT_FOR_SECONDS (10 by default).
wait_for() {
  local what="$1" seconds="${WAIT_FOR_SECONDS:-10}" tries
  shift
  tries=$((seconds * 10))
  until "$@"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || fail "$what did not come up within $seconds s"
    sleep 0.1
  done
}

# A loopback port nothing listens on (two checkouts can run their suites at once).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    port_open "$port" || { echo "$port"; return 0; }
  done
  fail "no free loopback port found"
}
