// Policy 5: numbers are valid for their country, not duplicated (also across formats), only in
// allowed countries; callers only from the approved list.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { maskNumber } from "../../provider/callout-task/schema";
import { stringListSchema } from "../config-schema";
import { calleeOf, canonicalNumber, describeCallees } from "../schedule";
import { anyUnknown, forCalloutTasks } from "../task";

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
    validateResource: forCalloutTasks<NumbersConfig>((task, config, report) => {
        if (!anyUnknown(task.callees)) {
            const invalid = task.callees.filter((n) => !parsePhoneNumberFromString(n)?.isValid());
            if (invalid.length) report(`${describeCallees(invalid)} are not valid numbers for their country`);
            const seen = new Map<string, string>();
            const duplicates = task.callees.filter((n) => {
                const key = canonicalNumber(n);
                const dup = seen.has(key);
                seen.set(key, n);
                return dup;
            });
            if (duplicates.length) report(`${describeCallees(duplicates)} appear more than once (in different formats): they would be called twice`);
            if (config.allowedCountries.length) {
                const outside = task.callees.filter((n) => !config.allowedCountries.includes(calleeOf(n).country ?? "?"));
                if (outside.length) report(`${describeCallees(outside)} are outside the allowed countries (${config.allowedCountries.join(", ")})`);
            }
        }
        if (!anyUnknown(task.callers) && config.approvedCallers.length) {
            const approved = new Set(config.approvedCallers.map(canonicalNumber));
            const unapproved = task.callers.filter((n) => !approved.has(canonicalNumber(n)));
            if (unapproved.length) report(`caller${unapproved.length > 1 ? "s" : ""} ${unapproved.map(maskNumber).join(", ")} not on the approved list`);
        }
    }),
};
