// The narrow client the PredictiveDialingCampaign provider talks through: one method per CCC action
// it uses, on the shared CCC transport (provider/ccc), built inside the provider's methods.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { cccActions, type ClientSettings } from "../ccc";

export interface PredictiveApi {
    readonly settings: ClientSettings;
    create(req: models.CreatePredictiveDialingCampaignRequest): Promise<models.CreatePredictiveDialingCampaignResponse>;
    describe(req: models.DescribePredictiveDialingCampaignRequest): Promise<models.DescribePredictiveDialingCampaignResponse>;
    list(req: models.DescribePredictiveDialingCampaignsRequest): Promise<models.DescribePredictiveDialingCampaignsResponse>;
    update(req: models.UpdatePredictiveDialingCampaignRequest): Promise<models.UpdatePredictiveDialingCampaignResponse>;
    pause(req: models.PausePredictiveDialingCampaignRequest): Promise<models.PausePredictiveDialingCampaignResponse>;
    resume(req: models.ResumePredictiveDialingCampaignRequest): Promise<models.ResumePredictiveDialingCampaignResponse>;
    abort(req: models.AbortPredictiveDialingCampaignRequest): Promise<models.AbortPredictiveDialingCampaignResponse>;
    delete(req: models.DeletePredictiveDialingCampaignRequest): Promise<models.DeletePredictiveDialingCampaignResponse>;
    sessions(req: models.DescribePredictiveDialingSessionsRequest): Promise<models.DescribePredictiveDialingSessionsResponse>;
}

/** Create repeats by itself only what cannot have committed (operations.ts decides the rest); every other action is retried when transient. */
export function createPredictiveApi(settings: ClientSettings): PredictiveApi {
    const action = cccActions(settings);
    return {
        settings,
        create: action("CreatePredictiveDialingCampaign", false),
        describe: action("DescribePredictiveDialingCampaign", true),
        list: action("DescribePredictiveDialingCampaigns", true),
        update: action("UpdatePredictiveDialingCampaign", true),
        pause: action("PausePredictiveDialingCampaign", true),
        resume: action("ResumePredictiveDialingCampaign", true),
        abort: action("AbortPredictiveDialingCampaign", true),
        delete: action("DeletePredictiveDialingCampaign", true),
        sessions: action("DescribePredictiveDialingSessions", true),
    };
}
