// `ccc-review`: the review of a `pulumi preview --json` as Markdown (or JSON for bots).
import * as fs from "fs";
import { parseArgs, type ParseArgsConfig } from "util";
import { CampaignFileError, loadCampaigns } from "../program/campaigns";
import { parsePreview, parseStateExport, ReviewInputError } from "./input";
import { renderMarkdown } from "./markdown";
import { windowRules } from "./picture";
import { exitCodeOf, summarize, type Summary } from "./summary";

export const USAGE = `Usage: ccc-review --preview FILE [--state FILE] [--campaigns DIR] [--policy-config FILE] [--format markdown|json] [--ack-restart]

Turns \`pulumi preview --json\` into a review of the campaign changes: per campaign the action (create,
replace, pause, resume, stop, unchanged), changed fields, callee counts and countries (numbers masked),
dates and call windows (drawn as a chart in the callees' local time), what a replacement restarts, the policy verdicts, and totals.

Options:
  --preview FILE     output of \`pulumi preview --json\` ("-" reads stdin). With
                     PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true the preview prints engine events, which
                     carry the policy verdicts; the default JSON document drops them.
  --state FILE       output of \`pulumi stack export --show-secrets\`: what is running (task state,
                     progress), the unchanged campaigns, and the current callees. Holds callee numbers:
                     keep it out of logs and artifacts.
  --campaigns DIR    the campaign folder the preview ran on: the planned callees (the preview shows
                     secrets as [secret] even with --show-secrets).
  --policy-config FILE
                     the --policy-pack-config file the preview ran with: the chart marks the windows
                     its ccc-allowed-hours and ccc-allowed-days refuse (default: the pack's defaults).
  --format FORMAT    markdown (default, for a pull-request comment) or json (for bots).
  --ack-restart      acknowledge that replacing a running or paused campaign restarts it.
  -h, --help         this text.

Exit status: 0 when the change may be deployed; 1 on a mandatory policy violation, an unacknowledged
restart of a running campaign, or a failed preview; 2 on a usage error or an unreadable input.`;

/** The options; each is described in USAGE (a test holds the two together). */
export const OPTIONS = {
    preview: { type: "string" },
    state: { type: "string" },
    campaigns: { type: "string" },
    "policy-config": { type: "string" },
    format: { type: "string", default: "markdown" },
    "ack-restart": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

export interface Io {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
}

function read(path: string, what: string): string {
    try {
        // fd 0 can be a non-blocking pipe (under npx), which a synchronous read fails with EAGAIN; /dev/stdin opens it anew, blocking.
        return fs.readFileSync(path !== "-" ? path : process.platform === "win32" ? 0 : "/dev/stdin", "utf8");
    } catch (e) {
        throw new ReviewInputError(`${what}: cannot read ${path === "-" ? "stdin" : path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
}

function campaignsIn(dir: string): Record<string, Record<string, unknown>> {
    try {
        return Object.fromEntries(loadCampaigns(dir).map((c) => [c.name, JSON.parse(JSON.stringify(c.inputs))]));
    } catch (e) {
        if (e instanceof CampaignFileError) throw new ReviewInputError(`campaigns: ${e.problems.join("; ")}`);
        throw e;
    }
}

/** A --policy-pack-config document: an object of policy name → config (the engine has validated its fields). */
function packConfigOf(text: string, what: string): Record<string, unknown> {
    let config: unknown;
    try {
        config = JSON.parse(text);
    } catch (e) {
        throw new ReviewInputError(`${what}: not valid JSON: ${(e as Error).message}`);
    }
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new ReviewInputError(`${what}: must be a JSON object of policy name → config`);
    return config as Record<string, unknown>;
}

/** The review of a preview's text, a state export's text, a campaign folder and a policy config's text; throws ReviewInputError on bad input. */
export function reviewOf(input: { preview: string; state?: string; campaigns?: string; policyConfig?: string; ackRestart?: boolean }): Summary {
    return summarize({
        preview: parsePreview(input.preview, "preview"),
        state: input.state === undefined ? undefined : parseStateExport(input.state, "state"),
        campaigns: input.campaigns === undefined ? undefined : campaignsIn(input.campaigns),
        rules: windowRules(input.policyConfig === undefined ? undefined : packConfigOf(input.policyConfig, "policy-config")),
        ackRestart: input.ackRestart ?? false,
    });
}

/** Runs the command; returns the exit status. Never throws: every failure is a message on stderr. */
export function main(argv: string[], io: Io): number {
    try {
        const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
        if (values.help) {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        if (!values.preview) throw new UsageError("--preview FILE is required");
        if (values.format !== "markdown" && values.format !== "json") throw new UsageError(`--format must be markdown or json, got "${values.format}"`);
        const summary = reviewOf({
            preview: read(values.preview, "preview"),
            state: values.state === undefined ? undefined : read(values.state, "state"),
            campaigns: values.campaigns,
            policyConfig: values["policy-config"] === undefined ? undefined : read(values["policy-config"], "policy-config"),
            ackRestart: values["ack-restart"],
        });
        io.stdout(values.format === "json" ? `${JSON.stringify(summary, null, 2)}\n` : renderMarkdown(summary));
        return exitCodeOf(summary);
    } catch (e) {
        const usage = e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS");
        const known = usage || e instanceof ReviewInputError;
        io.stderr(`ccc-review: ${known ? "" : "unexpected error: "}${(e as Error).message}${usage ? "\nRun ccc-review --help for the options." : ""}\n`);
        return 2;
    }
}

class UsageError extends Error {}
