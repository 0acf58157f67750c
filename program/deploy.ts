// The campaign-file program as a function: one task per YAML file in a folder (a CalloutTask, or the `kind:` it names). The default
// program (program/index.ts) calls it; so can a user's own index.ts on a folder of their own.
import * as pulumi from "@pulumi/pulumi";
import { AgentCruiseDialingCampaign } from "../provider/agent-cruise-campaign";
import { AiCallTask } from "../provider/ai-call-task";
import { CalloutTask } from "../provider/callout-task";
import { PredictiveDialingCampaign } from "../provider/predictive-campaign";
import { loadCampaigns } from "./campaigns";

export interface DeployedCampaign {
    /** A number for a CalloutTask (its task id) and a PredictiveDialingCampaign (its campaign id), text (64-bit) for an AiCallTask. */
    taskId: pulumi.Output<number> | pulumi.Output<string>;
    state: CalloutTask["stateName"] | AiCallTask["statusName"] | PredictiveDialingCampaign["statusName"] | AgentCruiseDialingCampaign["stateName"];
    /** An agent cruise campaign cannot be paused: always false. */
    paused: pulumi.Output<boolean>;
    progress: CalloutTask["progress"] | AiCallTask["progress"] | PredictiveDialingCampaign["progress"] | AgentCruiseDialingCampaign["progress"];
}

/**
 * Declares one task (CalloutTask, or the `kind:` a file names) per `*.yaml`/`*.yml` file in `dir` (the file name names the resource) and
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
            if (c.kind === "PredictiveDialingCampaign") {
                const campaign = new PredictiveDialingCampaign(c.name, c.inputs, opts);
                return [c.name, { taskId: campaign.campaignId, state: campaign.statusName, paused: campaign.paused, progress: campaign.progress }];
            }
            const task = new CalloutTask(c.name, c.inputs, opts);
            return [c.name, { taskId: task.taskId, state: task.stateName, paused: task.paused, progress: task.progress }];
        }),
    );
}
