// Policy 5: numbers are valid for their country, not duplicated (also across formats), only in
// allowed countries; callers only from the approved list.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { calleeList, canonicalNumber, describeCallees } from "../../campaign/callees";
import { maskNumber } from "../../campaign/numbers";
import { forCampaigns } from "../campaign";
import { stringListSchema } from "../config-schema";

export interface NumbersConfig {
    allowedCountries: string[];
    approvedCallers: string[];
}

export const numbers: ResourceValidationPolicy = {
    name: "ccc-numbers",
    description:
        "Every callee is a valid number for its country and appears once in the task (also when written in two formats); callees are only in the allowed countries; caller numbers come only from the approved list.",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            allowedCountries: { ...stringListSchema, default: [], description: "ISO country codes callees may be in; empty allows every country." },
            approvedCallers: { ...stringListSchema, default: [], description: "Caller numbers (E.164 or 00-prefixed) tasks may use; empty allows any." },
        },
    },
    validateResource: forCampaigns<NumbersConfig>(["callees", "callers"], ({ callees, callers }, config, report) => {
        if (callees) {
            const list = calleeList(callees);
            if (list.invalid.length) report(`${describeCallees(list.invalid)} ${list.invalid.length === 1 ? "is not a valid number" : "are not valid numbers"} for their country`);
            const seen = new Set<string>();
            const duplicates = callees.filter((_, i) => seen.size === seen.add(list.canonical[i]).size);
            if (duplicates.length) report(`${describeCallees(duplicates)} ${duplicates.length === 1 ? "appears" : "appear"} more than once (in different formats): they would be called twice`);
            if (config.allowedCountries.length) {
                const outside = list.groups.filter((g) => !config.allowedCountries.includes(g.country ?? "?")).flatMap((g) => g.numbers);
                if (outside.length) report(`${describeCallees(outside)} ${outside.length === 1 ? "is" : "are"} outside the allowed countries (${config.allowedCountries.join(", ")})`);
            }
        }
        if (callers && config.approvedCallers.length) {
            const approved = new Set(config.approvedCallers.map(canonicalNumber));
            const unapproved = callers.filter((n) => !approved.has(canonicalNumber(n)));
            if (unapproved.length) report(`caller${unapproved.length > 1 ? "s" : ""} ${unapproved.map(maskNumber).join(", ")} not on the approved list`);
        }
    }),
};
