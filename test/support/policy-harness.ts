// Calls a policy as the CLI does: on a call task's props, with its configSchema defaults applied
// and overridden by the case's config; and the happy-path CalloutTask every policy test starts from.
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

/** A happy campaign in Shanghai: weekdays 10:00–12:00, four days in December 2026. */
export function task(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        __provider: "serialized provider",
        sdkAppId: 1400123455,
        name: "winter-reminders",
        notBefore: "2026-12-01T09:00:00+08:00",
        notAfter: "2026-12-04T20:00:00+08:00",
        timeZone: "Asia/Shanghai",
        callers: ["+8602012345678"],
        callees: ["+8613012345678", "+8613112345678", "+8613212345678"],
        ivrId: 8,
        tries: 2,
        retryInterval: 3600,
        availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], timeRanges: [{ start: "10:00", end: "12:00" }] }],
        ...overrides,
    };
}

export const NEW_YORK = "+12125550123"; // area code 212: New York only
export const AU_MOBILE = "+61412345678"; // Australian mobiles are not geographic: every Australian zone
export const daily = (from: string, to: string) => ({ availableWorkTimeConfig: undefined, availableTime: [{ start: from, end: to }] });
