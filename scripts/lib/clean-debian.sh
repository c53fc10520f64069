# shellcheck shell=bash
# A clean Debian 12 to install a .deb into, for scripts/deb-check.sh (the app) and
# scripts/server-deb.sh --check (the server). Sourced, not run. The sourcing script
# defines log and fail first, and may define clean_debian_stop, called first on exit
# (to stop what it started itself).
#
# clean_debian_base     ensures the minimal Debian $SUITE (debootstrap --variant=minbase),
#                       made once and cached in $IDEABOARD_DEB_CHECK_CACHE (default
#                       /var/cache/ideaboard-deb-check) from this machine's apt mirror,
#                       downloaded packages cached beside it; takes the cache's lock.
# clean_debian_root     a fresh copy of it in $root with /proc, /sys, /dev/pts, /dev/shm
#                       and the package cache mounted, and apt's lists updated
#                       (apt's output in $1); everything mounted and every process
#                       left in it is stopped and unmounted on exit, failure or not.
# clean_debian_install DEB BINARY LOG
#                       `apt-get install --no-install-recommends` of DEB in it (apt's
#                       output in LOG): apt pulls only what its Depends name, so a
#                       missing dependency fails here, or in the `ldd` of BINARY after.
# in_root CMD...        runs CMD in it as root, with a clean environment.
# clean_debian_unmount  unmounts what clean_debian_root mounted (to boot it, say).

SUITE=bookworm
clean_debian_cache="${IDEABOARD_DEB_CHECK_CACHE:-/var/cache/ideaboard-deb-check}"
root=""
mounts=()

# The Debian mirror this machine's apt uses for $1 (deb822 .sources or one-line
# .list), so the chroot pulls from the same place.
host_uri_for_suite() {
  local suite="$1" files=()
  shopt -s nullglob
  files=(/etc/apt/sources.list.d/*.sources)
  if [ "${#files[@]}" -gt 0 ]; then
    awk -v want="$suite" '
      function flush() { if (uri != "" && (" " suites " ") ~ (" " want " ")) { print uri; found = 1; exit } uri = ""; suites = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { $1 = ""; suites = $0 }
      END { if (!found) flush() }' "${files[@]}" | head -1
  fi
  files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  if [ "${#files[@]}" -gt 0 ]; then
    sed -E 's/\[[^]]*\]//' "${files[@]}" 2>/dev/null |
      awk -v want="$suite" '$1 == "deb" && $3 == want { print $2; exit }'
  fi
  shopt -u nullglob
}

clean_debian_base() {
  [ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot and mounts)"
  mirror="${IDEABOARD_DEB_MIRROR:-$(host_uri_for_suite "$SUITE" | head -1)}"
  [ -n "$mirror" ] || fail "no Debian $SUITE mirror in this machine's apt sources: set IDEABOARD_DEB_MIRROR"
  local security="${IDEABOARD_DEB_SECURITY_MIRROR:-$(host_uri_for_suite "$SUITE-security" | head -1)}"

  if ! command -v debootstrap >/dev/null; then
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } ||
      fail "cannot install debootstrap"
  fi
  mkdir -p "$clean_debian_cache/archives/partial"

  # One run at a time: the base and the package cache are shared.
  exec 9>"$clean_debian_cache/lock"
  flock -n 9 || fail "another clean-Debian check is running (lock $clean_debian_cache/lock)"

  base="$clean_debian_cache/$SUITE-minbase"
  [ -f "$base/.complete" ] && return 0
  log "making a minimal Debian $SUITE from $mirror (once; cached in $base)"
  rm -rf --one-file-system "$base" "$base.partial"
  debootstrap --variant=minbase --cache-dir="$clean_debian_cache/archives" "$SUITE" "$base.partial" "$mirror" \
    >"$clean_debian_cache/debootstrap.log" 2>&1 ||
    fail "debootstrap failed; see $clean_debian_cache/debootstrap.log"
  {
    echo "deb $mirror $SUITE main"
    echo "deb $mirror $SUITE-updates main"
    [ -z "$security" ] || echo "deb $security $SUITE-security main"
  } >"$base.partial/etc/apt/sources.list"
  # No daemons start inside the chroot while packages install.
  printf '#!/bin/sh\nexit 101\n' >"$base.partial/usr/sbin/policy-rc.d"
  chmod 755 "$base.partial/usr/sbin/policy-rc.d"
  rm -f "$base.partial"/var/cache/apt/archives/*.deb
  touch "$base.partial/.complete"
  mv "$base.partial" "$base"
}

# Processes whose root is the chroot: what the check started, and apt leftovers.
chroot_pids() {
  local proc
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/root" 2>/dev/null)" = "$root" ] && echo "${proc#/proc/}"
  done
  return 0
}

# SIGTERM, then SIGKILL after 5 s.
stop_pid() {
  local pid="$1" waited=0
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# Unmounts what clean_debian_root mounted, newest first (before handing the tree to
# systemd-nspawn, say, which mounts its own); false if one stays.
clean_debian_unmount() {
  local i stuck=0
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}" 2>/dev/null || {
      echo "could not unmount ${mounts[$i]}" >&2
      stuck=1
    }
  done
  mounts=()
  return "$stuck"
}

clean_debian_cleanup() {
  local status=$? pid clean=true
  if declare -F clean_debian_stop >/dev/null; then clean_debian_stop; fi
  if [ -n "$root" ]; then
    for pid in $(chroot_pids); do stop_pid "$pid"; done
    clean_debian_unmount || clean=false
    # Never delete through a mount that is still there.
    if $clean && ! grep -q " $root/" /proc/mounts; then
      rm -rf --one-file-system "$root"
    else
      echo "left $root in place: something is still mounted there" >&2
      status=1
    fi
  fi
  exit "$status"
}

mount_in() {
  local type="$1" what="$2" where="$root$3" options="${4:-}"
  mkdir -p "$where"
  if [ "$type" = bind ]; then
    mount --bind "$what" "$where"
  else
    mount -t "$type" ${options:+-o "$options"} "$what" "$where"
  fi
  mounts+=("$where")
}

in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
}

clean_debian_root() {
  local apt_log="$1"
  root="$(realpath "$(mktemp -d /var/tmp/ideaboard-deb-check.XXXXXX)")"
  trap clean_debian_cleanup EXIT
  trap 'exit 130' INT TERM
  log "fresh copy of the base in $root"
  cp -a "$base/." "$root/"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # The chroot keeps its own /dev (debootstrap made the nodes); only pts and shm are new.
  mount_in proc proc /proc
  mount_in sysfs sysfs /sys ro
  mount_in devpts devpts /dev/pts newinstance,ptmxmode=0666
  mount_in tmpfs shm /dev/shm mode=1777
  mount_in bind "$clean_debian_cache/archives" /var/cache/apt/archives
  log "apt-get update ($mirror)"
  in_root apt-get update -qq >"$apt_log" 2>&1 || fail "apt-get update in the chroot failed; see $apt_log"
}

clean_debian_install() {
  local deb="$1" binary="$2" apt_log="$3" pulled libraries missing
  cp "$deb" "$root/tmp/"
  log "installing $(basename "$deb") with its Depends only"
  in_root apt-get install -y --no-install-recommends "/tmp/$(basename "$deb")" >"$apt_log" 2>&1 ||
    fail "apt-get install of the .deb failed in a clean Debian $SUITE; see $apt_log"
  pulled="$(grep -Eo '[0-9]+ newly installed' "$apt_log" | head -1 | cut -d' ' -f1 || true)"
  log "installed $(dpkg-deb -f "$deb" Package): ${pulled:-?} new packages in all ($(grep -Eo 'After this operation, [^ ]+ [^ ]+' "$apt_log" | head -1 || true))"

  in_root test -x "$binary" || fail "$binary is not installed"
  libraries="$(in_root ldd "$binary" 2>&1)" || fail "ldd $binary failed: $libraries"
  missing="$(grep 'not found' <<<"$libraries" || true)"
  [ -z "$missing" ] || fail "with only its Depends installed, $binary misses:
$missing"
  log "ldd: every library of $binary resolves"
}
