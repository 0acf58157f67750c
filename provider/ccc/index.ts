// The CCC transport shared by every CCC kind (CalloutTask, PredictiveDialingCampaign, AgentCruiseDialingCampaign):
// settings, endpoint, errors, the SDK client and its paced actions. Each kind keeps only its narrow client.
export * from "./settings";
export * from "./endpoint";
export * from "./errors";
export * from "./client";
export * from "./import-id";
