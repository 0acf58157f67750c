// The package's entry point: the CalloutTask, AiCallTask and PredictiveDialingCampaign resources, its schema, and the campaign-file program.
export { AiCallTask, type AiCallTaskArgs, CalloutTask, type CalloutTaskArgs, PredictiveDialingCampaign, type PredictiveDialingCampaignArgs } from "./provider";
export * as schema from "./provider/callout-task/schema";
export { deployCampaigns, type DeployedCampaign } from "./program/deploy";
export { loadCampaigns, CampaignFileError, type Campaign } from "./program/campaigns";
