// The package's entry point: the CalloutTask, AiCallTask, PredictiveDialingCampaign and AgentCruiseDialingCampaign resources, its schema, and the campaign-file program.
export { AgentCruiseDialingCampaign, type AgentCruiseDialingCampaignArgs, AiCallTask, type AiCallTaskArgs, CalloutTask, type CalloutTaskArgs, PredictiveDialingCampaign, type PredictiveDialingCampaignArgs } from "./provider";
export * as schema from "./provider/callout-task/schema";
export { deployCampaigns, type DeployedCampaign } from "./program/deploy";
export { loadCampaigns, CampaignFileError, type Campaign } from "./program/campaigns";
