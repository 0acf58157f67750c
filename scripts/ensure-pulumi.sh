#!/usr/bin/env bash
# Makes the Pulumi CLI available without downloading anything but Go modules, and prints the folder
# holding it (and its Node.js plugins) on the last line of stdout. Progress goes to stderr.
#
# 0. PULUMI_CLI=/path/to/pulumi names a CLI to use as it is (with its language host and plugins beside it).
# 1. A `pulumi` on PATH at the pinned version or newer is used as it is.
# 2. Otherwise the pinned release is built from the Go module proxy into .tools/pulumi/bin (a second
#    run reuses it), with:
#    - pulumi-language-nodejs: the proxy does not serve the current Node.js language host's module,
#      so scripts/langhost (ours) stands in front of the last host it serves (sdk/v3 v3.68.0) and adds
#      the RunPlugin call that current CLIs use to start Node.js policy packs;
#    - pulumi-resource-pulumi-nodejs: the dynamic-provider plugin, a one-line launcher of
#      @pulumi/pulumi's provider host from the program's node_modules.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d '[:space:]' < "$repo/scripts/pulumi-version")"
tools="$repo/.tools/pulumi"
bin="$tools/bin"
log() { echo "ensure-pulumi: $*" >&2; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

write_dynamic_provider_plugin() {
  mkdir -p "$1"
  cat > "$1/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
# Pulumi's dynamic-provider plugin: runs @pulumi/pulumi's provider host from the program's node_modules.
exec node "$(node -p 'require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] })')" "$@"
SH
  chmod +x "$1/pulumi-resource-pulumi-nodejs"
}

# Runs a build step in the background and says every 15 s that it is still working, and for how long.
build_step() {
  local what="$1"; shift
  local began=$(date +%s)
  log "building $what"
  "$@" &
  local pid=$!
  while ! wait_for "$pid" 15; do
    log "still building $what: $(( $(date +%s) - began ))s (total $(( $(date +%s) - start ))s; a cold build takes about 7 minutes on 2 cores)"
  done
  wait "$pid" || { log "building $what failed"; exit 1; }
  log "built $what in $(( $(date +%s) - began ))s"
}

# True once `pid` has ended, false after `seconds` if it is still running.
wait_for() {
  local i
  for ((i = 0; i < $2; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 1
  done
  ! kill -0 "$1" 2>/dev/null
}

# 0. A CLI named by the user.
if [ -n "${PULUMI_CLI:-}" ]; then
  if [ ! -x "$PULUMI_CLI" ]; then
    log "PULUMI_CLI=$PULUMI_CLI is not an executable file"
    exit 1
  fi
  log "using $PULUMI_CLI ($("$PULUMI_CLI" version 2>/dev/null || echo "unknown version")) from PULUMI_CLI"
  dirname "$PULUMI_CLI"
  exit 0
fi

# 1. A recent enough CLI on PATH (a real installation ships its language host and plugins).
if command -v pulumi >/dev/null 2>&1; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$have" ] && version_ge "$have" "$version"; then
    log "using pulumi $have from PATH"
    dirname "$(command -v pulumi)"
    exit 0
  fi
  log "pulumi on PATH is ${have:-unknown}, older than $version: building $version instead"
fi

# 2. A build from an earlier run.
if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ -x "$bin/pulumi-language-nodejs-v3.68.0" ] \
  && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
  write_dynamic_provider_plugin "$bin"
  log "using pulumi v$version from $bin"
  echo "$bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
ensure-pulumi: no Pulumi CLI >= $version on PATH, and no Go toolchain to build one.
Install the Pulumi CLI (https://www.pulumi.com/docs/install/), or install Go (https://go.dev/dl/) and run this again.
MSG
  exit 1
fi

start=$(date +%s)
mkdir -p "$bin" "$tools/src/cli" "$tools/src/langhost-v3.68.0"
export GOFLAGS=-mod=mod

# The CLI: pkg/v3 has replace directives, so `go install pkg@version` refuses it; build from a wrapper module.
cat > "$tools/src/cli/go.mod" <<MOD
module offline/pulumi-cli

go 1.24

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)
MOD
build_step "the pulumi CLI v$version from the Go module proxy" \
  bash -c 'cd "$1" && go build -o "$2/pulumi" -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$3" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi' \
  _ "$tools/src/cli" "$bin" "$version"

cat > "$tools/src/langhost-v3.68.0/go.mod" <<'MOD'
module offline/pulumi-language-nodejs

go 1.24

require github.com/pulumi/pulumi/sdk/v3 v3.68.0
MOD
build_step "the Node.js language host (sdk/v3 v3.68.0)" \
  bash -c 'cd "$1" && go build -o "$2/pulumi-language-nodejs-v3.68.0" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs' \
  _ "$tools/src/langhost-v3.68.0" "$bin"

build_step "scripts/langhost (RunPlugin for policy packs)" \
  bash -c 'cd "$1" && go build -o "$2/pulumi-language-nodejs" .' _ "$repo/scripts/langhost" "$bin"

write_dynamic_provider_plugin "$bin"
log "built pulumi $("$bin/pulumi" version) in $(( $(date +%s) - start ))s"
echo "$bin"
