// The PredictiveDialingCampaign resource: a CCC predictive dialing campaign declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { TaskResource, taskInputs, taskOptions } from "../shared/resource";
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
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/predictive-campaign-serialized-provider",
            name,
            taskInputs(name, args, SECRET_FIELDS, ["campaignId", "status", "statusName", "statusReason", "progress", "paused"]),
            taskOptions(opts, SECRET_FIELDS),
        );
    }
}
