export { CalloutTask, type CalloutTaskArgs } from "./callout-task";
export * as schema from "./callout-task/schema";
export { AiCallTask, type AiCallTaskArgs } from "./ai-call-task";
export { PredictiveDialingCampaign, type PredictiveDialingCampaignArgs } from "./predictive-campaign";
export { AgentCruiseDialingCampaign, type AgentCruiseDialingCampaignArgs } from "./agent-cruise-campaign";
