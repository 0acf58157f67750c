#!/usr/bin/env bash
# Builds gofakes3 (an S3-compatible server, MIT) from the Go module proxy into .tools/gofakes3/bin once,
# and prints the binary's path on the last line of stdout. The backend tests run the Pulumi DIY
# backend against it on loopback, the way a team runs it against Tencent COS.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
version="v1.2.0"
tools="$repo/.tools/gofakes3"
bin="$tools/bin/gofakes3"

if [ -x "$bin" ] && [ "$(cat "$tools/version" 2>/dev/null)" = "$version" ]; then
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "ensure-gofakes3: Go is needed to build gofakes3 (https://go.dev/dl/)" >&2
  exit 1
fi
echo "ensure-gofakes3: building github.com/johannesboyne/gofakes3/cmd/gofakes3@$version" >&2
GOBIN="$tools/bin" GOFLAGS=-mod=mod go install "github.com/johannesboyne/gofakes3/cmd/gofakes3@$version"
echo "$version" > "$tools/version"
echo "$bin"
