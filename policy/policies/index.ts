import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { KINDS } from "../../provider/kinds";
import { allowedDays } from "./allowed-days";
import { allowedHours } from "./allowed-hours";
import { attempts } from "./attempts";
import { doNotCall } from "./do-not-call";
import { numbers } from "./numbers";
import { scheduleSanity } from "./schedule-sanity";
import { stackOverlap } from "./stack-overlap";
import { timeZoneConsistent } from "./time-zone";

export { allowedDays, allowedHours, attempts, doNotCall, numbers, scheduleSanity, stackOverlap, timeZoneConsistent };

/** Every policy of the pack, in the order they are listed in docs/policy-pack.md. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = [allowedHours, allowedDays, timeZoneConsistent, scheduleSanity, numbers, doNotCall, attempts, stackOverlap];

/** A policy's config as the CLI passes it: every configSchema default, overridden by `config`. */
export function policyConfig(policy: ResourceValidationPolicy | StackValidationPolicy, config: Record<string, unknown> = {}): Record<string, unknown> {
    const defaults = Object.entries(policy.configSchema?.properties ?? {}).flatMap(([k, v]) => (typeof v === "object" && "default" in v ? [[k, v.default]] : []));
    return { ...Object.fromEntries(defaults), ...config };
}

export interface Violation {
    policy: string;
    message: string;
}

export interface TaskResource {
    name: string;
    props: Record<string, unknown>;
    type?: string;
}

/**
 * Runs every policy of the pack on call tasks' props (one or many tasks, as one stack; by default of
 * the first kind's dynamic type), with each
 * policy's config defaults supplied as the CLI supplies them, overridden per policy name by `config`
 * (the shape of a --policy-pack-config file). Disabled policies are skipped. The entry point of the
 * benchmark and of the tests that run the whole pack.
 */
export function runPolicies(resources: TaskResource[], config: Record<string, Record<string, unknown>> = {}): Violation[] {
    const violations: Violation[] = [];
    for (const policy of policies) {
        const { enforcementLevel, ...settings } = config[policy.name] ?? {};
        if ((enforcementLevel ?? policy.enforcementLevel) === "disabled") continue;
        const getConfig = <T>() => policyConfig(policy, settings) as T;
        const report = (message: string) => violations.push({ policy: policy.name, message });
        const typed = resources.map((r) => {
            const type = r.type ?? KINDS[0].tokens.dynamic;
            return { ...r, type, urn: `urn:pulumi:stack::project::${type}::${r.name}` };
        });
        if ("validateStack" in policy) {
            const args = { resources: typed, stackTags: new Map(), getConfig, notApplicable: () => undefined };
            (policy.validateStack as (a: StackValidationArgs, r: (m: string) => void) => void)(args as unknown as StackValidationArgs, report);
            continue;
        }
        const validate = policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void;
        for (const r of typed) validate({ ...r, stackTags: new Map(), getConfig, notApplicable: () => undefined } as unknown as ResourceValidationArgs, report);
    }
    return violations;
}
