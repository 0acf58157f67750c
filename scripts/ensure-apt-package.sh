#!/usr/bin/env bash
# Usage: ensure-apt-package.sh PACKAGE COMMAND... — prints the path of the first COMMAND found on
# PATH, installing PACKAGE from Debian's packages first when none is (CI runs as root). The tests
# that need a program a clean machine may lack (Chromium, tmux) come through here.
set -euo pipefail

package="$1"; shift
find_command() { for c in "$@"; do command -v "$c" && return; done; true; }

bin="$(find_command "$@")"
if [ -z "$bin" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-apt-package: $1 is missing; install it (Debian: apt-get install $package)${ENSURE_HINT:+ $ENSURE_HINT}" >&2
    exit 1
  fi
  echo "ensure-apt-package: apt-get install -y $package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
  bin="$(find_command "$@")"
fi
echo "$bin"
