// The narrow client of the AgentCruiseDialingCampaign: one method per CCC action it uses, over the
// shared CCC transport (the SDK client, the error rules, the shared pace and retries). Built inside the
// provider's methods, never at module level (nothing live may be serialized).
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { cccActions, type ClientSettings } from "../ccc";

export interface CruiseApi {
    readonly settings: ClientSettings;
    /** Not repeated by itself after an ambiguous failure: create-once decides (operations.ts). */
    createCampaign(req: models.CreateAgentCruiseDialingCampaignRequest): Promise<models.CreateAgentCruiseDialingCampaignResponse>;
    describeCampaign(req: models.DescribeAgentCruiseDialingCampaignRequest): Promise<models.DescribeAgentCruiseDialingCampaignResponse>;
    /** Safe to repeat: an abort that committed is refused the second time, and the state says it is over. */
    abortCampaign(req: models.AbortAgentCruiseDialingCampaignRequest): Promise<models.AbortAgentCruiseDialingCampaignResponse>;
}

export function createCruiseApi(settings: ClientSettings): CruiseApi {
    const action = cccActions(settings);
    return {
        settings,
        createCampaign: action("CreateAgentCruiseDialingCampaign", false),
        describeCampaign: action("DescribeAgentCruiseDialingCampaign", true),
        abortCampaign: action("AbortAgentCruiseDialingCampaign", true),
    };
}
