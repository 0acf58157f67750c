// Calls a policy as the CLI does: on a CalloutTask's props, with its configSchema defaults applied
// and overridden by the case's config.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { policies, runPolicies } from "../../policy/policies";

/** The violations of one policy on one task named "reminders". */
export function check(policy: ResourceValidationPolicy, props: Record<string, unknown>, config: Record<string, unknown> = {}, type?: string): string[] {
    return checkStack(policy.name, { reminders: props }, config, type);
}

/** The violations of the policy named `name` on a stack of tasks, by resource name. */
export function checkStack(name: string, tasks: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}, type?: string): string[] {
    const all = Object.fromEntries(policies.map((p) => [p.name, { enforcementLevel: p.name === name ? "mandatory" : "disabled" }]));
    return runPolicies(Object.entries(tasks).map(([n, props]) => ({ name: n, props, type })), { ...all, [name]: { enforcementLevel: "mandatory", ...config } }).map((v) => v.message);
}
