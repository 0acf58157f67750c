// Many stacks used as one: N campaigns split over S stacks of the same account, each with its own
// folder, state and lock, deployed side by side against one emulator, which holds all of them to the
// account's one per-action rate. They run through the runner of many stacks (`sideBySide` of
// scripts/stacks.ts), all at once, so that their provider processes take their turns from its one
// rate-lease server, each started at the runner's niceness for its place. Timed from the first `up`
// started to the last one ended.
import { sideBySide } from "../scripts/stacks";
import { type EngineStack, engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { sleep } from "./measure";
import { installedProgram, pulumi, type StepResult, stepResult } from "./rollout";

export interface MultiStackResult {
    stacks: number;
    /** One figure for all stacks together: wall time, API calls and throttling of the whole run. */
    up: StepResult;
    /** Exit status of each stack's up, in stack order. */
    exitCodes: number[];
}

export async function multiStack(n: number, stacks: number, parallel: number, progress: (m: string) => void): Promise<MultiStackResult> {
    const emu = await startTestEmulator();
    try {
        const envs: EngineStack[] = [];
        for (let s = 0; s < stacks; s++) {
            const env = await engineStack(`bench-stack-${s}`, emu, {}, {}, {}, installedProgram());
            // Campaign i goes to stack i mod S: every stack gets its share, all names distinct in the account.
            for (let i = s; i < n; i += stacks) env.writeCampaign(`bench-${i}`, benchCampaign(i));
            envs.push(env);
        }
        const args = ["up", "--yes", "--skip-preview", "--parallel", String(parallel)];
        const command = pulumi(envs[0].stack, args).command.replaceAll(envs[0].stack.stackName, "bench-stack-S");
        await sleep(1100); // fresh rate-limit windows, as for every other step
        progress(`${stacks} × ${command} (side by side)`);
        const since = emu.requestLog().length;
        const started = Date.now();
        const specs = envs.map((e) => ({ name: e.stack.stackName, configFile: e.stack.configFile, campaignsDir: e.campaigns }));
        // The runner's lease server URL reaches each CLI's environment, and through it the provider processes.
        const runs = await sideBySide(specs, stacks, true, (spec, leaseEnv, niceness) => {
            const { stack } = envs[specs.indexOf(spec)];
            Object.assign(stack.env, leaseEnv);
            return pulumi(stack, args).run({ niceness });
        });
        const failed = runs.find((r) => r.code !== 0);
        const up = stepResult("multi-stack: up", n, started, emu.requestLog().slice(since), {
            code: failed?.code ?? 0,
            output: runs.map((r) => r.stdout + r.stderr).join("\n"),
            command: `${stacks} stacks side by side (scripts/stacks.ts sideBySide, the rate shared), each: ${command}`,
        });
        if (failed) progress(`multi-stack up exited ${failed.code}:\n${(failed.stdout + failed.stderr).split("\n").slice(-30).join("\n")}`);
        return { stacks, up, exitCodes: runs.map((r) => r.code) };
    } finally {
        await emu.close();
    }
}
