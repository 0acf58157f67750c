// Runs the real Pulumi CLI on a local stack whose state, home, passphrase and stack config all live
// in the repo's ignored `.state/` folder. Shared by the demo, the local loop (`npm run ccc`) and the
// end-to-end tests.
import { type ChildProcess, execFileSync, spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import type { Readable } from "stream";

export const REPO = path.resolve(__dirname, "..");

/** Encrypts only throw-away stacks on the emulator (the demo's, the tests'): never one that can hold real credentials. */
export const THROWAWAY_PASSPHRASE = "local-demo-passphrase";

/** The team's policy config: `policy-config.json` when the repository has one, else the example. */
export function policyConfigFile(): string {
    const own = path.join(REPO, "policy-config.json");
    return fs.existsSync(own) ? own : path.join(REPO, "policy-config.example.json");
}

/** The flags that run the policy pack with the repository's config; every preview and up passes them. */
export function policyPackArgs(): string[] {
    return ["--policy-pack", path.join(REPO, "policy"), "--policy-pack-config", policyConfigFile()];
}

/** The lowest CPU priority a process can have (the highest niceness). */
export const LOWEST_PRIORITY = 19;

/**
 * Gives a process just started a lower CPU priority (`niceness` more than it inherited, at most 19),
 * which the processes it starts inherit. Best effort: a platform that refuses leaves it as it was.
 */
export function lowerPriority(child: ChildProcess, niceness: number): void {
    if (!niceness || child.pid === undefined) return;
    try {
        os.setPriority(child.pid, Math.min(os.getPriority(child.pid) + niceness, LOWEST_PRIORITY));
    } catch {
        // the priority is an optimisation: the run goes on at the default one
    }
}

/** Makes the CLI available (building it from the Go module proxy if needed) and returns its bin folder. */
export function ensurePulumi(): string {
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const bin = out.trim().split("\n").pop()!;
    if (!fs.existsSync(path.join(bin, "pulumi"))) throw new Error(`scripts/ensure-pulumi.sh did not produce a pulumi binary in ${bin}`);
    return bin;
}

/**
 * Stops the CLI's own log of every command (debug level, callee numbers included) in
 * `$PULUMI_HOME/logs`, which no setting turns off (CLI 3.274, pkg/logging/encrypted.go): with a file in
 * the place of that folder the CLI goes without ("automatic logging unavailable"). Logs written
 * before are removed: they sit beside the passphrase that decrypts them.
 */
export function blockRunLogs(home: string): void {
    const logs = path.join(home, "logs");
    if (fs.existsSync(logs) && fs.statSync(logs).isFile()) return;
    fs.rmSync(logs, { recursive: true, force: true });
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(logs, "");
}

/**
 * A pipe for the engine's event log. The CLI opens `--event-log /dev/fd/3` as a file, which fails on the
 * socket Node gives a child for "pipe"; a FIFO is a real pipe. Its name is removed once both ends are
 * open, so nothing of the events ever has a path.
 */
function eventPipe(): { reader: net.Socket; writeFd: number } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-events-"));
    try {
        const fifo = path.join(dir, "events");
        execFileSync("mkfifo", ["-m", "600", fifo]);
        const readFd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        const writeFd = fs.openSync(fifo, fs.constants.O_WRONLY);
        return { reader: new net.Socket({ fd: readFd, readable: true, writable: false }), writeFd };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}

export class LocalStack {
    readonly dir: string;
    readonly configFile: string;

    constructor(
        readonly bin: string,
        readonly stackName: string,
        readonly env: Record<string, string> = {},
        readonly projectDir: string = REPO,
    ) {
        this.dir = path.join(REPO, ".state", stackName);
        this.configFile = path.join(this.dir, `Pulumi.${stackName}.yaml`);
    }

    /** Where the passphrase is kept when it does not come from the environment. */
    get passphraseFile(): string {
        return path.join(this.dir, "passphrase");
    }

    /** The environment of every `pulumi` run on this stack (also printed by `npm run ccc -- env`). */
    environment(): NodeJS.ProcessEnv {
        return {
            ...process.env,
            PATH: `${this.bin}${path.delimiter}${process.env.PATH}`,
            PULUMI_HOME: path.join(this.dir, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.dir, "backend")}`,
            ...(fs.existsSync(this.passphraseFile) ? { PULUMI_CONFIG_PASSPHRASE_FILE: this.passphraseFile } : {}),
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            NO_COLOR: "1",
            // The program's types are checked when it is built (tsc, scripts/build.js); checking them
            // again in every run cost about 2.5 s of CPU per command.
            PULUMI_NODEJS_TRANSPILE_ONLY: process.env.PULUMI_NODEJS_TRANSPILE_ONLY ?? "true",
            ...this.env,
        };
    }

    /**
     * Runs `pulumi <args>` for this stack; never throws on a non-zero exit. `echo` also shows the output
     * as it comes. `events` gets the engine's event stream through a pipe (`--event-log /dev/fd/3`), so
     * that it is read as it comes and never lands on disk.
     */
    run(args: string[], opts: { input?: string; timeoutMs?: number; echo?: boolean; events?: (stream: Readable) => Promise<unknown>; niceness?: number } = {}): Promise<RunResult> {
        const env = this.environment();
        blockRunLogs(env.PULUMI_HOME!);
        return new Promise((resolve, reject) => {
            const events = opts.events ? eventPipe() : undefined;
            const child = spawn(path.join(this.bin, "pulumi"), [...args, ...(events ? ["--event-log", "/dev/fd/3"] : []), "--non-interactive"], {
                cwd: this.projectDir,
                // --event-log is listed only with PULUMI_DEBUG_COMMANDS (the Automation API sets it too)
                env: events ? { ...env, PULUMI_DEBUG_COMMANDS: "true" } : env,
                stdio: ["pipe", "pipe", "pipe", ...(events ? [events.writeFd] : [])],
            });
            lowerPriority(child, opts.niceness ?? 0);
            if (events) fs.closeSync(events.writeFd); // the child holds it: the reader ends when the child does
            const reading = events ? opts.events!(events.reader) : Promise.resolve();
            let stdout = "";
            let stderr = "";
            child.stdout!.on("data", (d) => {
                stdout += d;
                if (opts.echo) process.stdout.write(d);
            });
            child.stderr!.on("data", (d) => {
                stderr += d;
                if (opts.echo) process.stderr.write(d);
            });
            const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
            child.on("error", reject);
            child.on("close", (code) => {
                clearTimeout(timer);
                reading.then(() => resolve({ code: code ?? -1, stdout, stderr }), reject);
            });
            child.stdin!.end(opts.input ?? "");
        });
    }

    /** Runs a command that must succeed; the error carries the CLI's output. */
    async ok(args: string[]): Promise<string> {
        const r = await this.run(args);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
        return r.stdout;
    }

    /** A fresh throw-away stack: removes any earlier state for this name, then `stack init`. */
    async init(passphrase = THROWAWAY_PASSPHRASE): Promise<void> {
        fs.rmSync(this.dir, { recursive: true, force: true });
        await this.create(passphrase);
    }

    /**
     * A stack kept across runs: created on first use, with the passphrase from PULUMI_CONFIG_PASSPHRASE
     * or PULUMI_CONFIG_PASSPHRASE_FILE if set, else a random one kept in `passphrase` (mode 600) beside
     * its state. Returns whether it was created now.
     */
    async open(): Promise<boolean> {
        if (fs.existsSync(path.join(this.dir, "backend"))) {
            fs.chmodSync(this.dir, 0o700); // a stack made before its folder was private
            return false;
        }
        const env = { ...process.env, ...this.env };
        const fromEnv = env.PULUMI_CONFIG_PASSPHRASE !== undefined || !!env.PULUMI_CONFIG_PASSPHRASE_FILE;
        await this.create(fromEnv ? undefined : randomBytes(32).toString("base64url"));
        return true;
    }

    private async create(passphrase: string | undefined): Promise<void> {
        fs.mkdirSync(path.join(this.dir, "backend"), { recursive: true });
        // Its passphrase, the emulator's tasks (callee numbers) and the CLI's home: for this user only.
        fs.chmodSync(this.dir, 0o700);
        if (passphrase !== undefined) fs.writeFileSync(this.passphraseFile, passphrase, { mode: 0o600 });
        await this.ok(["stack", "init", this.stackName]);
        // `stack init` writes the stack's settings (its encryption salt) beside Pulumi.yaml; keep them with the rest of this stack.
        const written = path.join(this.projectDir, `Pulumi.${this.stackName}.yaml`);
        if (fs.existsSync(written)) fs.renameSync(written, this.configFile);
    }

    async setConfig(key: string, value: string, secret = false): Promise<void> {
        // The value goes through stdin, never the command line (where other users could see it).
        const r = await this.run(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), key, "--config-file", this.configFile, "--stack", this.stackName], { input: value });
        if (r.code !== 0) throw new Error(`pulumi config set ${key} exited ${r.code}\n${r.stderr}`);
    }

    /** `pulumi <command>` on this stack with its config file. */
    command(command: string[], extra: string[] = [], echo = false, events?: (stream: Readable) => Promise<unknown>): Promise<RunResult> {
        return this.run([...command, "--stack", this.stackName, "--config-file", this.configFile, ...extra], { echo, events });
    }

    up(extra: string[] = [], echo = false) {
        return this.command(["up", "--yes", "--skip-preview"], extra, echo);
    }
    preview(extra: string[] = [], echo = false, events?: (stream: Readable) => Promise<unknown>) {
        return this.command(["preview", "--diff"], extra, echo, events);
    }
    refresh(extra: string[] = [], echo = false) {
        return this.command(["refresh", "--yes", "--skip-preview"], extra, echo);
    }
    destroy(extra: string[] = [], echo = false) {
        return this.command(["destroy", "--yes", "--skip-preview"], extra, echo);
    }

    async outputs(showSecrets = false): Promise<Record<string, any>> {
        return JSON.parse(await this.ok(["stack", "output", "--json", "--stack", this.stackName, ...(showSecrets ? ["--show-secrets"] : [])]));
    }

    /** The raw state (`pulumi stack export`), as text. */
    exportState(): Promise<string> {
        return this.ok(["stack", "export", "--stack", this.stackName]);
    }

    /** The resources of one type recorded in state, with their outputs (refresh updates these, not stack outputs). */
    async resources(type: string): Promise<{ name: string; id: string; outputs: Record<string, any> }[]> {
        const resources: any[] = JSON.parse(await this.exportState()).deployment.resources ?? [];
        return resources.filter((r) => r.type === type).map((r) => ({ name: r.urn.split("::").pop(), id: r.id, outputs: r.outputs }));
    }
}
