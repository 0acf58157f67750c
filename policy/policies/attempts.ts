// Policy 7: how often one person can be called: attempts per task and the time between them.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allKnown, anyFailed, forCampaigns } from "../campaign";

export interface AttemptsConfig {
    maxTries: number;
    minRetryIntervalSeconds: number;
}

export const attempts: ResourceValidationPolicy = {
    name: "ccc-attempts",
    description: "Each callee is attempted at most the configured number of times per task, with at least the configured time between attempts.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            maxTries: { type: "integer", minimum: 1, maximum: 3, default: 2, description: "Most attempts per callee per task (the first call included)." },
            minRetryIntervalSeconds: { type: "integer", minimum: 600, default: 3600, description: "Least time between two attempts on one callee, in seconds." },
        },
    },
    validateResource: forCampaigns<AttemptsConfig>(["tries", "retryInterval"], (campaign, config, report, view) => {
        const { tries, retryInterval: interval } = campaign.attempts;
        if (anyFailed(view, "tries", "retryInterval") || !allKnown(view, "tries", "retryInterval") || tries === undefined || interval === undefined) return;
        const { fields } = view.kind;
        if (tries > config.maxTries) report(`${fields.tries} ${tries} is above the cap of ${config.maxTries} attempts per callee`);
        if (tries > 1 && interval < config.minRetryIntervalSeconds) report(`${fields.retryInterval} ${interval}s is below the minimum of ${config.minRetryIntervalSeconds}s between attempts`);
    }),
};
