// A CCC emulator in the background for the local loop (`npm run ccc`): started once and left running,
// its tasks kept on disk, its clock never behind wall time and moved forward on request. It runs the
// package's `ccc-emulator` command and is driven through its control plane, as any user could.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "./pulumi-cli";

/** The only credentials this emulator accepts, by both vendors; the local stack's config holds them. They open nothing real. */
export const LOCAL_CREDENTIALS = { secretId: "AKIDLOCALLOOP0000000000000000000000001", secretKey: "local-loop-emulator-key" };

export interface RunningEmulator {
    pid: number;
    /** The API endpoint, `http://ccc.localhost:PORT` (the SDK signs with the host's first label). */
    url: string;
    /** AICCS's endpoint on the same emulator, `127.0.0.1:PORT` (alicloud:aiccsEndpoint). */
    aiccsEndpoint: string;
}

/** The endpoints the emulator prints on start (emulator/bin.ts): CCC's URL, then "aiccs HOST:PORT". */
function announced(log: string): Omit<RunningEmulator, "pid"> | undefined {
    const url = /^(http:\/\/\S+)$/m.exec(log)?.[1];
    const aiccsEndpoint = /^aiccs (\S+)$/m.exec(log)?.[1];
    return url && aiccsEndpoint ? { url, aiccsEndpoint } : undefined;
}

/** "2h", "30m", "1d12h", "90s" → seconds. */
export function parseDuration(text: string): number {
    if (!/^(\d+[dhms])+$/.test(text)) throw new Error(`"${text}" is not a duration: write it like 2h, 30m, 1d12h or 90s`);
    const unit = { d: 86400, h: 3600, m: 60, s: 1 } as const;
    return [...text.matchAll(/(\d+)([dhms])/g)].reduce((sum, [, n, u]) => sum + Number(n) * unit[u as keyof typeof unit], 0);
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class LocalEmulator {
    /** Its tasks and clock, loaded at start and saved after every change. */
    readonly stateFile: string;
    readonly logFile: string;
    private readonly infoFile: string;

    constructor(readonly dir: string) {
        this.stateFile = path.join(dir, "emulator-state.json");
        this.logFile = path.join(dir, "emulator.log");
        this.infoFile = path.join(dir, "emulator.json");
    }

    private record(): RunningEmulator | undefined {
        if (!fs.existsSync(this.infoFile)) return undefined;
        const info: RunningEmulator = JSON.parse(fs.readFileSync(this.infoFile, "utf8"));
        // One started before the record kept AICCS's endpoint printed it in its log all the same.
        return info.aiccsEndpoint || !fs.existsSync(this.logFile) ? info : { ...announced(fs.readFileSync(this.logFile, "utf8")), ...info };
    }

    /** The emulator started earlier for this stack, if it still runs and answers. */
    async status(): Promise<RunningEmulator | undefined> {
        const info = this.record();
        if (!info || !alive(info.pid)) return undefined;
        try {
            await this.control(info, "GET");
            return info;
        } catch {
            return undefined; // that process id now belongs to something else
        }
    }

    /**
     * Starts it on the port it had before if that is free: the stack's state records the endpoint in its
     * provider settings, and refresh and destroy use those, not the current config.
     */
    async start(): Promise<RunningEmulator> {
        const running = await this.status();
        if (running) return running;
        const previous = this.record();
        if (previous) {
            try {
                return await this.spawn(new URL(previous.url).port);
            } catch {
                // the port is taken now: any port will do, and the next up records the new endpoint
            }
        }
        return this.spawn("0");
    }

    private async spawn(port: string): Promise<RunningEmulator> {
        fs.mkdirSync(this.dir, { recursive: true });
        const log = fs.openSync(this.logFile, "w");
        const credentials = `${LOCAL_CREDENTIALS.secretId}:${LOCAL_CREDENTIALS.secretKey}`;
        const child = spawn(process.execPath, [path.join(REPO, require("../package.json").bin["ccc-emulator"]), "--port", port, "--state", this.stateFile], {
            cwd: REPO,
            detached: true, // outlives this command; `emulator stop` ends it by its id
            stdio: ["ignore", log, log],
            env: { ...process.env, CCC_EMULATOR_CREDENTIALS: credentials },
        });
        child.unref();
        fs.closeSync(log);
        for (let waited = 0; waited < 120_000; waited += 200) {
            const endpoints = announced(fs.readFileSync(this.logFile, "utf8"));
            if (endpoints) {
                const info = { pid: child.pid!, ...endpoints };
                fs.writeFileSync(this.infoFile, JSON.stringify(info));
                return info;
            }
            if (child.exitCode !== null || !alive(child.pid!)) break;
            await sleep(200);
        }
        if (alive(child.pid!)) process.kill(child.pid!, "SIGTERM");
        throw new Error(`the emulator did not start:\n${fs.readFileSync(this.logFile, "utf8")}`);
    }

    /** Stops it (by the process id recorded at start); false if none was running. */
    async stop(): Promise<boolean> {
        const running = await this.status();
        if (!running) return false;
        process.kill(running.pid, "SIGTERM");
        for (let waited = 0; alive(running.pid) && waited < 10_000; waited += 100) await sleep(100);
        return true;
    }

    /** Reads the clock (Unix seconds), or moves it: `{ advance: seconds }` or `{ set: unixSeconds }`. */
    async clock(running: RunningEmulator, move?: { advance: number } | { set: number }): Promise<number> {
        return (await this.control(running, move ? "POST" : "GET", move)).now;
    }

    /** Brings the clock up to wall time unless it is already ahead (the clock only moves forward). */
    async followWallTime(running: RunningEmulator): Promise<number> {
        const now = await this.clock(running);
        const wall = Math.floor(Date.now() / 1000);
        return wall > now ? this.clock(running, { set: wall }) : now;
    }

    private async control(running: RunningEmulator, method: "GET" | "POST", body?: unknown): Promise<{ now: number }> {
        // The control plane is reached on the loopback address: not every resolver maps ccc.localhost.
        const port = new URL(running.url).port;
        const res = await fetch(`http://127.0.0.1:${port}/_emulator/clock`, { method, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(10_000) });
        const answer = (await res.json()) as { now: number; error?: string };
        if (!res.ok) throw new Error(`emulator clock: ${answer.error ?? res.status}`);
        return answer;
    }
}
