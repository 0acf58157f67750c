// The AgentCruiseDialingCampaign resource: a CCC agent cruise dialing campaign (one agent's outbound
// calls) declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { resourceLineage } from "../shared/lineage";
import { TaskResource } from "../shared/resource";
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
        // Callee numbers are personal data: secret from the first input on, so no plain copy reaches state.
        const secretInputs = Object.fromEntries(SECRET_FIELDS.filter((k) => args[k] !== undefined).map((k) => [k, pulumi.secret(args[k] as pulumi.Input<unknown>)]));
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/agent-cruise-campaign-serialized-provider",
            name,
            // `stack` lets the provider read the stack's state for an interrupted deploy; check leaves it out.
            { ...args, ...secretInputs, lineage: resourceLineage(pulumi.getProject(), pulumi.getStack(), name), stack: pulumi.getStack(), campaignId: undefined, state: undefined, stateName: undefined, progress: undefined, calledEarlier: undefined },
            { deleteBeforeReplace: true, ...opts, additionalSecretOutputs: [...new Set([...SECRET_FIELDS, ...SECRET_OUTPUTS, ...(opts.additionalSecretOutputs ?? [])])] },
        );
    }
}
