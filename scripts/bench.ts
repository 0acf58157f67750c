// The benchmark (not a test): engine rollouts against the emulator at its real rate limit, beside a
// hand-written SDK loop; the provider's CPU per call; check, diff and policies against callee count;
// state size. Prints a table with the machine, the versions and the exact commands, and the targets
// met or missed.
//
//   npm run bench -- --quick          N = 100 (a few minutes)
//   npm run bench                     N = 10, 100 and 500
//   npm run bench -- --json           … and one JSON object as the last line of stdout
//   options: --n 10,100  --parallel 64  --case-timeout 20 (seconds per scale case; default 20 quick, 300 full)  --skip-engine
//            --profile-engine (the engine-alone up at the largest N runs with the CLI's --profiling; needs Go)
//            --only multi-stack,long-lived (some of the cases: see CASES)
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ensurePulumi, REPO } from "./pulumi-cli";
import { aiccsRollout } from "../bench/aiccs";
import { diyKnobs, KNOBS } from "../bench/diy-knobs";
import { RATE_LEASE_ENV } from "../provider/shared/rate-lease";
import { engineAlone } from "../bench/engine-alone";
import { longLived } from "../bench/long-lived";
import { multiStack } from "../bench/multi-stack";
import { providerCost } from "../bench/provider-cost";
import { render, type Results } from "../bench/report";
import { largeTaskState, rollout, type RolloutResult } from "../bench/rollout";
import { caseNames, runCases } from "../bench/scale";
import { sdkLoop } from "../bench/sdk-loop";

const LARGE_TASK_CALLEES = 100_000;
/** What --only can choose; all by default. */
const CASES = ["scale", "provider", "rollout", "large-task", "multi-stack", "long-lived", "diy-knobs", "aiccs"] as const;
/** Many stacks: campaigns and stacks; a long-lived stack: tasks and how many of them are finished. */
const SIZES = {
    quick: { multiStack: [100, 5], longLived: [400, 380], diyKnobs: 100 },
    full: { multiStack: [500, 5], longLived: [2000, 1900], diyKnobs: 500 },
};

const { values: args } = parseArgs({
    options: {
        quick: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        n: { type: "string" },
        parallel: { type: "string", default: "64" },
        "case-timeout": { type: "string" },
        "skip-engine": { type: "boolean", default: false },
        "profile-engine": { type: "boolean", default: false },
        only: { type: "string" },
    },
});

function chosenCases(): Set<string> {
    const only = args.only?.split(",").map((c) => c.trim()) ?? [...CASES];
    const unknown = only.filter((c) => !(CASES as readonly string[]).includes(c));
    if (unknown.length) {
        console.error(`--only: unknown case ${unknown.join(", ")}; the cases are ${CASES.join(", ")}`);
        process.exit(2);
    }
    return new Set(only);
}

const progress = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

const packageVersion = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")).version as string;
const git = (...a: string[]) => execFileSync("git", a, { cwd: REPO, encoding: "utf8" }).trim();

function machine(): Record<string, unknown> {
    const cpus = os.cpus();
    return {
        cpu: `${cpus.length} × ${cpus[0]?.model.trim()}`,
        memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
        os: `${os.type()} ${os.release()}`,
        "load (1/5/15 min) at start": os.loadavg().map((l) => l.toFixed(2)).join(" "),
    };
}

async function main(): Promise<void> {
    // Checkpoint shortcuts would make the figures unrepresentative: never inherited from the caller.
    delete process.env.PULUMI_SKIP_CHECKPOINTS;
    const run = chosenCases();
    const size = SIZES[args.quick ? "quick" : "full"];
    const ns = args.n ? args.n.split(",").map(Number) : args.quick ? [100] : [10, 100, 500];
    const parallel = Number(args.parallel);
    const caseTimeoutMs = Number(args["case-timeout"] ?? (args.quick ? 20 : 300)) * 1000;
    const host = machine();
    const bin = args["skip-engine"] ? undefined : ensurePulumi();
    const versions: Record<string, string> = {
        commit: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? "+changes" : ""}`,
        node: process.version,
        "pulumi CLI": bin ? execFileSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).trim() : "(not run)",
        "@pulumi/pulumi": packageVersion("@pulumi/pulumi"),
        "@pulumi/policy": packageVersion("@pulumi/policy"),
        "tencentcloud-sdk-nodejs": packageVersion("tencentcloud-sdk-nodejs"),
    };
    const commands = [`npm run bench -- ${process.argv.slice(2).join(" ")}`.trim()];

    let cases: Results["cases"] = [];
    if (run.has("scale")) {
        progress(`scale cases (each in a child process, at most ${caseTimeoutMs / 1000} s)`);
        cases = await runCases(caseNames(), caseTimeoutMs, progress);
    }
    let provider: Results["provider"];
    if (run.has("provider")) {
        progress("provider CPU per call");
        provider = await providerCost(args.quick ? 30 : 100);
    }

    const rollouts: RolloutResult[] = [];
    const sdkLoops = [];
    const results: Partial<Results> = {};
    if (bin) {
        if (run.has("rollout")) {
            for (const n of ns) {
                progress(`N=${n}: SDK loop`);
                sdkLoops.push(await sdkLoop(n));
                const ro = await rollout(n, parallel, progress);
                const profileTo = args["profile-engine"] && n === Math.max(...ns) ? path.join(REPO, ".state", "bench-profile", "engine-alone-up") : undefined;
                const alone = await engineAlone(n, parallel, progress, profileTo);
                rollouts.push({ ...ro, engineAlone: alone.steps });
                if (alone.profile) results.engineProfile = { n, ...alone.profile };
            }
        }
        if (run.has("large-task")) {
            progress(`state of one task with ${LARGE_TASK_CALLEES} callees (pulumi up bounded to ${args.quick ? 300 : 1800} s)`);
            results.largeTask = { callees: LARGE_TASK_CALLEES, ...(await largeTaskState(LARGE_TASK_CALLEES, (args.quick ? 300 : 1800) * 1000, progress)) };
        }
        if (run.has("multi-stack")) {
            const [n, stacks] = size.multiStack;
            progress(`${n} campaigns over ${stacks} stacks, side by side; the SDK loop of ${n}`);
            // The SDK loop of the same N, if the rollouts measured it already.
            results.multiStack = { ...(await multiStack(n, stacks, parallel, progress)), sdkLoop: sdkLoops.find((s) => s.n === n) ?? (await sdkLoop(n)) };
        }
        if (run.has("long-lived")) {
            const [tasks, finished] = size.longLived;
            progress(`a long-lived stack: ${tasks} tasks, ${finished} of them finished`);
            results.longLived = await longLived(tasks, tasks - finished, parallel, progress);
        }
        if (run.has("diy-knobs")) results.diyKnobs = await diyKnobs(size.diyKnobs, parallel, progress);
        if (run.has("aiccs")) results.aiccs = await aiccsRollout(Math.max(...ns), parallel, progress);
        const cliSteps = [
            ...rollouts.flatMap((ro) => [...ro.steps, ...(ro.engineAlone ?? [])]),
            ...(results.multiStack ? [results.multiStack.up] : []),
            ...(results.longLived ? [...results.longLived.setup, results.longLived.refresh, ...Object.values(results.longLived.oneChange)] : []),
            ...(results.diyKnobs ?? []).map((k) => k.up),
            ...(results.aiccs ? [results.aiccs.up] : []),
        ];
        // The same commands run for every N (the campaign folder holds N files): each listed once.
        commands.push(...new Set(cliSteps.map((s) => s.command)));
        commands.push(`environment: for stack S, PULUMI_BACKEND_URL=file://.state/S/backend, PULUMI_HOME=.state/S/home, PATH starts with ${bin}; PULUMI_SKIP_CHECKPOINTS unset`);
        if (results.diyKnobs) commands.push(`DIY backend knobs, the bench-diy stack's up in the environment above plus: ${Object.keys(KNOBS).join("; ")} (default: nothing added)`);
        if (results.multiStack) commands.push(`many stacks: every stack's CLI with ${RATE_LEASE_ENV} naming the runner's one rate-lease server (20/s per action)`);
        commands.push("programs: .state/bench-installed/program (deployCampaigns of the installed tarball), .state/bench-installed/engine-alone (the same campaigns, a provider that does nothing)");
    }
    commands.push(...new Set([...sdkLoops, ...(results.multiStack ? [results.multiStack.sdkLoop] : []), ...(results.aiccs ? [results.aiccs.sdkLoop] : [])].map((s) => s.command)));
    host["load (1/5/15 min) at end"] = os.loadavg().map((l) => l.toFixed(2)).join(" ");

    const { text, json } = render({ ...results, quick: args.quick!, parallel, machine: host, versions, commands, rollouts, sdkLoops, provider, cases });
    console.log(text);
    if (args.json) console.log(JSON.stringify(json));
}

main().catch((e) => {
    console.error(`bench failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
});
