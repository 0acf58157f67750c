#!/usr/bin/env bash
# Builds what programs and SDKs in other languages need from the Go module proxy into .tools/, once,
# and prints two folders on the last lines of stdout: the language hosts (put them on PATH to run
# YAML and Python programs) and the SDK generators (on PATH only for `pulumi package gen-sdk`).
#
# - pulumi-language-yaml: github.com/pulumi/pulumi-yaml v1.25.0 (the newest the proxy serves).
# - pulumi-language-python: the proxy refuses the current host's module (sdk/python/cmd/...), so the
#   last one it serves, inside sdk/v3 v3.68.0, with its pulumi-language-python-exec shim beside it.
# - scripts/sdkgen as pulumi-language-python and pulumi-language-go: those old hosts predate
#   GeneratePackage; this one answers it with pkg/v3's code generators at the CLI's version.
# A real Pulumi installation ships current hosts for all of these and never uses this script.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
hosts="$repo/.tools/langhosts/bin"
gens="$repo/.tools/sdkgen/bin"
log() { echo "ensure-langhosts: $*" >&2; }
export GOFLAGS=-mod=mod

# wrapper_build NAME OUTPUT PACKAGE MODULE@VERSION: `go build` of PACKAGE from a wrapper module requiring MODULE.
wrapper_build() {
  local src="$repo/.tools/langhosts/src/$1"
  [ -x "$2" ] && return 0
  command -v go >/dev/null || { log "no Go toolchain to build $1: install Go (https://go.dev/dl/)"; exit 1; }
  mkdir -p "$src" "$(dirname "$2")"
  printf 'module offline/%s\n\ngo 1.24\n\nrequire %s %s\n' "$1" "${4%@*}" "${4#*@}" > "$src/go.mod"
  log "building $1 from the Go module proxy (a few minutes the first time)"
  local began=$(date +%s)
  (cd "$src" && go build -o "$2" "$3")
  log "built $1 in $(( $(date +%s) - began ))s"
}

wrapper_build yaml "$hosts/pulumi-language-yaml" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml github.com/pulumi/pulumi-yaml@v1.25.0
wrapper_build python "$hosts/pulumi-language-python" github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python github.com/pulumi/pulumi/sdk/v3@v3.68.0
if [ ! -x "$hosts/pulumi-language-python-exec" ]; then
  install -m 755 "$(cd "$repo/.tools/langhosts/src/python" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec" "$hosts/"
fi
if [ ! -x "$gens/pulumi-language-go" ]; then
  mkdir -p "$gens"
  log "building scripts/sdkgen (pkg/v3's Python and Go code generators)"
  (cd "$repo/scripts/sdkgen" && go build -o "$gens/pulumi-language-python" .)
  ln -sf pulumi-language-python "$gens/pulumi-language-go"
fi
echo "$hosts"
echo "$gens"
