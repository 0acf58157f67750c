#!/usr/bin/env bash
# The pipeline, for any CI: `scripts/ci.sh preview` on a pull request, `scripts/ci.sh up` on merge.
# Everything secret comes from the CI's secrets through the environment, never from the repository.
set -uo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/ci.sh preview|up

One stack (CCC_STACK set, or no stack layout), or many (docs/many-stacks.md): without CCC_STACK, every
Pulumi.<stack>.yaml in $CCC_STACKS_DIR that names a campaign folder (ccc-campaigns:campaignsDir) is a
stack; those that changed since $CCC_BASE (all without it) run side by side, $CCC_CONCURRENCY at a
time, into one review; a failed stack neither stops nor hides the others, and the run names it.

preview  (pull request) install, pulumi preview with the policy pack, write the review (review.md and
         review.json in $CCC_OUT_DIR, the only files it leaves); exits non-zero on a mandatory policy
         violation, a failed preview, or a restart the review wants acknowledged. Needs no CCC
         credentials: a preview makes no API call
up       (merge) install, pulumi up --yes with the same policy pack; one deploy at a time: while
         another run holds the stack's lock it waits (up to $CCC_LOCK_WAIT_SECONDS), then fails

Environment (from CI secrets / variables):
  PULUMI_BACKEND_URL        state backend, e.g. s3://BUCKET?endpoint=cos.ap-guangzhou.myqcloud.com&region=ap-guangzhou
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   the bucket's keys (for COS: a SecretId/SecretKey allowed on the bucket)
  PULUMI_CONFIG_PASSPHRASE  (or PULUMI_CONFIG_PASSPHRASE_FILE) encrypts the secrets in state; required
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY   CCC credentials, for up only (TENCENTCLOUD_SESSION_TOKEN if temporary)
  CCC_STACK                 one stack by name (default: the stacks of the layout, else production)
  CCC_STACK_CONFIG          stack config file (default: Pulumi.$CCC_STACK.yaml beside Pulumi.yaml)
  CCC_POLICY_CONFIG         policy config (default: policy-config.json, else policy-config.example.json)
  CCC_OUT_DIR               where the review goes (default: .state/ci); safe to upload
  CCC_ACK_RESTART=1         the pull request acknowledges that a running campaign restarts
  CCC_SKIP_INSTALL=1        node_modules is already installed
  CCC_LOCK_WAIT_SECONDS     how long up waits for another deploy's lock (default 900)
  CCC_STACKS_DIR            many stacks: the folder of their Pulumi.<stack>.yaml (default: stacks)
  CCC_BASE                  many stacks: the git ref to diff against (the pull request's base, the commit
                            before the merge); only the stacks it changed run (default: all of them)
  CCC_CONCURRENCY           many stacks: how many run side by side (default 3)
USAGE
}

step="${1:-}"
case "$step" in
  preview | up) ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
log() { echo "ci: $*" >&2; }
fail() { log "$*"; exit 1; }

[ -n "${PULUMI_BACKEND_URL:-}" ] || fail "PULUMI_BACKEND_URL is not set: the stack's state must live in a shared backend (see examples/pipeline/README.md)"
[ -n "${PULUMI_CONFIG_PASSPHRASE:-}${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ] || fail "PULUMI_CONFIG_PASSPHRASE is not set: give it from a CI secret"
[ "$step" = preview ] || { [ -n "${TENCENTCLOUD_SECRET_ID:-}" ] && [ -n "${TENCENTCLOUD_SECRET_KEY:-}" ]; } ||
  fail "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set: give them from CI secrets to the deploy job"

stack="${CCC_STACK:-production}"
out="${CCC_OUT_DIR:-$repo/.state/ci}"
config="${CCC_STACK_CONFIG:-$repo/Pulumi.$stack.yaml}"
policy_config="${CCC_POLICY_CONFIG:-$repo/policy-config.json}"
[ -n "${CCC_POLICY_CONFIG:-}" ] || [ -f "$policy_config" ] || policy_config="$repo/policy-config.example.json"
mkdir -p "$out"
# Files that earlier versions of this script left in the output folder, some holding callee numbers.
rm -f "$out/preview.json" "$out/events.jsonl" "$out/state.json" "$out/preview.log" "$out/up.log"
export PULUMI_SKIP_UPDATE_CHECK=true NO_COLOR=1
# The program's types are checked by the build below (tsc); checking them in every run costs seconds.
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"

# 1. Install.
if [ -z "${CCC_SKIP_INSTALL:-}" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund >&2 || fail "npm ci failed"
fi
# The provider Pulumi stores in state loads the compiled lifecycle (dist/) by the package's name; a
# checkout builds it, a dist/ newer than every source is kept (an emulator may be running from it).
node "$repo/scripts/build.js" --if-changed >&2 || fail "npm run build failed"
bin="$(bash "$repo/scripts/ensure-pulumi.sh" | tail -n1)" || fail "no Pulumi CLI (scripts/ensure-pulumi.sh)"
export PATH="$bin:$PATH"

# Many stacks: each one runs this script again with CCC_STACK set, side by side (scripts/stacks.ts).
stacks_dir="${CCC_STACKS_DIR:-$repo/stacks}"
case "$stacks_dir" in /*) ;; *) stacks_dir="$repo/$stacks_dir" ;; esac
if [ -z "${CCC_STACK:-}" ] && grep -qs "ccc-campaigns:campaignsDir" "$stacks_dir"/Pulumi.*.yaml; then
  # ts-node would leave a compile cache in $TMPDIR: the run leaves nothing but the review.
  DISABLE_V8_COMPILE_CACHE=1 exec node -r ts-node/register/transpile-only "$repo/scripts/stacks.ts" "$step"
fi

# Everything raw (the state export with secrets shown, the CLI's output) goes to a private folder,
# removed on exit whatever happens. Pulumi's home goes there too: the CLI logs every command at debug
# level (callee numbers included) to $PULUMI_HOME/logs with no setting to stop it (CLI 3.274,
# pkg/logging/encrypted.go); a file in the place of that folder makes it go without a log.
umask 077
private="$(mktemp -d)" || fail "mktemp failed"
trap 'rm -rf "$private"' EXIT
export PULUMI_HOME="$private/home"
mkdir "$PULUMI_HOME" && : >"$PULUMI_HOME/logs"

# 2. The stack, created on first use. `stack init` writes its settings beside the Pulumi.yaml it is
#    given; a copy in a scratch folder keeps the checkout clean, and later runs read the encryption
#    settings back from the state.
if ! pulumi stack select "$stack" --non-interactive >/dev/null 2>&1; then
  scratch="$private/project"
  mkdir "$scratch" && cp "$repo/Pulumi.yaml" "$scratch/"
  log "creating stack $stack"
  pulumi stack init "$stack" -C "$scratch" --non-interactive >&2 || fail "pulumi stack init $stack failed"
fi
common=(--stack "$stack" --config-file "$config" --non-interactive)
pack=(--policy-pack "$repo/policy" --policy-pack-config "$policy_config")

if [ "$step" = preview ]; then
  # 3. Preview with the pack, as engine events (the default --json document leaves out the policy
  #    events). Only the events the review reads are kept, as they come: the debug diagnostics among
  #    the rest carry callee numbers in plain text. The violations are printed for the CI log.
  log "pulumi preview with the policy pack ($(basename "$policy_config"))"
  PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview "${common[@]}" "${pack[@]}" --json |
    node "$repo/dist/review/events.js" >"$private/events.jsonl"
  rcs=("${PIPESTATUS[@]}")
  preview_rc=${rcs[0]}
  [ "${rcs[1]}" -eq 0 ] || fail "reading the preview's events failed"
  # The review counts callees from the export and the campaign files, so the export shows secrets
  # (the provider's config with them): it lives in the private folder only while the review runs.
  pulumi stack export --show-secrets --stack "$stack" >"$private/state.json" || fail "pulumi stack export failed"
  campaigns="$(pulumi config get ccc-campaigns:campaignsDir --stack "$stack" --config-file "$config" 2>/dev/null || echo campaigns)"
  case "$campaigns" in /*) ;; *) campaigns="$repo/$campaigns" ;; esac

  # 4. The review: Markdown for the pull request, JSON for bots; non-zero on a mandatory violation or
  #    an unacknowledged restart.
  review=(node "$repo/dist/review/bin.js" --preview "$private/events.jsonl" --state "$private/state.json" --campaigns "$campaigns" --policy-config "$policy_config")
  [ -z "${CCC_ACK_RESTART:-}" ] || review+=(--ack-restart)
  (umask 022 && "${review[@]}" --format markdown >"$out/review.md")
  review_rc=$?
  (umask 022 && "${review[@]}" --format json >"$out/review.json")
  cat "$out/review.md"
  [ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat "$out/review.md" >>"$GITHUB_STEP_SUMMARY"
  [ "$preview_rc" -eq 0 ] || fail "pulumi preview failed (exit $preview_rc): see $out/review.md and the log above"
  [ "$review_rc" -eq 0 ] || fail "the review failed (exit $review_rc): see $out/review.md"
  log "preview passed; review in $out/review.md"
  exit 0
fi

# 3. Up with the same pack. The backend's lock lets one update run at a time; a second one waits.
deadline=$(($(date +%s) + ${CCC_LOCK_WAIT_SECONDS:-900}))
while :; do
  log "pulumi up with the policy pack ($(basename "$policy_config"))"
  pulumi up --yes "${common[@]}" "${pack[@]}" 2>&1 | tee "$private/up.log"
  up_rc=${PIPESTATUS[0]}
  [ "$up_rc" -eq 0 ] && { log "deployed"; exit 0; }
  grep -q "the stack is currently locked" "$private/up.log" || fail "pulumi up failed (exit $up_rc)"
  [ "$(date +%s)" -lt "$deadline" ] || fail "another deploy still holds the stack's lock after ${CCC_LOCK_WAIT_SECONDS:-900}s; nothing was changed by this run"
  log "another deploy holds the stack's lock: waiting"
  sleep "${CCC_LOCK_POLL_SECONDS:-10}"
done
