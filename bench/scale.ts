// Cost against size: check and diff of one task with 1, 1,000 and 100,000 callees, and each policy
// of the pack on one task of 1,000 or 100,000 callees and on 500 tasks × 1,000 callees. Each case
// runs in a child process (this file, run directly) so that a case that does not finish in time is
// stopped and reported, and the others still run.
import { spawn } from "child_process";
import { policies, runPolicies, type TaskResource } from "../policy/policies";
import { CalloutTaskProvider } from "../provider/callout-task/provider";
import { REPO } from "../scripts/pulumi-cli";
import { benchCampaign } from "./campaigns";
import { cpuMs, median } from "./measure";

export const CALLEE_COUNTS = [1, 1_000, 100_000];
/** [tasks, callees per task] */
export const POLICY_SIZES: [number, number][] = [
    [1, 1_000],
    [1, 100_000],
    [500, 1_000],
];

export interface CaseResult {
    case: string;
    /** Median CPU ms of one run; null if it timed out. */
    ms: number | null;
    runs: number;
    timedOut?: boolean;
    /** Violations reported (policies), as a sanity check: the benchmark's campaigns are lawful. */
    violations?: number;
}

/** The case of the whole pack at once, as the CLI runs it (the policies share their analysis of the callees). */
export const ALL = "all";

export const sizeName = (tasks: number, callees: number) => `${tasks}x${callees}`;

/** Every case name, in the order they run. */
export function caseNames(): string[] {
    return [
        ...CALLEE_COUNTS.map((n) => `check:${n}`),
        ...CALLEE_COUNTS.map((n) => `diff:${n}`),
        ...POLICY_SIZES.flatMap(([t, c]) => [...policies.map((p) => `policy:${p.name}:${sizeName(t, c)}`), `policy:${ALL}:${sizeName(t, c)}`]),
    ];
}

/** Fewer runs for bigger inputs: the median of several small runs, a single run of a big one. */
const runsFor = (callees: number) => (callees <= 1 ? 50 : callees <= 1_000 ? 10 : 1);
/** Repeats stop once this much CPU time is spent, so that a slow case costs about one run. */
const REPEAT_BUDGET_MS = 2_000;
const withProvider = (props: Record<string, unknown>) => ({ ...props, __provider: "serialized provider" });

async function repeat(runs: number, fn: () => unknown): Promise<{ ms: number; runs: number }> {
    const samples: number[] = [];
    let spent = 0;
    while (samples.length < runs && spent < REPEAT_BUDGET_MS) {
        const { ms } = await cpuMs(fn);
        samples.push(ms);
        spent += ms;
    }
    return { ms: median(samples), runs: samples.length };
}

/** The next campaign index whose callees no case has used yet. */
let unusedTask = 0;

async function runCase(name: string): Promise<CaseResult> {
    const [kind, a, b] = name.split(":");
    const provider = new CalloutTaskProvider();
    if (kind === "check" || kind === "diff") {
        const callees = Number(a);
        const raw = withProvider(benchCampaign(0, callees));
        const checkedInputs = (await provider.check({}, raw)).inputs;
        if (kind === "check") return { case: name, ...(await repeat(runsFor(callees), () => provider.check({}, raw))) };
        // olds are the outputs recorded at create; news arrive as a separate copy, as the engine deserializes them.
        const olds = { ...checkedInputs, taskId: 1000001, state: 0, stateName: "initial" as const };
        const news = JSON.parse(JSON.stringify(checkedInputs));
        return { case: name, ...(await repeat(runsFor(callees), () => provider.diff("1000001", olds, news))) };
    }
    const policy = policies.find((p) => p.name === a);
    if (kind !== "policy" || (!policy && a !== ALL)) throw new Error(`unknown benchmark case ${name}`);
    const [tasks, callees] = b.split("x").map(Number);
    // Other tasks and callees on every run of every case: the pack remembers its analysis of a task by
    // content, and the same inputs again would measure the cache.
    const runs = runsFor(tasks * callees);
    const inputs: TaskResource[][] = Array.from({ length: runs }, () =>
        Array.from({ length: tasks }, (_, i) => ({ name: `bench-${i}`, props: withProvider(benchCampaign(unusedTask++, callees)) })),
    );
    let violations = 0;
    // One policy alone (every other one disabled), or all of them; the CLI's defaults otherwise.
    const only = policy ? Object.fromEntries(policies.map((p) => [p.name, { enforcementLevel: p === policy ? policy.enforcementLevel : "disabled" }])) : {};
    let run = 0;
    const measured = await repeat(runs, () => (violations = runPolicies(inputs[run++], only).length));
    return { case: name, ...measured, violations };
}

/** Runs the cases in child processes, each bounded by `timeoutMs`; a case over time is killed and reported. */
export async function runCases(names: string[], timeoutMs: number, progress: (m: string) => void): Promise<CaseResult[]> {
    const results: CaseResult[] = [];
    let remaining = [...names];
    while (remaining.length) {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", __filename, ...remaining], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        let current: string | undefined;
        let timer: NodeJS.Timeout | undefined;
        let timedOut = false;
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                timedOut = true;
                child.kill("SIGKILL");
            }, timeoutMs);
        };
        let buffer = "";
        child.stdout.on("data", (d) => {
            buffer += d;
            let nl: number;
            while ((nl = buffer.indexOf("\n")) >= 0) {
                const line = JSON.parse(buffer.slice(0, nl));
                buffer = buffer.slice(nl + 1);
                if (line.start) {
                    current = line.start;
                    progress(`case ${current}`);
                    arm();
                } else {
                    results.push(line as CaseResult);
                    remaining = remaining.filter((n) => n !== line.case);
                    current = undefined;
                }
            }
        });
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        clearTimeout(timer);
        if (!remaining.length) break;
        if (!timedOut || !current) throw new Error(`benchmark case runner exited ${code} during ${current ?? "start-up"}:\n${stderr}`);
        progress(`case ${current}: over ${timeoutMs / 1000} s, stopped`);
        results.push({ case: current, ms: null, runs: 0, timedOut: true });
        remaining = remaining.filter((n) => n !== current);
    }
    return results;
}

if (require.main === module) {
    (async () => {
        for (const name of process.argv.slice(2)) {
            process.stdout.write(`${JSON.stringify({ start: name })}\n`);
            process.stdout.write(`${JSON.stringify(await runCase(name))}\n`);
        }
    })().catch((e) => {
        console.error(e instanceof Error ? e.stack : e);
        process.exit(1);
    });
}
