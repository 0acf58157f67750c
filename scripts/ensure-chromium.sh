#!/usr/bin/env bash
# Installs Chromium from Debian's packages when it is missing (CI runs as root), and prints its path
# on the last line of stdout. The review's diagram test renders the golden reviews in it.
set -euo pipefail

find_chromium() { command -v chromium || command -v chromium-browser || true; }

bin="$(find_chromium)"
if [ -z "$bin" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: Chromium is missing; install it (Debian: apt-get install chromium) or set CHROMIUM" >&2
    exit 1
  fi
  echo "ensure-chromium: apt-get install -y chromium" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  bin="$(find_chromium)"
fi
echo "$bin"
