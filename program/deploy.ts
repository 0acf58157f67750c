// The campaign-file program as a function: one task per YAML file in a folder (a CalloutTask, or the `kind:` it names). The default
// program (program/index.ts) calls it; so can a user's own index.ts on a folder of their own.
import * as pulumi from "@pulumi/pulumi";
import { AgentCruiseDialingCampaign } from "../provider/agent-cruise-campaign";
import { AiCallTask } from "../provider/ai-call-task";
import { CalloutTask } from "../provider/callout-task";
import { loadCampaigns } from "./campaigns";

export interface DeployedCampaign {
    /** A number for a CalloutTask, text (64-bit) for an AiCallTask. */
    taskId: pulumi.Output<number> | pulumi.Output<string>;
    state: CalloutTask["stateName"] | AiCallTask["statusName"] | AgentCruiseDialingCampaign["stateName"];
    /** An agent cruise campaign cannot be paused: always false. */
    paused: pulumi.Output<boolean>;
    progress: CalloutTask["progress"] | AiCallTask["progress"] | AgentCruiseDialingCampaign["progress"];
}

/**
 * Declares one CalloutTask per `*.yaml`/`*.yml` file in `dir` (the file name names the resource) and
 * returns each task's outputs by campaign name. Every file is validated first: one bad file fails the
 * whole program with every problem listed, before any resource is registered.
 */
export function deployCampaigns(dir: string, opts: pulumi.CustomResourceOptions = {}): Record<string, DeployedCampaign> {
    return Object.fromEntries(
        loadCampaigns(dir).map((c) => {
            if (c.kind === "AgentCruiseDialingCampaign") {
                const campaign = new AgentCruiseDialingCampaign(c.name, c.inputs, opts);
                return [c.name, { taskId: campaign.campaignId, state: campaign.stateName, paused: pulumi.output(false), progress: campaign.progress }];
            }
            if (c.kind === "AiCallTask") {
                const task = new AiCallTask(c.name, c.inputs, opts);
                return [c.name, { taskId: task.taskId, state: task.statusName, paused: task.paused, progress: task.progress }];
            }
            const task = new CalloutTask(c.name, c.inputs, opts);
            return [c.name, { taskId: task.taskId, state: task.stateName, paused: task.paused, progress: task.progress }];
        }),
    );
}
