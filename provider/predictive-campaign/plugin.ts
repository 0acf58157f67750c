// The PredictiveDialingCampaign in the provider plugin (plugin/): its lifecycle, settings and import.
import type { PluginKind } from "../../plugin/kind";
import { importedCampaign, parseImportId, resolveSettings, SETTING_SOURCES } from "../ccc";
import { clientFor } from "../shared/process";
import { predictiveCampaignKind } from "./campaign";
import { createPredictiveApi } from "./client";
import { inputsFromDetail } from "./mapping";
import { describeCampaign } from "./operations";
import { PredictiveCampaignProvider } from "./provider";
import { CREATE_ONLY, FIELD_NAMES, REPLACE_FIELDS } from "./schema";

export const predictiveCampaignPlugin: PluginKind = {
    kind: predictiveCampaignKind,
    description:
        `A CCC predictive dialing campaign, calling for a skill group of agents. ${REPLACE_FIELDS.map((k) => `\`${k}\``).join(", ")} replace the campaign; ` +
        "the other inputs are updated in place while it has not started (CCC refuses an update after the start, so a change then replaces it), `paused` pauses and resumes it, and a delete aborts a live campaign before deleting it.",
    importId: "SDKAPPID/CAMPAIGNID",
    lifecycle: (warn) => new PredictiveCampaignProvider(warn),
    settings: SETTING_SOURCES,
    secretSettings: ["secretKey", "securityToken"],
    createOnly: ["adoptCampaignId"],
    providerOnly: CREATE_ONLY,
    async importTask(id) {
        const { sdkAppId, id: campaignId } = parseImportId(id, "CAMPAIGNID");
        const observed = await describeCampaign(clientFor("predictiveClients", resolveSettings(), createPredictiveApi), sdkAppId, campaignId);
        if (!observed) throw new Error(`import ID "${id}": SdkAppId ${sdkAppId} has no predictive campaign ${campaignId}`);
        // redial and adoptCampaignId steer what the provider does, not the campaign: nothing to recover.
        return importedCampaign(campaignId, { sdkAppId, ...inputsFromDetail(observed.detail, observed.status) }, FIELD_NAMES, CREATE_ONLY, "the callees, timeZone and availableTime are");
    },
};
