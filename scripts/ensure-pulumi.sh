#!/usr/bin/env bash
# Makes the Pulumi CLI available without downloading anything but Go modules, and prints the folder
# holding it (and its Node.js plugins) on the last line of stdout. Progress goes to stderr.
#
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
log "building pulumi v$version from the Go module proxy (several minutes the first time)"
(cd "$tools/src/cli" && go build -o "$bin/pulumi" \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)

cat > "$tools/src/langhost-v3.68.0/go.mod" <<'MOD'
module offline/pulumi-language-nodejs

go 1.24

require github.com/pulumi/pulumi/sdk/v3 v3.68.0
MOD
log "building the Node.js language host (sdk/v3 v3.68.0)"
(cd "$tools/src/langhost-v3.68.0" && go build -o "$bin/pulumi-language-nodejs-v3.68.0" \
  github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)

log "building scripts/langhost (RunPlugin for policy packs)"
(cd "$repo/scripts/langhost" && go build -o "$bin/pulumi-language-nodejs" .)

write_dynamic_provider_plugin "$bin"
log "built pulumi $("$bin/pulumi" version) in $(( $(date +%s) - start ))s"
echo "$bin"
