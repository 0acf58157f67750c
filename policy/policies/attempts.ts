// Policy 7: how often one person can be called: attempts per task and the time between them.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { anyUnknown, forCalloutTasks } from "../task";

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
            maxTries: { type: "integer", minimum: 1, maximum: 3, default: 2, description: "Most attempts per callee per task (CCC allows 1–3; it defaults to 1)." },
            minRetryIntervalSeconds: { type: "integer", minimum: 600, default: 3600, description: "Least time between two attempts on one callee (CCC's own minimum is 600)." },
        },
    },
    validateResource: forCalloutTasks<AttemptsConfig>(["tries", "retryInterval"], (task, config, report, view) => {
        if (view.failed.has("tries") || view.failed.has("retryInterval") || anyUnknown(task.tries, task.retryInterval)) return;
        const tries = task.tries ?? 1;
        if (tries > config.maxTries) report(`tries ${tries} is above the cap of ${config.maxTries} attempts per callee`);
        // CCC retries after 600 s when no interval is given.
        const interval = task.retryInterval ?? 600;
        if (tries > 1 && interval < config.minRetryIntervalSeconds) report(`retryInterval ${interval}s is below the minimum of ${config.minRetryIntervalSeconds}s between attempts`);
    }),
};
