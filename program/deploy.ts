// The campaign-file program as a function: one CalloutTask per YAML file in a folder. The default
// program (program/index.ts) calls it; so can a user's own index.ts on a folder of their own.
import type * as pulumi from "@pulumi/pulumi";
import { CalloutTask } from "../provider/callout-task";
import { loadCampaigns } from "./campaigns";

export interface DeployedCampaign {
    taskId: pulumi.Output<number>;
    state: CalloutTask["stateName"];
    paused: pulumi.Output<boolean>;
    progress: CalloutTask["progress"];
}

/**
 * Declares one CalloutTask per `*.yaml`/`*.yml` file in `dir` (the file name names the resource) and
 * returns each task's outputs by campaign name. Every file is validated first: one bad file fails the
 * whole program with every problem listed, before any resource is registered.
 */
export function deployCampaigns(dir: string, opts: pulumi.CustomResourceOptions = {}): Record<string, DeployedCampaign> {
    return Object.fromEntries(
        loadCampaigns(dir).map((c) => {
            const task = new CalloutTask(c.name, c.inputs, opts);
            return [c.name, { taskId: task.taskId, state: task.stateName, paused: task.paused, progress: task.progress }];
        }),
    );
}
