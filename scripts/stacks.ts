// Many stacks used as one: the layout (one `stacks/Pulumi.<stack>.yaml` per stack, naming its folder of
// campaign files in `ccc-campaigns:campaignsDir`), which stacks a change touches (git diff
// against a base), and the runner that previews or deploys them side by side: `scripts/ci.sh` once per
// stack, at most N at a time, the provider processes of all of them sharing the account's rate.
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";
import { bulkhead } from "cockatiel";
import { parse } from "yaml";
import { ACCOUNT_REQUESTS_PER_SECOND, RATE_LEASE_ENV, startRateLeaseServer } from "../provider/shared/rate-lease";
import { combineReviews, renderCombinedMarkdown, type StackResult } from "../review/stacks";
import type { Summary } from "../review/summary";
import { LOWEST_PRIORITY, lowerPriority, REPO } from "./pulumi-cli";

/** The config key of the program's campaign folder (program/index.ts reads `campaignsDir`). */
export const CAMPAIGNS_DIR_KEY = "ccc-campaigns:campaignsDir";
/**
 * Where the stacks' config files are: not beside Pulumi.yaml, where `pulumi stack init` writes (and the
 * local loop moves away) the config of the stack it creates.
 */
export const STACKS_DIR = path.join(REPO, "stacks");
/**
 * Stacks run side by side by default. Each one's CLI spends about a core on its checkpoints, CI runners
 * have 2 to 4, and 3 stacks at a create a second each already keep the account's 20/s per action busy:
 * more would wait on the shared rate and the cores rather than finish sooner.
 */
export const DEFAULT_CONCURRENCY = 3;
/** Files every stack's preview depends on, beside its own folder and config: a change here previews them all. */
const SHARED = ["Pulumi.yaml", "program", "provider", "policy", "campaign", "package.json", "package-lock.json"];

export interface StackSpec {
    name: string;
    /** Its `Pulumi.<name>.yaml`. */
    configFile: string;
    /** Its folder of campaign files, absolute. */
    campaignsDir: string;
}

/** The stacks of the layout: every `Pulumi.<name>.yaml` in `configDir` that names a campaign folder, by name. */
export function discoverStacks(configDir: string): StackSpec[] {
    if (!fs.existsSync(configDir)) return [];
    return fs
        .readdirSync(configDir)
        .sort()
        .flatMap((file) => {
            const name = /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1];
            if (!name) return [];
            const configFile = path.join(configDir, file);
            const dir = parse(fs.readFileSync(configFile, "utf8"))?.config?.[CAMPAIGNS_DIR_KEY];
            // The program resolves the folder from the project's root (program/index.ts).
            return typeof dir === "string" ? [{ name, configFile, campaignsDir: path.resolve(REPO, dir) }] : [];
        });
}

function git(cwd: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`git ${args.join(" ")}: ${err.trim() || `exit ${code}`}`))));
    });
}

/** Absolute paths of the files that differ between `base` (its merge base with HEAD) and the checkout, new untracked files included. */
export async function changedFiles(cwd: string, base: string): Promise<string[]> {
    const top = (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
    const from = (await git(cwd, ["merge-base", base, "HEAD"])).trim();
    const lines = `${await git(cwd, ["diff", "--name-only", "--no-renames", from])}\n${await git(cwd, ["ls-files", "--others", "--exclude-standard"])}`;
    return lines.split("\n").filter(Boolean).map((f) => path.join(top, f));
}

const within = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);

/** The stacks a change touches: its folder, its config, or a file all of them share (the policy config, the program). */
export function touchedStacks(stacks: StackSpec[], files: string[], policyConfig: string): StackSpec[] {
    const shared = [policyConfig, ...SHARED.map((f) => path.join(REPO, f))];
    if (files.some((f) => shared.some((s) => within(f, s)))) return stacks;
    return stacks.filter((s) => files.some((f) => f === s.configFile || within(f, s.campaignsDir)));
}

/** A positive whole number of stacks at a time, or a message naming the setting. */
export function concurrencyOf(value: string | undefined, what: string): number {
    if (value === undefined || value === "") return DEFAULT_CONCURRENCY;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: must be a whole number of stacks at a time, 1 or more, got "${value}"`);
    return n;
}

/**
 * The CPU priority a stack's processes get by the order it started in: the k-th yields to the ones
 * started before it (niceness 4k more than the runner's, at most 19). A stack's start (CLI, program,
 * provider, state read) is CPU-bound, and its deploy then waits on the shared rate: the first stacks
 * get the cores first, so the account's rate is in use sooner while the later ones start. Measured, 5
 * stacks at once on 2 cores: the first API call 3.0 to 3.2 s after the start instead of 6.3 to 6.9 s
 * (docs/benchmark.md).
 */
const NICENESS_STEP = 4;

/**
 * Runs `task` for each stack, at most `concurrency` at a time; a failure in one neither stops nor hides
 * the others. With more than one stack and `shareRate`, a lease server spaces the API calls of all of
 * them to the account's rate; its URL goes to `task`, for the environment of the processes it starts,
 * and so does the niceness they start with (`lowerPriority`).
 */
export async function sideBySide<T>(
    stacks: StackSpec[],
    concurrency: number,
    shareRate: boolean,
    task: (stack: StackSpec, env: Record<string, string>, niceness: number) => Promise<T>,
): Promise<T[]> {
    const rate = Number(process.env.CCC_ACCOUNT_REQUESTS_PER_SECOND || ACCOUNT_REQUESTS_PER_SECOND);
    const lease = shareRate && stacks.length > 1 ? await startRateLeaseServer(rate) : undefined;
    const env: Record<string, string> = lease ? { [RATE_LEASE_ENV]: lease.url } : {};
    const pool = bulkhead(concurrency, Infinity);
    let started = 0;
    try {
        return await Promise.all(stacks.map((s) => pool.execute(() => task(s, env, Math.min(NICENESS_STEP * started++, LOWEST_PRIORITY)))));
    } finally {
        await lease?.close();
    }
}

/** Copies a child's lines to `write`, each behind its stack's name: the stacks' logs interleave. */
function prefixed(stream: NodeJS.ReadableStream, name: string, write: (line: string) => void): Promise<void> {
    return new Promise((resolve) => {
        const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
        lines.on("line", (l) => write(`[${name}] ${l}\n`));
        lines.on("close", resolve);
    });
}

/**
 * Runs a command for one stack, its output copied line by line behind the stack's name; resolves to
 * its exit code and its last line starting with `tag` (its own account of why it failed, if it did).
 */
export function runPrefixed(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, tag: string, niceness = 0): Promise<{ code: number; last?: string }> {
    const child = spawn(command, args, { cwd: REPO, stdio: ["ignore", "pipe", "pipe"], env });
    lowerPriority(child, niceness);
    let last: string | undefined;
    const logs = [
        prefixed(child.stdout, name, (l) => process.stdout.write(l)),
        prefixed(child.stderr, name, (l) => {
            const own = l.slice(name.length + 3).trimEnd();
            if (own.startsWith(tag)) last = own.slice(tag.length);
            process.stderr.write(l);
        }),
    ];
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) => Promise.all(logs).then(() => resolve({ code: code ?? 1, last })));
    });
}

/** One stack's `scripts/ci.sh`. */
function ciOfStack(step: "preview" | "up", stack: StackSpec, out: string, env: Record<string, string>, niceness: number) {
    return runPrefixed(
        stack.name,
        "bash",
        [path.join(REPO, "scripts", "ci.sh"), step],
        {
            ...process.env,
            ...env,
            CCC_STACK: stack.name,
            CCC_STACK_CONFIG: stack.configFile,
            CCC_OUT_DIR: out,
            CCC_SKIP_INSTALL: "1", // installed and built once, by the run that started this one
            GITHUB_STEP_SUMMARY: "", // the combined review goes there, once
        },
        "ci: ",
        niceness,
    );
}

/** A review file the stack's run wrote, if it got that far. */
function reviewFile(dir: string, file: "review.json" | "review.md"): string | undefined {
    return fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), "utf8") : undefined;
}

const log = (message: string) => process.stderr.write(`ci: ${message}\n`);

async function main(step: string): Promise<number> {
    if (step !== "preview" && step !== "up") throw new Error(`the step must be preview or up, got "${step}"`);
    const configDir = path.resolve(REPO, process.env.CCC_STACKS_DIR || STACKS_DIR);
    const concurrency = concurrencyOf(process.env.CCC_CONCURRENCY, "CCC_CONCURRENCY");
    const policyConfig = path.resolve(REPO, process.env.CCC_POLICY_CONFIG || (fs.existsSync(path.join(REPO, "policy-config.json")) ? "policy-config.json" : "policy-config.example.json"));
    const out = path.resolve(REPO, process.env.CCC_OUT_DIR || ".state/ci");
    const all = discoverStacks(configDir);
    // A push that opens a branch has no commit before it (40 zeros, in GitHub's and GitLab's variables).
    const base = /^0*$/.test(process.env.CCC_BASE ?? "") ? undefined : process.env.CCC_BASE;
    const stacks = base ? touchedStacks(all, await changedFiles(configDir, base), policyConfig) : all;
    const unchanged = all.filter((s) => !stacks.includes(s)).map((s) => s.name);
    log(`${stacks.length} of ${all.length} stacks ${base ? `changed since ${base}` : "(no CCC_BASE: all of them)"}: ${stacks.map((s) => s.name).join(", ") || "none"}; ${concurrency} at a time`);

    // The stacks' own review files hold only masked numbers, but only the combined one is kept.
    const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-stacks-"));
    try {
        const dirOf = (stack: string) => path.join(privateDir, stack);
        const results = await sideBySide(stacks, concurrency, step === "up", async (stack, env, niceness): Promise<StackResult> => {
            const { code, last } = await ciOfStack(step, stack, dirOf(stack.name), env, niceness);
            const review = reviewFile(dirOf(stack.name), "review.json");
            // Its last words point at its own review file, which is now a section of the combined one.
            const failure = code === 0 ? undefined : (last ?? `exit ${code}`).replace(/: see \S+review\.md.*$/, "");
            return { stack: stack.name, passed: code === 0, failure, review: review === undefined ? undefined : (JSON.parse(review) as Summary) };
        });
        const failed = results.filter((r) => !r.passed);
        if (step === "up") {
            const deployed = results.filter((r) => r.passed).map((r) => r.stack);
            log(`deployed: ${deployed.join(", ") || "none"}${failed.length ? `; failed: ${failed.map((r) => `${r.stack} (${r.failure})`).join(", ")}` : ""}`);
            return failed.length ? 1 : 0;
        }
        const combined = combineReviews(results, unchanged);
        const markdown = renderCombinedMarkdown(combined, (stack) => reviewFile(dirOf(stack), "review.md"));
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, "review.md"), markdown, { mode: 0o644 });
        fs.writeFileSync(path.join(out, "review.json"), `${JSON.stringify(combined, null, 2)}\n`, { mode: 0o644 });
        process.stdout.write(markdown);
        if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
        log(failed.length ? `failed stacks: ${failed.map((r) => r.stack).join(", ")}; review in ${out}/review.md` : `preview passed; review in ${out}/review.md`);
        return failed.length ? 1 : 0;
    } finally {
        fs.rmSync(privateDir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main(process.argv[2] ?? "").then(
        (code) => (process.exitCode = code),
        (e) => {
            log((e as Error).message);
            process.exitCode = 1;
        },
    );
}
