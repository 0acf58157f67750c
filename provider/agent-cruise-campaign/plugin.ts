// The AgentCruiseDialingCampaign in the provider plugin (plugin/): its lifecycle, settings and import.
import type { PluginKind } from "../../plugin/kind";
import { importedCampaign, parseImportId, resolveSettings, SETTING_SOURCES } from "../ccc";
import { clientFor } from "../shared/process";
import { agentCruiseCampaignKind } from "./campaign";
import { createCruiseApi } from "./client";
import { describeCampaign } from "./operations";
import { AgentCruiseCampaignProvider } from "./provider";
import { CREATE_ONLY, FIELD_NAMES } from "./schema";

export const agentCruiseCampaignPlugin: PluginKind = {
    kind: agentCruiseCampaignKind,
    description: "A CCC agent cruise dialing campaign, dialing for one agent. CCC has no update for it: every input replaces the campaign, and the old one is aborted before the new one is created.",
    importId: "SDKAPPID/CAMPAIGNID",
    lifecycle: (warn) => new AgentCruiseCampaignProvider(warn),
    settings: SETTING_SOURCES,
    secretSettings: ["secretKey", "securityToken"],
    createOnly: ["adoptCampaignId"],
    providerOnly: CREATE_ONLY,
    async importTask(id) {
        const { sdkAppId, id: campaignId } = parseImportId(id, "CAMPAIGNID");
        const observed = await describeCampaign(clientFor("cruiseClients", resolveSettings(), createCruiseApi), sdkAppId, campaignId);
        if (!observed) throw new Error(`import ID "${id}": SdkAppId ${sdkAppId} has no agent cruise campaign ${campaignId}`);
        // redial and adoptCampaignId steer what the provider does, not the campaign: nothing to recover.
        return importedCampaign(campaignId, { sdkAppId, ...observed.reported }, FIELD_NAMES, CREATE_ONLY, "the callees are");
    },
};
