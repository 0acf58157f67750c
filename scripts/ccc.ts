// The local loop: edit a campaign, see the diff, deploy, move time, all on a persistent local stack
// and a CCC emulator running in the background; the same commands on Tencent Cloud with --real.
// Every preview and up runs the policy pack with the repository's policy config.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { parse } from "yaml";
import { LocalEmulator, LOCAL_CREDENTIALS, parseDuration, type RunningEmulator } from "./local-emulator";
import { ensurePulumi, LocalStack, policyConfigFile, policyPackArgs, REPO, THROWAWAY_PASSPHRASE } from "./pulumi-cli";

const USAGE = `Usage: npm run ccc -- <command> [options] [-- <extra pulumi flags>]

The local loop on the default program (campaigns/): a stack kept in .state/<stack>/ and a CCC emulator
running in the background with its tasks on disk. Every preview and up runs the policy pack (policy/)
with the repository's policy config (${path.relative(REPO, policyConfigFile())}).

Commands:
  preview            pulumi preview --diff, with the policy pack
  up                 pulumi up, with the policy pack
  refresh            pulumi refresh (what CCC reports now)
  destroy            pulumi destroy (stops every task of the stack)
  emulator <action>  start | stop | status of the background emulator
  clock [advance D]  show the emulator's clock, or move it forward by D (2h, 30m, 1d12h)
  env                print the shell settings to run \`pulumi\` directly on the stack

Options:
  --real             Tencent Cloud instead of the emulator (stack "tencentcloud"; credentials from
                     TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY or the stack's config)
  --stack NAME       another local stack (default "local", or "tencentcloud" with --real)
  -h, --help         this text; \`<command> --help\` for one command

Example: npm run ccc -- preview     npm run ccc -- clock advance 2h     npm run ccc -- up --real`;

const HELP: Record<string, string> = {
    preview: `Usage: npm run ccc -- preview [--real] [--stack NAME] [-- <pulumi preview flags>]

Shows what an up would change, campaign by campaign, and runs the policy pack: a mandatory
violation exits non-zero. Starts the emulator first if it is not running (not with --real).`,
    up: `Usage: npm run ccc -- up [--real] [--stack NAME] [-- <pulumi up flags>]

Deploys the campaigns, with the policy pack: a mandatory violation stops the update before the
task is created. With --real this creates tasks on Tencent Cloud that dial real people.`,
    refresh: `Usage: npm run ccc -- refresh [--real] [--stack NAME] [-- <pulumi refresh flags>]

Reads every task back from CCC into the stack's state (paused in the console, completed, deleted).`,
    destroy: `Usage: npm run ccc -- destroy [--real] [--stack NAME] [-- <pulumi destroy flags>]

Stops every task of the stack and empties its state.`,
    emulator: `Usage: npm run ccc -- emulator start|stop|status [--stack NAME]

start   runs the CCC emulator in the background (the package's ccc-emulator command) with its tasks
        and clock in .state/<stack>/emulator-state.json, and points the stack at it
stop    stops it; its tasks stay on disk for the next start
status  prints its URL and clock, or exits 1 if it is not running`,
    clock: `Usage: npm run ccc -- clock [advance DURATION] [--stack NAME]

The emulator's clock follows wall time (every command brings it up to now) and only moves forward.
"advance 2h" moves it two hours ahead: tasks start dialing, retry and finish on the way.
Durations: 90s, 30m, 2h, 1d, 1d12h.`,
    env: `Usage: eval "$(npm run --silent ccc -- env [--real] [--stack NAME])"

Prints the exports (PATH with the Pulumi CLI, PULUMI_HOME, PULUMI_BACKEND_URL, the passphrase file) and
the flags with which to run \`pulumi\` directly on the stack.`,
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
        console.log(`created the stack "${name}" in ${stack.dir} (secrets encrypted with ${where})`);
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
        console.log(`started the CCC emulator at ${running.url} (pid ${running.pid}; tasks in ${emulator.stateFile})`);
    }
    await emulator.followWallTime(running);
    const config = stackConfig(stack);
    if (config["tencentcloud:secretId"] !== LOCAL_CREDENTIALS.secretId || !config["tencentcloud:secretKey"]) {
        await stack.setConfig("tencentcloud:secretId", LOCAL_CREDENTIALS.secretId);
        await stack.setConfig("tencentcloud:secretKey", LOCAL_CREDENTIALS.secretKey, true);
    }
    // The port changes when the emulator restarts.
    if (config["tencentcloud:cccEndpoint"] !== running.url) await stack.setConfig("tencentcloud:cccEndpoint", running.url);
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

/** The pulumi operations; preview and up always carry the policy pack. Resolve to the CLI's exit code. */
export const OPERATIONS = {
    preview: (stack: LocalStack, extra: string[]) => stack.preview([...policyPackArgs(), ...extra], true),
    up: (stack: LocalStack, extra: string[]) => stack.up([...policyPackArgs(), ...extra], true),
    refresh: (stack: LocalStack, extra: string[]) => stack.refresh(extra, true),
    destroy: (stack: LocalStack, extra: string[]) => stack.destroy(extra, true),
};

function printEnv(stack: LocalStack): void {
    const env = stack.environment();
    console.log(`export PATH=${JSON.stringify(stack.bin)}:"$PATH"`);
    for (const key of ["PULUMI_HOME", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_SKIP_UPDATE_CHECK"]) {
        if (env[key] !== undefined && env[key] !== process.env[key]) console.log(`export ${key}=${JSON.stringify(env[key])}`);
    }
    const pack = policyPackArgs().map((a) => (a.startsWith(REPO) ? path.relative(REPO, a) : a));
    console.log(`# from ${REPO}:`);
    console.log(`# pulumi preview --stack ${stack.stackName} --config-file ${path.relative(REPO, stack.configFile)} ${pack.join(" ")}`);
}

async function main(argv: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { real: { type: "boolean" }, stack: { type: "string" }, help: { type: "boolean", short: "h" } },
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

    if (command in OPERATIONS) {
        const stack = real ? await realStack(name) : (await emulatorStack(name)).stack;
        return (await OPERATIONS[command as keyof typeof OPERATIONS](stack, rest)).code;
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
