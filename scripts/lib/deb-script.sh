# shellcheck shell=bash
# What a script that builds and checks a .deb starts with (scripts/release.sh, the
# app's; scripts/server-deb.sh, the server's). Sourced; set `me` (the name its lines
# start with) first.
#
# log, fail        a line on stdout; a FAILED line on stderr, then exit 1.
# deb_script_args  sets `build` and `check` from the script's one argument: none
#                  (build), --check (build, then check) or --check-only; --help
#                  prints the script's opening comment.

: "${me:?set me before sourcing scripts/lib/deb-script.sh}"

log() { echo "$me: $*"; }
fail() {
  echo "$me: FAILED: $*" >&2
  exit 1
}

# shellcheck disable=SC2034 # build and check are the sourcing script's
deb_script_args() {
  build=true
  check=false
  case "${1:-}" in
    "") ;;
    --check) check=true ;;
    --check-only) build=false check=true ;;
    -h | --help)
      awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
      exit 0
      ;;
    *) fail "unknown argument '$1' (try --help)" ;;
  esac
}
