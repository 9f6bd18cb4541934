#!/usr/bin/env bash
# Installs the Debian packages the tests and comparisons use, when they are missing.
# Needs root or passwordless sudo; without either it says what to install and carries on, and the
# tests that need a missing tool report themselves skipped with that reason.
set -u
want=(redis-server redis-tools gcc gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user strace curl wrk)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: no apt-get here; please install: ${missing[*]}" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install-deps: not root; please install: ${missing[*]}" >&2
    exit 0
  fi
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The Debian package starts a Redis on 6379 as a service; the tests start their own on free ports.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop redis-server >/dev/null 2>&1 || true; fi
if command -v service >/dev/null 2>&1; then $SUDO service redis-server stop >/dev/null 2>&1 || true; fi
exit 0
