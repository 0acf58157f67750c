// The kinds of call task this package manages: the policy pack, the review, the plugin and the
// program find a resource's kind here by its type token. A new kind adds its adapter to the list.
import type { TaskKind } from "../campaign/adapter";
import { isOfKind } from "../campaign/adapter";
import { agentCruiseCampaignKind } from "./agent-cruise-campaign/campaign";
import { aiCallTaskKind } from "./ai-call-task/campaign";
import { calloutTaskKind } from "./callout-task/campaign";
import { predictiveCampaignKind } from "./predictive-campaign/campaign";

export const KINDS: TaskKind[] = [calloutTaskKind, aiCallTaskKind, predictiveCampaignKind, agentCruiseCampaignKind];

/** The kind a type token names, if it is one of ours. */
export const kindOfType = (type: string): TaskKind | undefined => KINDS.find((k) => isOfKind(k, type));
