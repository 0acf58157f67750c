// PredictiveDialingCampaign's serialized provider (provider/shared/stub.ts): loads the installed package's lifecycle by name.
import { serializedProviderOf } from "../shared/stub";

const serializedProvider = serializedProviderOf("pulumi-tencentcloud-ccc/predictive-campaign-lifecycle", "PredictiveCampaignProvider");

export = serializedProvider;
