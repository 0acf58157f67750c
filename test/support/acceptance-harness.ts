// The acceptance run rehearsed on an emulator: its variables pointed at one, and its entry point as
// `npm run test:acceptance` starts it (without the build step), in a child process.
import { type ChildProcess, spawn } from "child_process";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { REPO } from "../../scripts/pulumi-cli";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY } from "./provider-harness";

export const REHEARSAL_CALLEE = "+8613912345678";

/** The run's variables for the given vendors, pointed at `emu`. */
export function emulatorEnv(emu: Emulator, vendors: ("ccc" | "aiccs")[] = ["ccc", "aiccs"]): Record<string, string> {
    const ccc = {
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        TENCENTCLOUD_CCC_ENDPOINT: emu.url,
        TENCENTCLOUD_CCC_SDK_APP_ID: String(SDK_APP_ID),
        TENCENTCLOUD_ACCEPTANCE_CALLER: "+8602012345678",
        TENCENTCLOUD_ACCEPTANCE_IVR_ID: "8",
        TENCENTCLOUD_ACCEPTANCE_CALLEE: REHEARSAL_CALLEE,
    };
    const aiccs = {
        ALIBABA_CLOUD_ACCESS_KEY_ID: SECRET_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET_KEY,
        ALIBABA_CLOUD_AICCS_ENDPOINT: `http://${emu.aiccs.endpoint}`,
        ALIBABA_CLOUD_AICCS_AGENT_ID: "agent-7",
        ALIBABA_CLOUD_AICCS_VIRTUAL_NUMBER: "057100000007",
        ALIBABA_CLOUD_ACCEPTANCE_CALLEE: REHEARSAL_CALLEE,
    };
    return { ...(vendors.includes("ccc") ? ccc : {}), ...(vendors.includes("aiccs") ? aiccs : {}) };
}

/** This process's environment without any vendor variable (a developer's own keys must not leak in), plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(TENCENTCLOUD_|ALIBABA_CLOUD_)/.test(k))), ...extra };
}

/** Runs the entry point; `onStart` gets the child (to signal it). stdout and stderr are kept apart. */
export function entryPoint(env: NodeJS.ProcessEnv, onStart?: (child: ChildProcess) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(path.join(REPO, "node_modules", ".bin", "ts-node"), ["--transpile-only", "test/acceptance/run.ts"], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        onStart?.(child);
    });
}

/** Resolves once `check` holds (polled every 20 ms), or rejects after `ms`. */
export async function until(check: () => boolean, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
        if (Date.now() > end) throw new Error("timed out");
        await new Promise((r) => setTimeout(r, 20));
    }
}
