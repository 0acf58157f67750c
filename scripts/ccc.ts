// The local loop: edit a campaign, see the diff, deploy, move time, all on a persistent local stack
// and an emulator of both vendors (CCC and AICCS) running in the background; the same commands on the
// vendors' clouds with --real.
// Every preview and up runs the policy pack with the repository's policy config.
import * as fs from "fs";
import * as path from "path";
import * as readline from "readline/promises";
import { parseArgs } from "util";
import { parse } from "yaml";
import type { TaskProgress } from "../campaign/adapter";
import { KINDS } from "../provider/kinds";
import { reviewOf } from "../review/cli";
import { keepReviewedEvents } from "../review/events";
import { formatOf, statusText } from "../status/cli";
import type { Format } from "../status/render";
import { ReviewInputError } from "../review/input";
import { renderMarkdown } from "../review/markdown";
import { LocalEmulator, LOCAL_CREDENTIALS, parseDuration, type RunningEmulator } from "./local-emulator";
import { ensurePulumi, LocalStack, policyConfigFile, policyPackArgs, REPO, type RunResult, THROWAWAY_PASSPHRASE } from "./pulumi-cli";
import { CAMPAIGNS_DIR_KEY, changedFiles, concurrencyOf, DEFAULT_CONCURRENCY, discoverStacks, runPrefixed, sideBySide, STACKS_DIR, touchedStacks } from "./stacks";

const USAGE = `Usage: npm run ccc -- <command> [options] [-- <extra pulumi flags>]

The local loop on the default program (campaigns/): a stack kept in .state/<stack>/ and an emulator of
both vendors (Tencent Cloud CCC, Alibaba Cloud AICCS) running in the background with its tasks on
disk. Every preview and up runs the policy pack (policy/) with the repository's policy config
(${path.relative(REPO, policyConfigFile())}).

Commands:
  preview            pulumi preview --diff, with the policy pack, then the review a pull request gets
  up                 pulumi up, with the policy pack
  refresh            pulumi refresh, then each task's state and progress as the vendor reports them now
  destroy            pulumi destroy (stops every task of the stack)
  status             each campaign's state, progress, next window and what blocks it (from the state)
  emulator <action>  start | stop | status of the background emulator
  clock [advance D]  show the emulator's clock, or move it forward by D (2h, 30m, 1d12h)
  env                print the shell settings to run \`pulumi\` directly on the stack

Options:
  --real             Tencent Cloud instead of the emulator (stack "tencentcloud"; credentials from
                     TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or the stack's config)
  --stack NAME       another local stack (default "local", or "tencentcloud" with --real)
  --yes              with --real: up and destroy without asking (they show the preview and ask otherwise)
  --all              preview, up, refresh or destroy every stack of the layout (stacks/Pulumi.<stack>.yaml,
                     docs/many-stacks.md), side by side, each on its local stack of that name
  --changed REF      with --all: only the stacks whose folder, config or shared files differ from REF
  --concurrency N    with --all: stacks at a time (default ${DEFAULT_CONCURRENCY})
  -h, --help         this text; \`<command> --help\` for one command

Example: npm run ccc -- preview     npm run ccc -- clock advance 2h     npm run ccc -- up --real`;

const HELP: Record<string, string> = {
    preview: `Usage: npm run ccc -- preview [--real] [--stack NAME] [-- <pulumi preview flags>]

Shows what an up would change, campaign by campaign, and runs the policy pack: a mandatory
violation exits non-zero. Then the review a pull request gets (ccc-review): per campaign the action,
the changed fields (callees included, which the diff shows only as [secret]), who is called, what a
replacement restarts. Starts the emulator first if it is not running (not with --real).`,
    up: `Usage: npm run ccc -- up [--real [--yes]] [--stack NAME] [-- <pulumi up flags>]

Deploys the campaigns, with the policy pack: a mandatory violation stops the update before the
task is created. With --real this creates tasks on Tencent Cloud that dial real people: it shows the
preview and asks first, unless --yes.`,
    refresh: `Usage: npm run ccc -- refresh [--real] [--stack NAME] [-- <pulumi refresh flags>]

Reads every task back from CCC or AICCS into the stack's state (paused in the console, completed, deleted),
then prints each task's state and progress as read.`,
    destroy: `Usage: npm run ccc -- destroy [--real [--yes]] [--stack NAME] [-- <pulumi destroy flags>]

Stops every task of the stack and empties its state. With --real it shows the preview and asks
first, unless --yes.`,
    status: `Usage: npm run ccc -- status [--real] [--stack NAME] [--refresh] [--format table|text|json]

Where each campaign stands, read from the stack's state (no API call; --refresh reads every task
back first): its state, a progress bar of answered, failed, pending and not yet dialed callees, the
next window opening in the task's zone and the callees' zones, and what blocks it (paused, ended, no
window left). Windows are judged at the emulator's clock (wall time with --real). A table in a
terminal, plain text otherwise; json for bots. The package's \`ccc-status\` command does the same on any stack.`,
    emulator: `Usage: npm run ccc -- emulator start|stop|status [--stack NAME]

start   runs the emulator in the background (the package's ccc-emulator command: CCC and AICCS)
        with its tasks and clock in .state/<stack>/emulator-state.json, and points the stack at it
        (both vendors' keys and endpoints)
stop    stops it; its tasks stay on disk for the next start
status  prints its URL and clock, or exits 1 if it is not running`,
    clock: `Usage: npm run ccc -- clock [advance DURATION] [--stack NAME]

The emulator's clock follows wall time (every command brings it up to now) and only moves forward.
"advance 2h" moves it two hours ahead: tasks start dialing, retry and finish on the way. The sample
campaigns run from 2027-11-30 to 2027-12-04: "advance 400d" takes them past their end.
Durations: 90s, 30m, 2h, 1d, 1d12h.`,
    env: `Usage: eval "$(npm run --silent ccc -- env [--real] [--stack NAME])"

Prints the exports (PATH with the Pulumi CLI, PULUMI_HOME, PULUMI_BACKEND_URL, the passphrase file,
CCC_STACK and CCC_STACK_CONFIG) and the flags with which to run \`pulumi\` directly on the stack. Only
the exports go to stdout; messages (such as creating the stack on first use) go to stderr.`,
};

class UsageError extends Error {}

/** The stack config file's plain values (secret ones are objects, and are only checked for presence). */
function stackConfig(stack: LocalStack): Record<string, unknown> {
    if (!fs.existsSync(stack.configFile)) return {};
    return parse(fs.readFileSync(stack.configFile, "utf8"))?.config ?? {};
}

async function openStack(name: string): Promise<LocalStack> {
    const stack = new LocalStack(ensurePulumi(), name);
    if (await stack.open()) {
        const where = fs.existsSync(stack.passphraseFile) ? `a random passphrase in ${stack.passphraseFile}` : "the passphrase from PULUMI_CONFIG_PASSPHRASE(_FILE)";
        console.error(`created the stack "${name}" in ${stack.dir} (secrets encrypted with ${where})`);
    }
    return stack;
}

/** The emulator for this stack, started if needed, clock brought up to wall time, and the stack pointed at it. */
async function emulatorStack(name: string): Promise<{ stack: LocalStack; emulator: LocalEmulator; running: RunningEmulator }> {
    const stack = await openStack(name);
    const emulator = new LocalEmulator(stack.dir);
    let running = await emulator.status();
    if (!running) {
        running = await emulator.start();
        console.error(`started the CCC emulator at ${running.url} (pid ${running.pid}; tasks in ${emulator.stateFile})`);
    }
    await emulator.followWallTime(running);
    const config = stackConfig(stack);
    // Both vendors' keys and endpoints (the port changes when the emulator restarts), so every kind deploys here.
    const settings = [
        { id: "tencentcloud:secretId", key: "tencentcloud:secretKey", endpoint: "tencentcloud:cccEndpoint", url: running.url },
        { id: "alicloud:accessKey", key: "alicloud:secretKey", endpoint: "alicloud:aiccsEndpoint", url: running.aiccsEndpoint },
    ];
    for (const { id, key, endpoint, url } of settings) {
        if (config[id] !== LOCAL_CREDENTIALS.secretId || !config[key]) {
            await stack.setConfig(id, LOCAL_CREDENTIALS.secretId);
            await stack.setConfig(key, LOCAL_CREDENTIALS.secretKey, true);
        }
        if (config[endpoint] !== url) await stack.setConfig(endpoint, url);
    }
    return { stack, emulator, running };
}

/** The Tencent Cloud stack: never a hard-coded passphrase, and credentials present before anything runs. */
export async function realStack(name = "tencentcloud"): Promise<LocalStack> {
    const stack = await openStack(name);
    if (fs.existsSync(stack.passphraseFile) && fs.readFileSync(stack.passphraseFile, "utf8") === THROWAWAY_PASSPHRASE) {
        console.warn(
            `warning: ${stack.dir} was created by an older demo with the published demo passphrase. Re-encrypt it:\n` +
                `  eval "$(npm run --silent ccc -- env --real)"; PULUMI_CONFIG_PASSPHRASE=<new> pulumi stack change-secrets-provider passphrase --stack ${name} --config-file ${stack.configFile}\n` +
                `then keep the new passphrase in PULUMI_CONFIG_PASSPHRASE or in ${stack.passphraseFile}.`,
        );
    }
    const config = stackConfig(stack);
    if (!config["tencentcloud:secretKey"] && (!process.env.TENCENTCLOUD_SECRET_ID || !process.env.TENCENTCLOUD_SECRET_KEY)) {
        throw new UsageError(
            "--real needs Tencent Cloud credentials: export TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY " +
                `(plus TENCENTCLOUD_SESSION_TOKEN for temporary credentials), or set tencentcloud:secretId/secretKey in ${stack.configFile}`,
        );
    }
    return stack;
}

/**
 * `--all`: the command on every stack of the layout (or those `changed` touches), `concurrency` at a
 * time, each through this script on its local stack of the same name (pointed at the layout's folder),
 * its output behind its name; the stacks' API calls share the account's rate. Resolves to 1 if any failed.
 */
async function allStacks(command: keyof typeof OPERATIONS, real: boolean, values: { changed?: string; concurrency?: string }, extra: string[]): Promise<number> {
    const concurrency = concurrencyOf(values.concurrency, "--concurrency");
    const layout = discoverStacks(STACKS_DIR);
    if (!layout.length) throw new UsageError(`--all: no stack in the layout: no ${path.relative(REPO, STACKS_DIR)}/Pulumi.<stack>.yaml names a campaign folder (${CAMPAIGNS_DIR_KEY}); see docs/many-stacks.md`);
    const stacks = values.changed ? touchedStacks(layout, await changedFiles(REPO, values.changed), policyConfigFile()) : layout;
    console.error(`ccc: ${command} on ${stacks.length} of ${layout.length} stacks${values.changed ? ` (changed since ${values.changed})` : ""}: ${stacks.map((s) => s.name).join(", ") || "none"}; ${concurrency} at a time`);
    const results = await sideBySide(stacks, concurrency, command !== "preview", async (spec, env, niceness) => {
        try {
            const stack = real ? await realStack(spec.name) : await openStack(spec.name);
            if (stackConfig(stack)[CAMPAIGNS_DIR_KEY] !== spec.campaignsDir) await stack.setConfig(CAMPAIGNS_DIR_KEY, spec.campaignsDir);
            const args = ["-r", "ts-node/register/transpile-only", __filename, command, "--stack", spec.name, ...(real ? ["--real", "--yes"] : []), "--", ...extra];
            return { name: spec.name, ...(await runPrefixed(spec.name, process.execPath, args, { ...process.env, ...env }, "ccc: ", niceness)) };
        } catch (e) {
            // One stack that cannot be opened stops no other.
            console.error(`[${spec.name}] ccc: ${(e as Error).message}`);
            return { name: spec.name, code: 1 };
        }
    });
    const failed = results.filter((r) => r.code !== 0);
    console.error(`ccc: ${command} passed: ${results.filter((r) => r.code === 0).map((r) => r.name).join(", ") || "none"}${failed.length ? `; failed: ${failed.map((r) => r.name).join(", ")}` : ""}`);
    return failed.length ? 1 : 0;
}

/** The campaign folder the stack's program reads (its `ccc-campaigns:campaignsDir`, else campaigns/). */
function campaignsDir(stack: LocalStack): string {
    const dir = stackConfig(stack)["ccc-campaigns:campaignsDir"];
    return path.resolve(REPO, typeof dir === "string" ? dir : "campaigns");
}

/**
 * `preview --diff`, then the review of the same run: its events come through a pipe with the debug
 * diagnostics dropped as they are read, the state export stays in memory. Nothing lands on disk.
 */
async function previewWithReview(stack: LocalStack, extra: string[]): Promise<RunResult> {
    const events: string[] = [];
    const result = await stack.preview([...policyPackArgs(), ...extra], true, (stream) => keepReviewedEvents(stream, { write: (l) => events.push(l), log: () => {} }));
    try {
        const state = await stack.ok(["stack", "export", "--show-secrets", "--stack", stack.stackName]);
        console.log(`\n${renderMarkdown(reviewOf({ preview: events.join("\n"), state, campaigns: campaignsDir(stack), policyConfig: fs.readFileSync(policyConfigFile(), "utf8") }))}`);
    } catch (e) {
        if (!(e instanceof ReviewInputError)) throw e;
        console.error(`ccc: no review: ${e.message}`);
    }
    return result;
}

/** The progress of a task that reports none yet. */
const NOT_STARTED: TaskProgress = { total: 0, dialed: 0, reached: 0, notAnswered: 0, pending: 0 };

/** Each task's state and progress as recorded in state, one line a task, of every kind. */
async function taskLines(stack: LocalStack): Promise<string[]> {
    const lines: string[] = [];
    for (const kind of KINDS) {
        for (const { name, outputs } of await stack.resources(kind.tokens.dynamic)) {
            const { lifecycle } = kind;
            const p = lifecycle.progress(outputs) ?? NOT_STARTED;
            lines.push(
                `${name}: ${lifecycle.stateName(outputs) ?? "?"} (${kind.name} ${lifecycle.taskId(outputs)}), ${p.reached} answered of ${p.total}, ${p.notAnswered} not answered, ` +
                    `${p.pending} calling or awaiting a retry, ${p.total - p.dialed} not dialed yet`,
            );
        }
    }
    return lines;
}

/** Refresh, then what it read: the engine's own display compares inputs, which a refresh does not change. */
async function refreshWithReadout(stack: LocalStack, extra: string[]): Promise<RunResult> {
    const result = await stack.refresh(extra, true);
    if (result.code === 0) {
        const lines = await taskLines(stack);
        console.log(`\nRead back:\n${lines.length ? lines.map((l) => `  ${l}`).join("\n") : "  no task in the stack"}`);
    }
    return result;
}

/** On Tencent Cloud, up and destroy show the preview and ask; --yes skips both. */
async function confirmed(stack: LocalStack, command: "up" | "destroy", extra: string[]): Promise<boolean> {
    if (!process.stdin.isTTY) {
        throw new UsageError(`${command} --real changes tasks that dial real people: confirm with --yes (stdin is not a terminal, so it cannot ask)`);
    }
    const preview = command === "up" ? await stack.preview([...policyPackArgs(), ...extra], true) : await stack.command(["destroy", "--preview-only"], extra, true);
    if (preview.code !== 0) return false;
    const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await prompt.question(`${command} on Tencent Cloud (stack ${stack.stackName}): real people will be dialed or stopped. Type "yes" to go on: `);
    prompt.close();
    return answer.trim() === "yes";
}

/** The pulumi operations; preview and up always carry the policy pack. Resolve to the CLI's exit code. */
export const OPERATIONS = {
    preview: previewWithReview,
    up: (stack: LocalStack, extra: string[]) => stack.up([...policyPackArgs(), ...extra], true),
    refresh: refreshWithReadout,
    destroy: (stack: LocalStack, extra: string[]) => stack.destroy(extra, true),
};

function printEnv(stack: LocalStack): void {
    const env = stack.environment();
    console.log(`export PATH=${JSON.stringify(stack.bin)}:"$PATH"`);
    for (const key of ["PULUMI_HOME", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_NODEJS_TRANSPILE_ONLY"]) {
        if (env[key] !== undefined && env[key] !== process.env[key]) console.log(`export ${key}=${JSON.stringify(env[key])}`);
    }
    // The stack and its config file, for the review snippet of docs/review.md (and scripts/ci.sh).
    console.log(`export CCC_STACK=${JSON.stringify(stack.stackName)} CCC_STACK_CONFIG=${JSON.stringify(stack.configFile)}`);
    const pack = policyPackArgs().map((a) => (a.startsWith(REPO) ? path.relative(REPO, a) : a));
    console.log(`# from ${REPO}:`);
    console.log(`# pulumi preview --stack ${stack.stackName} --config-file ${path.relative(REPO, stack.configFile)} ${pack.join(" ")}`);
}

async function main(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            real: { type: "boolean" },
            yes: { type: "boolean" },
            stack: { type: "string" },
            all: { type: "boolean" },
            changed: { type: "string" },
            concurrency: { type: "string" },
            refresh: { type: "boolean" },
            format: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
    const [command, ...rest] = positionals;
    if (!command || (values.help && !HELP[command])) {
        console.log(USAGE);
        return command || values.help ? 0 : 2;
    }
    if (!HELP[command]) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    if (values.help) {
        console.log(HELP[command]);
        return 0;
    }
    const real = !!values.real;
    const name = values.stack ?? (real ? "tencentcloud" : "local");
    if (values.all) {
        if (!(command in OPERATIONS)) throw new UsageError(`--all runs ${Object.keys(OPERATIONS).join(", ")}; "${command}" is about one stack`);
        if (values.stack) throw new UsageError("--all and --stack: the stacks of --all are the layout's");
        // Several stacks at once cannot ask on one terminal.
        if (real && !values.yes && (command === "up" || command === "destroy")) throw new UsageError(`${command} --real --all changes the tasks of every stack: confirm with --yes`);
        return allStacks(command as keyof typeof OPERATIONS, real, values, rest);
    }
    if (values.changed !== undefined || values.concurrency !== undefined) throw new UsageError("--changed and --concurrency go with --all");

    if (command in OPERATIONS) {
        const stack = real ? await realStack(name) : (await emulatorStack(name)).stack;
        if (real && !values.yes && (command === "up" || command === "destroy") && !(await confirmed(stack, command, rest))) {
            console.error(`ccc: ${command} not confirmed: nothing was changed`);
            return 1;
        }
        return (await OPERATIONS[command as keyof typeof OPERATIONS](stack, rest)).code;
    }
    if (command === "status") {
        let format: Format;
        try {
            format = formatOf(values.format, !!process.stdout.isTTY);
        } catch (e) {
            throw new UsageError((e as Error).message);
        }
        const local = real ? undefined : await emulatorStack(name);
        const stack = local?.stack ?? (await realStack(name));
        if (values.refresh) {
            const refreshed = await stack.refresh([], true);
            if (refreshed.code !== 0) return refreshed.code;
        }
        const exported = await stack.ok(["stack", "export", "--show-secrets", "--stack", stack.stackName]);
        const now = local ? await local.emulator.clock(local.running) : Math.floor(Date.now() / 1000);
        process.stdout.write(statusText(exported, now, format));
        return 0;
    }
    if (command === "env") {
        printEnv(await openStack(name)); // no credentials needed to look at the stack
        return 0;
    }
    if (real) throw new UsageError(`"${command}" is about the emulator; there is none with --real`);
    if (command === "emulator") {
        const emulator = new LocalEmulator(path.join(REPO, ".state", name));
        if (rest[0] === "start") {
            const { running } = await emulatorStack(name);
            console.log(`${running.url} (pid ${running.pid}; log ${emulator.logFile})`);
            return 0;
        }
        if (rest[0] === "stop") {
            console.log((await emulator.stop()) ? "stopped" : "not running");
            return 0;
        }
        if (rest[0] === "status") {
            const running = await emulator.status();
            if (!running) {
                console.log("not running");
                return 1;
            }
            console.log(`${running.url} (pid ${running.pid}), clock ${new Date((await emulator.clock(running)) * 1000).toISOString()}`);
            return 0;
        }
        throw new UsageError(HELP.emulator);
    }
    // clock
    if (rest.length && (rest[0] !== "advance" || rest.length !== 2)) throw new UsageError(HELP.clock);
    let advance: number | undefined;
    try {
        advance = rest.length ? parseDuration(rest[1]) : undefined;
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
    const { emulator, running } = await emulatorStack(name);
    const now = await emulator.clock(running, advance === undefined ? undefined : { advance });
    console.log(new Date(now * 1000).toISOString());
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => (process.exitCode = code),
        (e) => {
            console.error(`ccc: ${e instanceof Error ? e.message : e}`);
            // 2: the command line was wrong (ours, or util.parseArgs' ERR_PARSE_ARGS_*)
            process.exitCode = e instanceof UsageError || String(e?.code).startsWith("ERR_PARSE_ARGS") ? 2 : 1;
        },
    );
}
