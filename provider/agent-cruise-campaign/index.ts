// The AgentCruiseDialingCampaign resource: a CCC agent cruise dialing campaign (one agent's outbound
// calls) declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { TaskResource, taskInputs, taskOptions } from "../shared/resource";
import type { Progress } from "./mapping";
import { type AgentCruiseCampaignArgsShape, type CampaignStateName, SECRET_FIELDS, TYPE_TOKEN } from "./schema";

export type AgentCruiseDialingCampaignArgs = { [K in keyof AgentCruiseCampaignArgsShape]: pulumi.Input<AgentCruiseCampaignArgsShape[K]> };

/** Outputs that hold callee numbers besides the secret inputs. */
const SECRET_OUTPUTS = ["calledEarlier"];

export class AgentCruiseDialingCampaign extends TaskResource {
    declare readonly campaignId: pulumi.Output<number>;
    declare readonly state: pulumi.Output<number>;
    declare readonly stateName: pulumi.Output<CampaignStateName>;
    declare readonly progress: pulumi.Output<Progress>;
    /** Callees left out of this campaign because the one it replaced had called them (`redial: "uncalled"`). */
    declare readonly calledEarlier: pulumi.Output<string[] | undefined>;
    declare readonly callees: pulumi.Output<string[]>;

    constructor(name: string, args: AgentCruiseDialingCampaignArgs, opts: pulumi.CustomResourceOptions = {}) {
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/agent-cruise-campaign-serialized-provider",
            name,
            taskInputs(name, args, SECRET_FIELDS, ["campaignId", "state", "stateName", "progress", "calledEarlier"]),
            taskOptions(opts, [...SECRET_FIELDS, ...SECRET_OUTPUTS]),
        );
    }
}
