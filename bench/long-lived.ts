// A long-lived stack: most of its tasks finished for good (stopped in the emulator's console, as a
// campaign that ran its course ends: Terminated, which no API can change again), a few live. What a
// `refresh` costs in API calls, and what a change to one campaign costs beside the engine alone on a
// stack of the same size (the median of a few rounds).
import { engineStack } from "../test/support/engine-harness";
import { startTestEmulator } from "../test/support/provider-harness";
import { benchCampaign } from "./campaigns";
import { engineAloneProgram } from "./engine-alone";
import { installedProgram, type StepResult, timedStep } from "./rollout";

export interface LongLivedResult {
    tasks: number;
    liveTasks: number;
    /** The stack's up, the refresh that learns which tasks finished, and the refresh measured. */
    setup: StepResult[];
    refresh: StepResult;
    /** One campaign added: preview and up, on the stack and on the engine alone with as many resources (the median round of each). */
    oneChange: Record<OneChangeStep, StepResult>;
    /** Each round's seconds, in the order measured. */
    rounds: Record<OneChangeStep, number[]>;
}

type OneChangeStep = "preview" | "up" | "engineAlonePreview" | "engineAloneUp";

/**
 * A one-campaign change takes seconds, as long as a busy machine's hiccup: it is measured in rounds,
 * each adding one campaign to both stacks (the stack, then the engine alone, turn about), and the
 * median round of each step is kept.
 */
const ONE_CHANGE_ROUNDS = 3;

/** The step of median seconds. */
function median(steps: StepResult[]): StepResult {
    return [...steps].sort((a, b) => a.seconds - b.seconds)[Math.floor(steps.length / 2)];
}

/** `tasks` campaigns of which all but `liveTasks` are finished, then one-campaign changes. */
export async function longLived(tasks: number, liveTasks: number, parallel: number, progress: (m: string) => void): Promise<LongLivedResult> {
    const p = ["--parallel", String(parallel)];
    const up = ["up", "--yes", "--skip-preview", ...p];
    const emu = await startTestEmulator();
    try {
        const env = await engineStack("bench-long-lived", emu, {}, {}, {}, installedProgram());
        for (let i = 0; i < tasks; i++) env.writeCampaign(`bench-${i}`, benchCampaign(i));
        const created = await timedStep("up", tasks, emu, env.stack, up, progress);
        // Oldest first: the first tasks finished long ago, the newest are live.
        for (const t of emu.tasks().slice(0, tasks - liveTasks)) emu.console.stop(t.taskId);
        const learned = await timedStep("refresh", tasks, emu, env.stack, ["refresh", "--yes", "--skip-preview", ...p], progress);
        // Held to its live tasks: a refresh that describes only those has done all it must.
        const refresh = await timedStep("refresh", liveTasks, emu, env.stack, ["refresh", "--yes", "--skip-preview", ...p], progress);

        const alone = await engineStack("bench-long-lived-engine-alone", emu, {}, {}, {}, engineAloneProgram());
        for (let i = 0; i < tasks; i++) alone.writeCampaign(`bench-${i}`, benchCampaign(i));
        const aloneCreated = await timedStep("engine alone: up", tasks, emu, alone.stack, up, progress);

        const measured: Record<OneChangeStep, StepResult[]> = { preview: [], up: [], engineAlonePreview: [], engineAloneUp: [] };
        for (let round = 0; round < ONE_CHANGE_ROUNDS; round++) {
            const added = tasks + round;
            env.writeCampaign(`bench-${added}`, benchCampaign(added));
            alone.writeCampaign(`bench-${added}`, benchCampaign(added));
            measured.preview.push(await timedStep("preview", 1, emu, env.stack, ["preview", ...p], progress));
            measured.engineAlonePreview.push(await timedStep("engine alone: preview", 1, emu, alone.stack, ["preview", ...p], progress));
            measured.up.push(await timedStep("up", 1, emu, env.stack, up, progress));
            measured.engineAloneUp.push(await timedStep("engine alone: up", 1, emu, alone.stack, up, progress));
        }
        const each = <T>(f: (steps: StepResult[]) => T) => Object.fromEntries(Object.entries(measured).map(([k, steps]) => [k, f(steps)])) as Record<OneChangeStep, T>;
        return { tasks, liveTasks, setup: [created, learned, aloneCreated], refresh, oneChange: each(median), rounds: each((steps) => steps.map((s) => s.seconds)) };
    } finally {
        await emu.close();
    }
}
