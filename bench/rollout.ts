// Engine rollouts: the real CLI deploys N campaigns of the default program to a local stack against
// the emulator at its real rate limit, then previews with no change, refreshes and destroys. Each
// step is timed against its floor (the API calls it cannot do without ÷ the rate limit), and its
// API calls are counted from the emulator's request log.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { RequestLogEntry } from "../emulator";
import { TYPE_TOKEN } from "../provider/callout-task/schema";
import { type LocalStack, REPO, type RunResult } from "../scripts/pulumi-cli";
import { pack } from "../test/support/consumer";
import { engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign, callees } from "./campaigns";
import { seconds, sleep } from "./measure";

/** The CCC API's documented limit, per action; the emulator enforces it (for AICCS too, which documents none). */
export const RATE_LIMIT = 20;
const STEP_TIMEOUT_MS = 3_600_000;

export type StepName =
    | "up"
    | "preview"
    | "refresh"
    | "destroy"
    | "sdk loop"
    | "engine alone: up"
    | "engine alone: preview"
    | "engine alone: destroy"
    | "multi-stack: up"
    | "aiccs: up"
    | "aiccs: sdk loop";

/**
 * The one action each step must call once per task (a no-change preview needs none), and the floor it
 * is held to. The engine-alone steps call nothing but are held to the floor of the step they stand beside.
 */
const NEEDED: Record<StepName, { action?: string; floor?: string }> = {
    up: { action: "CreateAutoCalloutTask", floor: "CreateAutoCalloutTask" },
    "sdk loop": { action: "CreateAutoCalloutTask", floor: "CreateAutoCalloutTask" },
    preview: {},
    refresh: { action: "DescribeAutoCalloutTask", floor: "DescribeAutoCalloutTask" },
    destroy: { action: "StopAutoCalloutTask", floor: "StopAutoCalloutTask" },
    "engine alone: up": { floor: "CreateAutoCalloutTask" },
    "engine alone: preview": {},
    "engine alone: destroy": { floor: "StopAutoCalloutTask" },
    // Several stacks share the account's rate: the floor is the same N ÷ 20/s as one stack's.
    "multi-stack: up": { action: "CreateAutoCalloutTask", floor: "CreateAutoCalloutTask" },
    "aiccs: up": { action: "CreateAiCallTask", floor: "CreateAiCallTask" },
    "aiccs: sdk loop": { action: "CreateAiCallTask", floor: "CreateAiCallTask" },
};

/** A refusal for the rate limit, in either vendor's words (CCC's code, AICCS's Throttling.User). */
const THROTTLED = /RequestLimitExceeded|Throttling\.\w+/;

/** Whatever keeps a request log: a vendor of the emulator. */
export interface LogSource {
    requestLog(): Pick<RequestLogEntry, "action" | "outcome" | "at">[];
}

export interface StepResult {
    step: StepName;
    n: number;
    seconds: number;
    floorSeconds: number;
    /** null when the floor is 0 (nothing needs calling). */
    ratioToFloor: number | null;
    apiCalls: number;
    apiCallsPerTask: number;
    callsByAction: Record<string, number>;
    /** Requests the API refused for the rate limit (retried by the caller). */
    throttledRequests: number;
    /** Throttling errors the user saw in the CLI's output. */
    throttleErrors: number;
    /** Where the wall time went: before the first API call, between the first and last, after the last. */
    phases: { beforeFirstCall: number; calls: number; afterLastCall: number };
    /** Tasks the step's needed action did (answered without error), which must be N: a step that did less is not a result. */
    done: number;
    exitCode: number;
    command: string;
}

export interface StateSize {
    tasks: number;
    /** Mean size of one CalloutTask's entry in `pulumi stack export` (compact JSON), serialized provider included. */
    bytesPerTask: number;
    /** Of which the serialized provider (`__provider`, in inputs and outputs). */
    providerBytesPerTask: number;
    exportBytes: number;
}

export interface RolloutResult {
    n: number;
    steps: StepResult[];
    state?: StateSize;
    /** The same program's up and destroy with a provider that does nothing: the engine's own floor. */
    engineAlone?: StepResult[];
}

const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

/** A step's figures from its wall time and the emulator's log entries during it. */
export function stepResult(step: StepName, n: number, startedMs: number, log: { action: string; outcome: string; at: number }[], run: { code: number; output: string; command: string }): StepResult {
    const wallSeconds = seconds(startedMs);
    const callsByAction: Record<string, number> = {};
    for (const e of log) callsByAction[e.action] = (callsByAction[e.action] ?? 0) + 1;
    const { action: needed, floor } = NEEDED[step];
    const floorSeconds = floor ? n / RATE_LIMIT : 0;
    const [first, last] = log.length ? [(log[0].at - startedMs) / 1000, (log[log.length - 1].at - startedMs) / 1000] : [wallSeconds, wallSeconds];
    return {
        step,
        n,
        seconds: wallSeconds,
        floorSeconds,
        ratioToFloor: floorSeconds ? wallSeconds / floorSeconds : null,
        apiCalls: log.length,
        apiCallsPerTask: log.length / n,
        callsByAction,
        throttledRequests: log.filter((e) => THROTTLED.test(e.outcome)).length,
        throttleErrors: (run.output.match(new RegExp(THROTTLED, "g")) ?? []).length,
        phases: { beforeFirstCall: first, calls: last - first, afterLastCall: wallSeconds - last },
        done: needed ? log.filter((e) => e.action === needed && e.outcome === "ok").length : n,
        exitCode: run.code,
        command: run.command,
    };
}

/** Sizes from `pulumi stack export`. */
export function stateSize(exported: string): StateSize {
    const resources: any[] = (JSON.parse(exported).deployment.resources ?? []).filter((r: any) => r.type === TYPE_TOKEN);
    const tasks = resources.length || 1;
    return {
        tasks: resources.length,
        bytesPerTask: resources.reduce((sum, r) => sum + bytes(r), 0) / tasks,
        providerBytesPerTask: resources.reduce((sum, r) => sum + bytes(r.inputs?.__provider) + bytes(r.outputs?.__provider), 0) / tasks,
        exportBytes: Buffer.byteLength(JSON.stringify(JSON.parse(exported))),
    };
}

/** `pulumi <args>` on the stack, with the command line as a user would type it. */
export function pulumi(stack: LocalStack, args: string[]): { command: string; run: (opts?: { niceness?: number }) => Promise<RunResult> } {
    const full = [...args, "--stack", stack.stackName, "--config-file", stack.configFile];
    return {
        command: `pulumi ${[...full, "--non-interactive"].map((a) => (path.isAbsolute(a) ? path.relative(REPO, a) : a)).join(" ")}`,
        run: (opts = {}) => stack.run(full, { timeoutMs: STEP_TIMEOUT_MS, ...opts }),
    };
}

/** Stops every process this one started (the CLI, its language host, the provider), by id: a step ran over its time. */
function stopChildProcesses(): void {
    const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
        .trim()
        .split("\n")
        .map((line) => line.trim().split(/\s+/).map(Number));
    const tree = new Set([process.pid]);
    for (let grew = true; grew; ) {
        grew = false;
        for (const [pid, ppid] of table) if (tree.has(ppid) && !tree.has(pid)) grew = Boolean(tree.add(pid));
    }
    tree.delete(process.pid);
    for (const pid of tree) {
        try {
            process.kill(pid, "SIGKILL");
        } catch {
            // already gone
        }
    }
}

/** Runs one CLI step, after a second's pause so that it starts with fresh rate-limit windows; `limitMs` bounds it. */
export async function timedStep(step: StepName, n: number, emu: LogSource, stack: LocalStack, args: string[], progress: (m: string) => void, limitMs?: number): Promise<StepResult> {
    await sleep(1100);
    const { command, run } = pulumi(stack, args);
    progress(command);
    const since = emu.requestLog().length;
    const started = Date.now();
    const limit = limitMs ? setTimeout(() => (progress(`over ${limitMs / 1000} s: stopped`), stopChildProcesses()), limitMs) : undefined;
    const r = await run();
    clearTimeout(limit);
    const result = stepResult(step, n, started, emu.requestLog().slice(since), { code: r.code, output: r.stdout + r.stderr, command });
    if (r.code !== 0) progress(`${step} exited ${r.code}:\n${(r.stdout + r.stderr).split("\n").slice(-30).join("\n")}`);
    return result;
}

/**
 * The campaign-file program as a user runs it: the package from its tarball, under node_modules (so the
 * state holds the provider the way it does for users, a require by name); its dependencies and
 * @pulumi/pulumi resolve from the repository's node_modules further up.
 */
let installed: string | undefined;
export function installedProgram(): string {
    if (installed) return installed; // packed once per run: every step measures the same build
    const dir = path.join(REPO, ".state", "bench-installed");
    fs.rmSync(dir, { recursive: true, force: true });
    const target = path.join(dir, "program", "node_modules", "pulumi-tencentcloud-ccc");
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", pack(dir).tarball, "-C", target, "--strip-components=1"]);
    fs.writeFileSync(path.join(dir, "program", "Pulumi.yaml"), "name: ccc-campaigns\nruntime: nodejs\n");
    // Its own package.json: without one, Pulumi runs the `main` of the nearest one above (the repository's).
    fs.writeFileSync(path.join(dir, "program", "package.json"), JSON.stringify({ name: "bench-program", private: true, main: "index.js" }));
    fs.writeFileSync(
        path.join(dir, "program", "index.js"),
        'const pulumi = require("@pulumi/pulumi");\nconst { deployCampaigns } = require("pulumi-tencentcloud-ccc");\nexports.campaigns = deployCampaigns(new pulumi.Config().require("campaignsDir"));\n',
    );
    installed = path.join(dir, "program");
    return installed;
}

/** up, no-change preview, refresh and destroy of N campaigns (one callee each) at `--parallel`, with the installed package. */
export async function rollout(n: number, parallel: number, progress: (m: string) => void): Promise<RolloutResult> {
    const emu = await startTestEmulator();
    try {
        const env = await engineStack("bench", emu, {}, {}, {}, installedProgram());
        for (let i = 0; i < n; i++) env.writeCampaign(`bench-${i}`, benchCampaign(i));
        const p = ["--parallel", String(parallel)];
        const steps = [await timedStep("up", n, emu, env.stack, ["up", "--yes", "--skip-preview", ...p], progress)];
        const state = steps[0].exitCode === 0 ? stateSize(await env.stack.exportState()) : undefined;
        steps.push(await timedStep("preview", n, emu, env.stack, ["preview", "--expect-no-changes", ...p], progress));
        steps.push(await timedStep("refresh", n, emu, env.stack, ["refresh", "--yes", "--skip-preview", ...p], progress));
        steps.push(await timedStep("destroy", n, emu, env.stack, ["destroy", "--yes", "--skip-preview", ...p], progress));
        return { n, steps, state };
    } finally {
        await emu.close();
    }
}

/** State of one task with `calleeCount` callees, deployed through the engine within `limitMs` (then destroyed). */
export async function largeTaskState(calleeCount: number, limitMs: number, progress: (m: string) => void): Promise<StateSize & { upSeconds: number; exitCode: number }> {
    const emu = await startTestEmulator();
    try {
        const env = await engineStack("bench-large", emu, {}, {}, {}, installedProgram());
        env.writeCampaign("bench-large", { ...benchCampaign(0), callees: callees(calleeCount) });
        const up = await timedStep("up", 1, emu, env.stack, ["up", "--yes", "--skip-preview"], progress, limitMs);
        if (up.exitCode !== 0) return { tasks: 0, bytesPerTask: NaN, providerBytesPerTask: NaN, exportBytes: NaN, upSeconds: up.seconds, exitCode: up.exitCode };
        const state = stateSize(await env.stack.exportState());
        await timedStep("destroy", 1, emu, env.stack, ["destroy", "--yes", "--skip-preview"], progress, limitMs);
        return { ...state, upSeconds: up.seconds, exitCode: up.exitCode };
    } finally {
        await emu.close();
    }
}
