// The provider plugin's packages, each a binary `pulumi-resource-<name>` (plugin/) serving its kinds.
// A new kind is one entry in its vendor's list.
import { agentCruiseCampaignPlugin } from "../provider/agent-cruise-campaign/plugin";
import { aiCallTaskPlugin } from "../provider/ai-call-task/plugin";
import { calloutTaskPlugin } from "../provider/callout-task/plugin";
import { predictiveCampaignPlugin } from "../provider/predictive-campaign/plugin";
import type { PluginPackage } from "./kind";

export const PACKAGES: readonly PluginPackage[] = [
    { name: "tencentcloud-ccc", displayName: "Tencent Cloud CCC", description: "Outbound call campaigns on Tencent Cloud Contact Center (CCC)", kinds: [calloutTaskPlugin, predictiveCampaignPlugin, agentCruiseCampaignPlugin] },
    { name: "alicloud-aiccs", displayName: "Alibaba Cloud AICCS", description: "AI call tasks on Alibaba Cloud AICCS (API 2019-10-15)", kinds: [aiCallTaskPlugin] },
];

/** The package a plugin binary serves, by its name. */
export function packageNamed(name: string): PluginPackage {
    const pkg = PACKAGES.find((p) => p.name === name);
    if (!pkg) throw new Error(`no provider plugin package "${name}"; the packages are ${PACKAGES.map((p) => p.name).join(", ")}`);
    return pkg;
}
