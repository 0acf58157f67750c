// The narrow client of the AgentCruiseDialingCampaign: one method per CCC action it uses, over the
// shared CCC transport (the SDK client, the error rules, the shared pace and retries). Built inside the
// provider's methods, never at module level (nothing live may be serialized).
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { pacedCall } from "../shared/retries";
import { cccErrorRules, type ClientSettings, createSdkClient } from "../callout-task/client";

export interface CruiseApi {
    readonly settings: ClientSettings;
    /** Not repeated by itself after an ambiguous failure: create-once decides (operations.ts). */
    createCampaign(req: models.CreateAgentCruiseDialingCampaignRequest): Promise<models.CreateAgentCruiseDialingCampaignResponse>;
    describeCampaign(req: models.DescribeAgentCruiseDialingCampaignRequest): Promise<models.DescribeAgentCruiseDialingCampaignResponse>;
    /** Safe to repeat: an abort that committed is refused the second time, and the state says it is over. */
    abortCampaign(req: models.AbortAgentCruiseDialingCampaignRequest): Promise<models.AbortAgentCruiseDialingCampaignResponse>;
}

export function createCruiseApi(settings: ClientSettings): CruiseApi {
    const sdk = createSdkClient(settings);
    const action =
        <Req, Res>(name: string, retryTransient: boolean) =>
        (req: Req): Promise<Res> =>
            pacedCall(cccErrorRules, settings, name, retryTransient, (signal) => sdk.request(name, req, { signal }) as Promise<Res>);
    return {
        settings,
        createCampaign: action("CreateAgentCruiseDialingCampaign", false),
        describeCampaign: action("DescribeAgentCruiseDialingCampaign", true),
        abortCampaign: action("AbortAgentCruiseDialingCampaign", true),
    };
}
