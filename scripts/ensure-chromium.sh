#!/usr/bin/env bash
# Installs Chromium from Debian's packages when it is missing (CI runs as root), and prints its path
# on the last line of stdout. The review's diagram test renders the golden reviews in it.
ENSURE_HINT="or set CHROMIUM" exec bash "$(dirname "$0")/ensure-apt-package.sh" chromium chromium chromium-browser
