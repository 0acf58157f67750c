// `ccc-status`: where each campaign of a stack stands, read from `pulumi stack export` (no API call;
// `--refresh` reads every task back from the vendor first).
import { execFileSync } from "child_process";
import * as fs from "fs";
import { DateTime } from "luxon";
import { parseArgs, type ParseArgsConfig } from "util";
import { parseStateExport, ReviewInputError } from "../review/input";
import { type Format, FORMATS, renderStatus } from "./render";
import { statusesOf } from "./view";

export const USAGE = `Usage: ccc-status [--stack NAME] [--refresh] [--state FILE] [--format table|text|json] [--now TIME]

Where each campaign of the stack stands: its state, a progress bar of answered, failed, pending and
not yet dialed callees, the next window opening in the task's zone and the callees' zones, and what
blocks it (paused, ended, no window left). Callee numbers are never shown.

Options:
  --stack NAME       the stack (default: the selected one); read with \`pulumi stack export
                     --show-secrets\`, kept in memory (it places callees in zones, and prints no number)
  --refresh          run \`pulumi refresh --yes\` first: every task as the vendor reports it now (API calls)
  --state FILE       read this \`pulumi stack export\` output instead ("-" reads stdin)
  --format FORMAT    table (default in a terminal), text (default otherwise) or json (for bots)
  --now TIME         the time to judge windows at, ISO-8601 with offset (default: now)
  -h, --help         this text

Exit status: 0; 2 on a usage error or an unreadable export.`;

/** The options; each is described in USAGE (a test holds the two together). */
export const OPTIONS = {
    stack: { type: "string" },
    refresh: { type: "boolean", default: false },
    state: { type: "string" },
    format: { type: "string" },
    now: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

export interface StatusIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Whether stdout is a terminal: a table then, plain text otherwise. */
    isTTY: boolean;
    /** `pulumi` with these arguments; its stdout. */
    pulumi?: (args: string[]) => string;
    /** Unix seconds. */
    clock?: () => number;
}

const runPulumi = (args: string[]) => execFileSync("pulumi", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 30 });

class UsageError extends Error {}

/** The --format value, or the default for the output: a table in a terminal, plain text otherwise. */
export function formatOf(value: string | undefined, isTTY: boolean): Format {
    const format = (value ?? (isTTY ? "table" : "text")) as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(", ")}, got "${value}"`);
    return format;
}

/** The status text of an export's text at `now` (Unix seconds). */
export function statusText(exported: string, now: number, format: Format): string {
    const resources = parseStateExport(exported, "state");
    return renderStatus(statusesOf(resources, now), format, DateTime.fromSeconds(now, { zone: "utc" }).toISO({ suppressMilliseconds: true }) ?? "");
}

export function main(argv: string[], io: StatusIo): number {
    try {
        const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
        if (values.help) {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        const format = formatOf(values.format, io.isTTY);
        let now = (io.clock ?? (() => Math.floor(Date.now() / 1000)))();
        if (values.now !== undefined) {
            const t = DateTime.fromISO(values.now, { setZone: true });
            if (!t.isValid || !/(Z|[+-]\d\d:?\d\d)$/.test(values.now)) throw new UsageError(`--now must be an ISO-8601 time with an offset (2027-03-01T09:00:00+08:00), got "${values.now}"`);
            now = t.toSeconds();
        }
        if (values.state !== undefined && (values.refresh || values.stack !== undefined)) throw new UsageError("--state reads a file: --stack and --refresh are for reading a stack");
        const pulumi = io.pulumi ?? runPulumi;
        const stackArgs = values.stack === undefined ? [] : ["--stack", values.stack];
        let exported: string;
        if (values.state !== undefined) {
            try {
                exported = fs.readFileSync(values.state === "-" ? "/dev/stdin" : values.state, "utf8");
            } catch (e) {
                throw new ReviewInputError(`state: cannot read ${values.state}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
            }
        } else {
            if (values.refresh) pulumi(["refresh", "--yes", "--skip-preview", ...stackArgs]);
            exported = pulumi(["stack", "export", "--show-secrets", ...stackArgs]);
        }
        io.stdout(statusText(exported, now, format));
        return 0;
    } catch (e) {
        const usage = e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS");
        const known = usage || e instanceof ReviewInputError;
        io.stderr(`ccc-status: ${known ? "" : "unexpected error: "}${(e as Error).message}${usage ? "\nRun ccc-status --help for the options." : ""}\n`);
        return 2;
    }
}
