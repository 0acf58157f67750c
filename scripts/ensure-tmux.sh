#!/usr/bin/env bash
# Installs tmux from Debian's packages when it is missing (CI runs as root; a clean Debian image has
# none), and prints its path on the last line of stdout. The status view's tests run the command in
# a real terminal through it.
exec bash "$(dirname "$0")/ensure-apt-package.sh" tmux tmux
