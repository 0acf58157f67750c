// AgentCruiseDialingCampaign's serialized provider (provider/shared/stub.ts): loads the installed package's lifecycle by name.
import { serializedProviderOf } from "../shared/stub";

const serializedProvider = serializedProviderOf("pulumi-tencentcloud-ccc/agent-cruise-campaign-lifecycle", "AgentCruiseCampaignProvider");

export = serializedProvider;
