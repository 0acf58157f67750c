#!/usr/bin/env bash
# The pipeline, for any CI: `scripts/ci.sh preview` on a pull request, `scripts/ci.sh up` on merge.
# Everything secret comes from the CI's secrets through the environment, never from the repository.
set -uo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/ci.sh preview|up

preview  (pull request) install, pulumi preview with the policy pack, write the review
         (preview.json, events.jsonl, state.json, review.md in $CCC_OUT_DIR); exits non-zero on a mandatory
         policy violation, a failed preview, or a restart the review wants acknowledged
up       (merge) install, pulumi up --yes with the same policy pack; one deploy at a time: while
         another run holds the stack's lock it waits (up to $CCC_LOCK_WAIT_SECONDS), then fails

Environment (from CI secrets / variables):
  PULUMI_BACKEND_URL        state backend, e.g. s3://BUCKET?endpoint=cos.ap-guangzhou.myqcloud.com&region=ap-guangzhou
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   the bucket's keys (for COS: a SecretId/SecretKey allowed on the bucket)
  PULUMI_CONFIG_PASSPHRASE  (or PULUMI_CONFIG_PASSPHRASE_FILE) encrypts the secrets in state; required
  TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY   CCC credentials (TENCENTCLOUD_SESSION_TOKEN if temporary)
  CCC_STACK                 stack name (default: production)
  CCC_STACK_CONFIG          stack config file (default: Pulumi.$CCC_STACK.yaml beside Pulumi.yaml)
  CCC_POLICY_CONFIG         policy config (default: policy-config.json, else policy-config.example.json)
  CCC_OUT_DIR               where the preview, state export and review go (default: .state/ci)
  CCC_ACK_RESTART=1         the pull request acknowledges that a running campaign restarts
  CCC_SKIP_INSTALL=1        node_modules is already installed
  CCC_LOCK_WAIT_SECONDS     how long up waits for another deploy's lock (default 900)
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
[ -n "${TENCENTCLOUD_SECRET_ID:-}" ] && [ -n "${TENCENTCLOUD_SECRET_KEY:-}" ] || fail "TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set: give them from CI secrets"

stack="${CCC_STACK:-production}"
out="${CCC_OUT_DIR:-$repo/.state/ci}"
config="${CCC_STACK_CONFIG:-$repo/Pulumi.$stack.yaml}"
policy_config="${CCC_POLICY_CONFIG:-$repo/policy-config.json}"
[ -n "${CCC_POLICY_CONFIG:-}" ] || [ -f "$policy_config" ] || policy_config="$repo/policy-config.example.json"
mkdir -p "$out"
export PULUMI_SKIP_UPDATE_CHECK=true NO_COLOR=1

# 1. Install.
if [ -z "${CCC_SKIP_INSTALL:-}" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund >&2 || fail "npm ci failed"
fi
# The provider Pulumi stores in state loads the compiled lifecycle (dist/) by the package's name.
npm run --silent build >&2 || fail "npm run build failed"
bin="$(bash "$repo/scripts/ensure-pulumi.sh" | tail -n1)" || fail "no Pulumi CLI (scripts/ensure-pulumi.sh)"
export PATH="$bin:$PATH"

# 2. The stack, created on first use. `stack init` writes its settings beside the Pulumi.yaml it is
#    given; a copy in a scratch folder keeps the checkout clean, and later runs read the encryption
#    settings back from the state.
if ! pulumi stack select "$stack" --non-interactive >/dev/null 2>&1; then
  scratch="$(mktemp -d)"
  cp "$repo/Pulumi.yaml" "$scratch/"
  log "creating stack $stack"
  pulumi stack init "$stack" -C "$scratch" --non-interactive >&2 || fail "pulumi stack init $stack failed"
  rm -rf "$scratch"
fi
common=(--stack "$stack" --config-file "$config" --non-interactive)
pack=(--policy-pack "$repo/policy" --policy-pack-config "$policy_config")

if [ "$step" = preview ]; then
  # 3. Preview with the pack. The JSON (steps with old and new inputs) feeds the review; it carries no
  #    policy events (Pulumi leaves them out of --json), so the engine's event log keeps them, and
  #    the violations are printed here for the CI log.
  log "pulumi preview with the policy pack ($(basename "$policy_config"))"
  rm -f "$out/events.jsonl"
  # (--event-log is shown only with PULUMI_DEBUG_COMMANDS; Pulumi's Automation API enables it the same way.)
  PULUMI_DEBUG_COMMANDS=true pulumi preview "${common[@]}" "${pack[@]}" --json --event-log "$out/events.jsonl" >"$out/preview.json" 2>"$out/preview.log"
  preview_rc=$?
  cat "$out/preview.log" >&2
  [ ! -f "$out/events.jsonl" ] || node -e '
    for (const line of require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean)) {
      const e = JSON.parse(line);
      const p = e.policyEvent;
      // The message is the description of the policy, then one line per violation.
      const lines = p ? p.message.trim().split("\n") : [];
      for (const line of lines.slice(lines.length > 1 ? 1 : 0)) console.error(`[${p.enforcementLevel}] ${p.policyName}: ${line}`);
      if (e.diagnosticEvent && e.diagnosticEvent.severity === "error") console.error(e.diagnosticEvent.message.trim());
    }' "$out/events.jsonl"
  # The review counts callees from the export and the campaign files, so the export shows secrets: it
  # stays in the private output folder (it also holds the decrypted provider config).
  (umask 077 && pulumi stack export --show-secrets --stack "$stack" >"$out/state.json") || fail "pulumi stack export failed"
  campaigns="$(pulumi config get ccc-campaigns:campaignsDir --stack "$stack" --config-file "$config" 2>/dev/null || echo campaigns)"
  case "$campaigns" in /*) ;; *) campaigns="$repo/$campaigns" ;; esac
  # The event log carries the policy verdicts that the --json document leaves out.
  review_input="$out/events.jsonl"
  [ -f "$review_input" ] || review_input="$out/preview.json"

  # 4. The review: Markdown for the pull request; non-zero on a mandatory violation or an
  #    unacknowledged restart.
  ack=()
  [ -z "${CCC_ACK_RESTART:-}" ] || ack=(--ack-restart)
  npm run --silent review -- --preview "$review_input" --state "$out/state.json" --campaigns "$campaigns" --format markdown "${ack[@]}" >"$out/review.md"
  review_rc=$?
  cat "$out/review.md"
  [ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat "$out/review.md" >>"$GITHUB_STEP_SUMMARY"
  [ "$preview_rc" -eq 0 ] || fail "pulumi preview failed (exit $preview_rc): see $out/review.md and $out/preview.log"
  [ "$review_rc" -eq 0 ] || fail "the review failed (exit $review_rc): see $out/review.md"
  log "preview passed; review in $out/review.md"
  exit 0
fi

# 3. Up with the same pack. The backend's lock lets one update run at a time; a second one waits.
deadline=$(($(date +%s) + ${CCC_LOCK_WAIT_SECONDS:-900}))
while :; do
  log "pulumi up with the policy pack ($(basename "$policy_config"))"
  pulumi up --yes "${common[@]}" "${pack[@]}" 2>&1 | tee "$out/up.log"
  up_rc=${PIPESTATUS[0]}
  [ "$up_rc" -eq 0 ] && { log "deployed"; exit 0; }
  grep -q "the stack is currently locked" "$out/up.log" || fail "pulumi up failed (exit $up_rc)"
  [ "$(date +%s)" -lt "$deadline" ] || fail "another deploy still holds the stack's lock after ${CCC_LOCK_WAIT_SECONDS:-900}s; nothing was changed by this run"
  log "another deploy holds the stack's lock: waiting"
  sleep "${CCC_LOCK_POLL_SECONDS:-10}"
done
