#!/usr/bin/env bash
# Runs the reverse-proxy configurations of docs/server-proxy.md for real, on
# loopback: the nginx and Caddy blocks are taken from the doc as written, with only
# the name (localhost), the ports (free loopback ones), the certificate (self-signed,
# made here) and the server's address swapped in.
#
#   scripts/proxy-check.sh          both (needs Debian's nginx and caddy installed)
#   scripts/proxy-check.sh nginx    one of them
#   scripts/proxy-check.sh caddy
#
# A demo `ideaboard-server --forwarded-for --secure-cookies` (debug build, or
# $IDEABOARD_SERVER) runs on a free loopback port; each proxy is checked first
# (`nginx -t`, `caddy validate`), then started in front of it, and through it:
# /healthz is 200, / is the portal, plain HTTP redirects to HTTPS, a sign-up's cookie
# is Secure, a body over the server's limit gets the server's JSON 413, and an idea
# submitted while /api/live is open arrives on that stream at once (no buffering).
# Everything started is stopped, and its directory removed, on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:/usr/sbin:/sbin:$PATH"

DOC=docs/server-proxy.md
WAIT=30 # seconds for anything started to answer

log() { echo "proxy-check: $*"; }
fail() {
  echo "proxy-check: FAILED: $*" >&2
  exit 1
}

proxies=("${@:-nginx caddy}")
read -r -a proxies <<<"${proxies[*]}"
for proxy in "${proxies[@]}"; do
  case "$proxy" in
    nginx | caddy) command -v "$proxy" >/dev/null || fail "$proxy is not installed (apt-get install $proxy)" ;;
    -h | --help)
      sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) fail "unknown proxy '$proxy' (nginx or caddy)" ;;
  esac
done
for tool in openssl curl python3; do
  command -v "$tool" >/dev/null || fail "$tool not found"
done

if [ -z "${IDEABOARD_SERVER:-}" ]; then
  log "building ideaboard-server"
  cargo build --quiet -p ideaboard-server
  target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
  IDEABOARD_SERVER="$target_dir/debug/ideaboard-server"
fi

tmp="$(mktemp -d -t ideaboard-proxy.XXXXXX)"
# nginx's workers run as another user and must reach their temp directories.
chmod 755 "$tmp"
pids=()
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# until_true SECONDS WHAT COMMAND...: runs COMMAND until it succeeds, or fails.
until_true() {
  local seconds="$1" what="$2" started=$SECONDS
  shift 2
  until "$@"; do
    [ $((SECONDS - started)) -lt "$seconds" ] || fail "$what: nothing within $seconds s"
    sleep 0.2
  done
}

# --- the server ---
web="$tmp/web"
mkdir -p "$web"
echo '<!doctype html><title>Ideaboard</title><p>the portal, through the proxy</p>' >"$web/index.html"
"$IDEABOARD_SERVER" --board "$tmp/board.board" --demo --listen 127.0.0.1:0 --web "$web" \
  --forwarded-for --secure-cookies >"$tmp/server.out" 2>"$tmp/server.log" &
pids+=($!)
until_true "$WAIT" "the server's address" grep -q 'listening on' "$tmp/server.out"
server="$(sed -n 's|.*listening on http://||p' "$tmp/server.out")"
until_true "$WAIT" "the server's /healthz" curl -sf -o /dev/null "http://$server/healthz"
log "ideaboard-server --forwarded-for --secure-cookies on $server"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>"$tmp/openssl.log" ||
  fail "openssl could not make a certificate; see $tmp/openssl.log"
chmod 644 "$tmp/key.pem"

# The doc's fenced block in language $1, as written.
doc_block() {
  awk -v fence="\`\`\`$1" '$0 == fence { on = 1; next } on && $0 == "```" { exit } on { print }' "$DOC"
}

# swap FILE FROM TO: replaces FROM (a fixed string) in FILE, failing if it is not there.
swap() {
  local file="$1" from="$2" to="$3"
  FROM="$from" TO="$to" python3 - "$file" <<'EOF' || fail "'$from' is not in the doc's block any more"
import os, sys
path = sys.argv[1]
text = open(path).read()
if os.environ["FROM"] not in text:
    sys.exit(1)
open(path, "w").write(text.replace(os.environ["FROM"], os.environ["TO"]))
EOF
}

# --- checks through a proxy on https://localhost:$1 (plain HTTP on $2) ---
through() {
  local name="$1" https="$2" http="$3" base reply cookie csrf live_pid idea
  base="https://localhost:$https"
  curl_tls() { curl -s --cacert "$tmp/cert.pem" --resolve "localhost:$https:127.0.0.1" "$@"; }

  until_true "$WAIT" "$name's /healthz" curl_tls -f -o /dev/null "$base/healthz"
  reply="$(curl_tls -w '%{http_code}' "$base/healthz")"
  [ "$reply" = '{"status":"ok"}200' ] || fail "$name: /healthz said $reply"
  curl_tls -f "$base/ideas/1" | cmp -s - "$web/index.html" || fail "$name: /ideas/1 is not the portal"
  reply="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --resolve "localhost:$http:127.0.0.1" \
    "http://localhost:$http/ideas/1")"
  [[ "$reply" =~ ^30[18]\ https://localhost[:/] ]] || fail "$name: plain HTTP answered '$reply', not a redirect to HTTPS"

  reply="$(curl_tls -D "$tmp/$name-head" -H 'Content-Type: application/json' \
    -d "{\"displayName\":\"Fan\",\"email\":\"$name@example.com\",\"password\":\"a quiet morning espresso\"}" \
    "$base/api/auth/sign_up")"
  grep -qi '^set-cookie:.*; Secure' "$tmp/$name-head" || fail "$name: no Secure cookie on sign-up: $(cat "$tmp/$name-head")"
  cookie="$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$tmp/$name-head" | head -1)"
  csrf="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["csrfToken"])' "$reply")"

  head -c 1500000 /dev/zero | tr '\0' 'a' >"$tmp/big"
  reply="$(curl_tls -o "$tmp/$name-big" -w '%{http_code} %{content_type}' -H 'Content-Type: application/json' \
    -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" --data-binary "@$tmp/big" "$base/api/submit_idea")"
  [[ "$reply" == "413 application/json"* ]] || fail "$name: a 1.5 MB body got '$reply', not the server's JSON 413"

  # HTTP/1.1: over it, nginx with its default buffering passes nothing of the stream
  # on, not even its headers (over HTTP/2 it passes the events anyway).
  curl_tls --http1.1 -N -D "$tmp/$name-live-head" -o "$tmp/$name-live" "$base/api/live" &
  live_pid=$!
  pids+=("$live_pid")
  until_true "$WAIT" "$name's /api/live" grep -qs '^HTTP/[0-9.]* 200' "$tmp/$name-live-head"
  reply="$(curl_tls -w '%{http_code}' -o "$tmp/$name-idea" -H 'Content-Type: application/json' \
    -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
    -d "{\"input\":{\"title\":\"Shared through $name\",\"body\":\"\",\"category\":null,\"tags\":[]}}" \
    "$base/api/submit_idea")"
  [ "$reply" = 200 ] || fail "$name: submit_idea answered $reply: $(cat "$tmp/$name-idea")"
  idea="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["idea"]["id"])' "$tmp/$name-idea")"
  # An SSE stream held back by a buffering proxy shows nothing until its buffer
  # fills: here the event naming the new idea must come through on its own.
  until_true 10 "$name: the new idea on /api/live" grep -q "\"id\":\"$idea\"" "$tmp/$name-live"
  kill "$live_pid"
  log "$name: /healthz 200, the portal, HTTP -> HTTPS, a Secure cookie, the server's 413, /api/live live"
}

check_nginx() {
  local dir="$tmp/nginx" https http
  https="$(free_port)"
  http="$(free_port)"
  mkdir -p "$dir"
  doc_block nginx >"$dir/site.conf"
  swap "$dir/site.conf" /etc/letsencrypt/live/ideas.example.com/fullchain.pem "$tmp/cert.pem"
  swap "$dir/site.conf" /etc/letsencrypt/live/ideas.example.com/privkey.pem "$tmp/key.pem"
  swap "$dir/site.conf" ideas.example.com localhost
  swap "$dir/site.conf" 127.0.0.1:8080 "$server"
  swap "$dir/site.conf" "listen 443 " "listen 127.0.0.1:$https "
  swap "$dir/site.conf" "listen 80;" "listen 127.0.0.1:$http;"
  # Loopback only: the IPv6 wildcard listeners go.
  sed -i '/listen \[::\]/d' "$dir/site.conf"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
    access_log $dir/access.log;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    include $dir/site.conf;
}
EOF
  nginx -t -p "$dir" -c "$dir/nginx.conf" >"$dir/test.log" 2>&1 || fail "nginx -t: $(cat "$dir/test.log")"
  log "nginx -t: $(grep -c . "$dir/test.log") lines, $(tail -1 "$dir/test.log")"
  nginx -p "$dir" -c "$dir/nginx.conf" 2>>"$dir/error.log" &
  pids+=($!)
  through nginx "$https" "$http"
}

check_caddy() {
  local dir="$tmp/caddy" https http
  https="$(free_port)"
  http="$(free_port)"
  mkdir -p "$dir"
  {
    cat <<EOF
{
    admin off
    skip_install_trust
    http_port $http
    https_port $https
    storage file_system $dir/data
}

EOF
    doc_block caddy
  } >"$dir/Caddyfile"
  swap "$dir/Caddyfile" "ideas.example.com {" "localhost {
    tls $tmp/cert.pem $tmp/key.pem
    bind 127.0.0.1"
  swap "$dir/Caddyfile" 127.0.0.1:8080 "$server"
  HOME="$dir" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" \
    caddy validate --adapter caddyfile --config "$dir/Caddyfile" >"$dir/validate.log" 2>&1 ||
    fail "caddy validate: $(cat "$dir/validate.log")"
  log "caddy validate: $(tail -1 "$dir/validate.log" | sed 's/.*"msg":"\([^"]*\)".*/\1/')"
  HOME="$dir" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" \
    caddy run --adapter caddyfile --config "$dir/Caddyfile" >"$dir/run.log" 2>&1 &
  pids+=($!)
  through caddy "$https" "$http"
}

for proxy in "${proxies[@]}"; do
  "check_$proxy"
done
grep -q panicked "$tmp/server.log" && fail "the server panicked: $(cat "$tmp/server.log")"
log "passed: ${proxies[*]}"
