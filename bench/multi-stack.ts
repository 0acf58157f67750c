// Many stacks used as one: N campaigns split over S stacks of the same account, each with its own
// folder, state and lock, deployed side by side against one emulator, which holds all of them to the
// account's one per-action rate. Their provider processes take their turns from one rate-lease server
// (provider/shared/rate-lease.ts), as the runner of many stacks does. Timed from the first `up`
// started to the last one ended.
import { RATE_LEASE_ENV, startRateLeaseServer } from "../provider/shared/rate-lease";
import { engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { sleep } from "./measure";
import { installedProgram, pulumi, RATE_LIMIT, type StepResult, stepResult } from "./rollout";

export interface MultiStackResult {
    stacks: number;
    /** One figure for all stacks together: wall time, API calls and throttling of the whole run. */
    up: StepResult;
    /** Exit status of each stack's up, in stack order. */
    exitCodes: number[];
}

export async function multiStack(n: number, stacks: number, parallel: number, progress: (m: string) => void): Promise<MultiStackResult> {
    const emu = await startTestEmulator();
    const lease = await startRateLeaseServer(RATE_LIMIT);
    try {
        const envs = [];
        for (let s = 0; s < stacks; s++) {
            const env = await engineStack(`bench-stack-${s}`, emu, {}, {}, { [RATE_LEASE_ENV]: lease.url }, installedProgram());
            // Campaign i goes to stack i mod S: every stack gets its share, all names distinct in the account.
            for (let i = s; i < n; i += stacks) env.writeCampaign(`bench-${i}`, benchCampaign(i));
            envs.push(env);
        }
        const steps = envs.map((env) => pulumi(env.stack, ["up", "--yes", "--skip-preview", "--parallel", String(parallel)]));
        await sleep(1100); // fresh rate-limit windows, as for every other step
        progress(`${stacks} × ${steps[0].command} (side by side)`);
        const since = emu.requestLog().length;
        const started = Date.now();
        const runs = await Promise.all(steps.map((s) => s.run()));
        const failed = runs.find((r) => r.code !== 0);
        const up = stepResult("multi-stack: up", n, started, emu.requestLog().slice(since), {
            code: failed?.code ?? 0,
            output: runs.map((r) => r.stdout + r.stderr).join("\n"),
            command: `${stacks} stacks side by side, each: ${steps[0].command.replaceAll("bench-stack-0", "bench-stack-S")}`,
        });
        if (failed) progress(`multi-stack up exited ${failed.code}:\n${(failed.stdout + failed.stderr).split("\n").slice(-30).join("\n")}`);
        return { stacks, up, exitCodes: runs.map((r) => r.code) };
    } finally {
        await Promise.all([emu.close(), lease.close()]);
    }
}
