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
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";
import { ensurePulumi, REPO } from "./pulumi-cli";
import { engineAlone } from "../bench/engine-alone";
import { providerCost } from "../bench/provider-cost";
import { render, type Results } from "../bench/report";
import { largeTaskState, rollout, type RolloutResult } from "../bench/rollout";
import { caseNames, runCases } from "../bench/scale";
import { sdkLoop } from "../bench/sdk-loop";

const LARGE_TASK_CALLEES = 100_000;

const { values: args } = parseArgs({
    options: {
        quick: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        n: { type: "string" },
        parallel: { type: "string", default: "64" },
        "case-timeout": { type: "string" },
        "skip-engine": { type: "boolean", default: false },
        "profile-engine": { type: "boolean", default: false },
    },
});

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

    progress(`scale cases (each in a child process, at most ${caseTimeoutMs / 1000} s)`);
    const cases = await runCases(caseNames(), caseTimeoutMs, progress);
    progress("provider CPU per call");
    const provider = await providerCost(args.quick ? 30 : 100);

    const rollouts: RolloutResult[] = [];
    const sdkLoops = [];
    let largeTask: Results["largeTask"];
    let engineProfile: Results["engineProfile"];
    if (bin) {
        for (const n of ns) {
            progress(`N=${n}: SDK loop`);
            sdkLoops.push(await sdkLoop(n));
            const ro = await rollout(n, parallel, progress);
            const profileTo = args["profile-engine"] && n === Math.max(...ns) ? path.join(REPO, ".state", "bench-profile", "engine-alone-up") : undefined;
            const alone = await engineAlone(n, parallel, progress, profileTo);
            rollouts.push({ ...ro, engineAlone: alone.steps });
            if (alone.profile) engineProfile = { n, ...alone.profile };
        }
        progress(`state of one task with ${LARGE_TASK_CALLEES} callees (pulumi up bounded to ${args.quick ? 300 : 1800} s)`);
        largeTask = { callees: LARGE_TASK_CALLEES, ...(await largeTaskState(LARGE_TASK_CALLEES, (args.quick ? 300 : 1800) * 1000, progress)) };
        // The same commands run for every N (the campaign folder holds N files): each listed once.
        commands.push(...new Set(rollouts.flatMap((ro) => [...ro.steps, ...(ro.engineAlone ?? [])].map((s) => s.command))));
        commands.push(`environment: for stack S, PULUMI_BACKEND_URL=file://.state/S/backend, PULUMI_HOME=.state/S/home, PATH starts with ${bin}; PULUMI_SKIP_CHECKPOINTS unset`);
        commands.push("programs: .state/bench-installed/program (deployCampaigns of the installed tarball), .state/bench-installed/engine-alone (the same campaigns, a provider that does nothing)");
    }
    commands.push(...sdkLoops.map((s) => s.command));
    host["load (1/5/15 min) at end"] = os.loadavg().map((l) => l.toFixed(2)).join(" ");

    const { text, json } = render({ quick: args.quick!, parallel, machine: host, versions, commands, rollouts, sdkLoops, provider, cases, largeTask, engineProfile });
    console.log(text);
    if (args.json) console.log(JSON.stringify(json));
}

main().catch((e) => {
    console.error(`bench failed: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
});
