// The PredictiveDialingCampaign resource: a CCC predictive dialing campaign declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { resourceLineage } from "../shared/lineage";
import { TaskResource } from "../shared/resource";
import type { CampaignStatusName, PredictiveCampaignArgsShape, Progress } from "./schema";
import { SECRET_FIELDS, TYPE_TOKEN } from "./schema";

export type PredictiveDialingCampaignArgs = { [K in keyof PredictiveCampaignArgsShape]: pulumi.Input<PredictiveCampaignArgsShape[K]> };

export class PredictiveDialingCampaign extends TaskResource {
    declare readonly campaignId: pulumi.Output<number>;
    declare readonly status: pulumi.Output<number>;
    declare readonly statusName: pulumi.Output<CampaignStatusName>;
    declare readonly statusReason: pulumi.Output<string>;
    declare readonly progress: pulumi.Output<Progress>;
    declare readonly paused: pulumi.Output<boolean>;
    declare readonly callees: pulumi.Output<string[]>;

    constructor(name: string, args: PredictiveDialingCampaignArgs, opts: pulumi.CustomResourceOptions = {}) {
        // Callee numbers are personal data: secret from the first input on, so no plain copy reaches state.
        const secretInputs = Object.fromEntries(SECRET_FIELDS.filter((k) => args[k] !== undefined).map((k) => [k, pulumi.secret(args[k] as pulumi.Input<unknown>)]));
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/predictive-campaign-serialized-provider",
            name,
            // `stack` lets the provider read the stack's state for an interrupted deploy; check leaves it out.
            { ...args, ...secretInputs, paused: args.paused, lineage: resourceLineage(pulumi.getProject(), pulumi.getStack(), name), stack: pulumi.getStack(), campaignId: undefined, status: undefined, statusName: undefined, statusReason: undefined, progress: undefined },
            { deleteBeforeReplace: true, ...opts, additionalSecretOutputs: [...new Set([...SECRET_FIELDS, ...(opts.additionalSecretOutputs ?? [])])] },
        );
    }
}
