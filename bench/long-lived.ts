// A long-lived stack: most of its tasks finished for good (stopped in the emulator's console, as a
// campaign that ran its course ends: Terminated, which no API can change again), a few live. What a
// `refresh` costs in API calls, and what a change to one campaign costs beside the engine alone on a
// stack of the same size.
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
    /** One campaign added: preview and up, on the stack and on the engine alone with as many resources. */
    oneChange: { preview: StepResult; up: StepResult; engineAlonePreview: StepResult; engineAloneUp: StepResult };
}

/** `tasks` campaigns of which all but `liveTasks` are finished, then a one-campaign change. */
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
        env.writeCampaign(`bench-${tasks}`, benchCampaign(tasks));
        const preview = await timedStep("preview", 1, emu, env.stack, ["preview", ...p], progress);
        const changed = await timedStep("up", 1, emu, env.stack, up, progress);

        const alone = await engineStack("bench-long-lived-engine-alone", emu, {}, {}, {}, engineAloneProgram());
        for (let i = 0; i < tasks; i++) alone.writeCampaign(`bench-${i}`, benchCampaign(i));
        const aloneCreated = await timedStep("engine alone: up", tasks, emu, alone.stack, up, progress);
        alone.writeCampaign(`bench-${tasks}`, benchCampaign(tasks));
        const engineAlonePreview = await timedStep("engine alone: preview", 1, emu, alone.stack, ["preview", ...p], progress);
        const engineAloneUp = await timedStep("engine alone: up", 1, emu, alone.stack, up, progress);
        return { tasks, liveTasks, setup: [created, learned, aloneCreated], refresh, oneChange: { preview, up: changed, engineAlonePreview, engineAloneUp } };
    } finally {
        await emu.close();
    }
}
