// Signs of an interrupted deploy, read from the stack's own state. The engine writes a pending
// `creating` operation into the checkpoint before it calls Create, and keeps the pending creates of the
// state it started from in every later checkpoint until a refresh clears them (pkg/v3 backend/snapshot.go).
// A killed deploy whose creates committed, but whose answers were lost, leaves exactly that: so a create
// of a resource with a pending create must not trust a listing that may lag behind the killed run's task.
//
// The state is read once per provider process, by the CLI running this deployment (`pulumi stack
// export`, which needs neither the lock nor the passphrase), before this run writes any pending create
// of its own: the engine checks a resource before it writes the resource's pending create, and every
// check of a resource that may be created waits for this reading.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { LINEAGE } from "./lineage";
import { processSingleton } from "./process";

/**
 * What the state says, read at `readAt` (ms): the pending creates by lineage (their URNs) and the
 * lineage of every task the stack holds (by `taskKey`), or why it could not be read.
 */
export type CheckpointReading = { readAt: number } & ({ pendingCreates: Map<string, string>; taskLineages: Map<string, string> } | { unreadable: string });

/** A task's key among the stack's tasks: its id within its application (CCC ids are per SdkAppId; a kind without one passes none). */
export const taskKey = (taskId: unknown, appId?: unknown): string => `${appId ?? ""}/${taskId}`;

// The part of `pulumi stack export` read here; made when used (a schema at module scope cannot be closure-serialized).
const exportedState = () => z.object({
    deployment: z
        .object({
            pending_operations: z
                .array(z.object({ type: z.string(), resource: z.object({ urn: z.string(), inputs: z.record(z.string(), z.unknown()).optional() }) }))
                .nullish(),
            resources: z.array(z.object({ outputs: z.record(z.string(), z.unknown()).optional() })).nullish(),
        })
        .nullish(),
});

/** An export that takes longer than this is given up (a very large stack on a slow backend): the safe path follows. */
const EXPORT_TIMEOUT_MS = 120_000;
/** Ancestors searched for the CLI: the plugin's parent, or its launcher's. */
const ANCESTORS_SEARCHED = 4;

/** The CLI that runs this deployment: the nearest `pulumi` among the ancestor processes (Linux), else `pulumi` on PATH. */
function deployingCli(): string {
    let pid = process.ppid;
    for (let i = 0; i < ANCESTORS_SEARCHED && pid > 1; i++) {
        try {
            const exe = fs.readlinkSync(`/proc/${pid}/exe`);
            if (/^pulumi(\.exe)?$/.test(path.basename(exe))) return exe;
            // `pid (comm) state ppid …`: the command may hold spaces and parentheses, the fields after it do not.
            const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
            pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        } catch {
            break;
        }
    }
    return "pulumi";
}

/** Runs `pulumi stack export` and collects the pending creates. Never rejects: a failure is a reading that says why. */
async function read(stack: string, cli: string): Promise<CheckpointReading> {
    const readAt = Date.now();
    const outcome = await new Promise<{ stdout: string; stderr: string; failure?: string }>((resolve) => {
        const child = spawn(cli, ["stack", "export", "--stack", stack, "--non-interactive"], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "pipe", "pipe"] });
        const stdout: Buffer[] = [];
        let stderr = "";
        const timer = setTimeout(() => child.kill("SIGKILL"), EXPORT_TIMEOUT_MS);
        child.stdout.on("data", (d: Buffer) => stdout.push(d));
        child.stderr.on("data", (d: Buffer) => (stderr += d));
        child.on("error", (e) => resolve({ stdout: "", stderr, failure: `${cli} could not be run: ${e.message}` }));
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            const failure = code === 0 ? undefined : `\`${cli} stack export\` ${signal ? `was stopped (${signal})` : `exited ${code}`}: ${stderr.trim().split("\n").pop() ?? ""}`;
            resolve({ stdout: Buffer.concat(stdout).toString("utf8"), stderr, failure });
        });
    });
    if (outcome.failure) return { readAt, unreadable: outcome.failure };
    let parsed: z.infer<ReturnType<typeof exportedState>>;
    try {
        parsed = exportedState().parse(JSON.parse(outcome.stdout));
    } catch (e) {
        return { readAt, unreadable: `\`${cli} stack export\` printed no state this provider can read: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
    }
    const pendingCreates = new Map<string, string>();
    for (const op of parsed.deployment?.pending_operations ?? []) {
        const lineage = op.resource.inputs?.lineage;
        if (op.type === "creating" && typeof lineage === "string" && LINEAGE.test(lineage)) pendingCreates.set(lineage, op.resource.urn);
    }
    const taskLineages = new Map<string, string>();
    for (const { outputs: o } of parsed.deployment?.resources ?? []) {
        if (o && (typeof o.taskId === "number" || typeof o.taskId === "string") && typeof o.lineage === "string" && LINEAGE.test(o.lineage)) taskLineages.set(taskKey(o.taskId, o.sdkAppId), o.lineage);
    }
    return { readAt, pendingCreates, taskLineages };
}

const state = () => processSingleton("checkpoint", () => ({ reading: undefined as Promise<CheckpointReading> | undefined, warnedUnreadable: false }));

/** Reads the stack's state, once per process (later calls share the first reading). */
export function readCheckpoint(stack: string): Promise<CheckpointReading> {
    const s = state();
    return (s.reading ??= read(stack, deployingCli()));
}

/** This process's reading, if a check started one. */
export const checkpointReading = (): Promise<CheckpointReading> | undefined => state().reading;

/** True the first time it is asked in a process: the warning about an unreadable state is given once. */
export function firstUnreadableWarning(): boolean {
    const s = state();
    const first = !s.warnedUnreadable;
    s.warnedUnreadable = true;
    return first;
}

/** The lineage of every task in the stack's state this process read; undefined when none was read or it was unreadable. */
export async function stackTaskLineages(): Promise<Map<string, string> | undefined> {
    const r = await checkpointReading();
    return r && "taskLineages" in r ? r.taskLineages : undefined;
}

/** When the stack's state this process read holds a pending create of the resource (an interrupted run), or could not be read: the time it was read. */
export async function interruptedSince(lineage: unknown): Promise<number | undefined> {
    const reading = checkpointReading();
    if (!reading || typeof lineage !== "string") return undefined;
    const r = await reading;
    if ("unreadable" in r) return r.readAt;
    return r.pendingCreates.has(lineage) ? r.readAt : undefined;
}
