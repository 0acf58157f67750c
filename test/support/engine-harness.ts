// A local stack of the default program, with its own campaign folder, pointed at an emulator.
import { execFileSync, spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { strict as assert } from "assert";
import { stringify } from "yaml";
import type { Emulator } from "../../emulator";
import { ensurePulumi, LocalStack, REPO } from "../../scripts/pulumi-cli";
import { actions, SECRET_ID, SECRET_KEY } from "./provider-harness";

export interface EngineStack {
    stack: LocalStack;
    campaigns: string;
    writeCampaign(name: string, inputs: Record<string, unknown>): void;
    removeCampaign(name: string): void;
}

/**
 * Where the stack's provider goes: an emulator (the test credentials in stack config), or a real
 * endpoint whose credentials the provider reads from the environment, never from a file (its stack
 * then gets a random passphrase, as its state holds a real callee). Without a `url`, CCC's endpoint
 * is left to its default (a stack of AiCallTasks only, whose endpoint comes from the environment).
 */
export type EngineTarget = Pick<Emulator, "url"> | { url?: string; credentialsFromEnv: true };

/**
 * Builds (or reuses) the CLI, creates a fresh stack and campaign folder, and sets the stack config. `env`
 * reaches every CLI run (e.g. another backend); `projectDir` is a program of project `ccc-campaigns`
 * other than the repository's own.
 */
export async function engineStack(
    name: string,
    emu: EngineTarget,
    config: Record<string, string> = {},
    secrets: Record<string, string> = {},
    env: Record<string, string> = {},
    projectDir?: string,
): Promise<EngineStack> {
    const stack = new LocalStack(ensurePulumi(), name, env, projectDir);
    const real = "credentialsFromEnv" in emu;
    await stack.init(real ? randomBytes(32).toString("base64url") : undefined);
    const campaigns = path.join(REPO, ".state", `${name}-campaigns`);
    fs.rmSync(campaigns, { recursive: true, force: true });
    fs.mkdirSync(campaigns, { recursive: true });
    if (!real) {
        await stack.setConfig("tencentcloud:secretId", SECRET_ID);
        await stack.setConfig("tencentcloud:secretKey", SECRET_KEY, true);
    }
    if (emu.url !== undefined) await stack.setConfig("tencentcloud:cccEndpoint", emu.url);
    await stack.setConfig("ccc-campaigns:campaignsDir", campaigns);
    for (const [k, v] of Object.entries(config)) await stack.setConfig(k, v);
    for (const [k, v] of Object.entries(secrets)) await stack.setConfig(k, v, true);
    return {
        stack,
        campaigns,
        writeCampaign: (file, inputs) => fs.writeFileSync(path.join(campaigns, `${file}.yaml`), stringify(inputs)),
        removeCampaign: (file) => fs.rmSync(path.join(campaigns, `${file}.yaml`)),
    };
}

/** The policy pack with the repository's example config, as the engine tests run it. */
export const EXAMPLE_PACK = ["--policy-pack", path.join(REPO, "policy"), "--policy-pack-config", path.join(REPO, "policy-config.example.json")];

/**
 * A preview the pack must stop: it fails on a mandatory `ccc-allowed-hours` violation whose message
 * matches `message`, never shows the callee's `digits`, and no change reaches the API.
 */
export async function expectBlockedAtNight(stack: LocalStack, emu: Emulator, message: RegExp, digits: string): Promise<void> {
    const before = emu.requestLog().length;
    const blocked = await stack.preview(EXAMPLE_PACK);
    assert.notEqual(blocked.code, 0, "a mandatory violation must fail the preview");
    const text = blocked.stdout + blocked.stderr;
    assert.match(text, /\[mandatory\]\s+ccc-allowed-hours/);
    assert.match(text, message);
    assert.ok(!text.includes(digits), "a full number in the policy output");
    assert.ok(!actions(emu, before).some((a) => /Create|Pause|Resume|Stop/.test(a)), "a change reached the API");
}

/**
 * `pulumi up`, killed (SIGKILL) with every process it started once `until` holds (e.g. a create has
 * committed and its answer is held back). The plugins run in process groups of their own: the whole
 * tree is killed, by pid, as an OOM killer or a cancelled CI job would.
 */
export async function upKilledWhen(stack: LocalStack, until: () => boolean, timeoutMs = 300_000): Promise<void> {
    const args = ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.stackName, "--config-file", stack.configFile];
    const child = spawn(path.join(stack.bin, "pulumi"), args, { cwd: stack.projectDir, env: stack.environment(), stdio: "ignore", detached: true });
    const exited = new Promise((resolve) => child.on("close", resolve));
    const deadline = Date.now() + timeoutMs;
    while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    for (const pid of [child.pid!, ...descendantsOf(child.pid!)]) process.kill(pid, "SIGKILL");
    await exited;
}

/** Every process started, directly or not, by `pid` (from `ps`, so that nothing is left running after the test). */
function descendantsOf(pid: number): number[] {
    const pairs = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
    const children = (p: number): number[] => pairs.filter(([, parent]) => parent === p).flatMap(([c]) => [c, ...children(c)]);
    return children(pid);
}
