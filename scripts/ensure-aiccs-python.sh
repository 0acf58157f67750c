#!/usr/bin/env bash
# Installs Alibaba's Python product SDK for AICCS (alibabacloud-aiccs20191015, from PyPI, pinned) into a
# virtual environment under .tools/aiccs-python once, and prints its python's path on the last line of
# stdout. The AICCS emulator tests use it as a second, independent client (another language, the
# product client itself rather than the bare runtime).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
version="5.4.3"
venv="$repo/.tools/aiccs-python"
python="$venv/bin/python"

if [ -x "$python" ] && [ "$(cat "$venv/sdk-version" 2>/dev/null)" = "$version" ]; then
  echo "$python"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "ensure-aiccs-python: Python 3 is needed (https://www.python.org/downloads/)" >&2
  exit 1
fi
echo "ensure-aiccs-python: installing alibabacloud-aiccs20191015==$version into $venv" >&2
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "alibabacloud-aiccs20191015==$version" >&2
echo "$version" > "$venv/sdk-version"
echo "$python"
