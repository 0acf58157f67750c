// Calls a policy the way the CLI does, with its configSchema defaults applied: shared by the policy
// tests and the benchmark, so that both exercise exactly what `pulumi preview` runs.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { TYPE_TOKEN } from "../provider/callout-task/schema";

export type Policy = ResourceValidationPolicy | StackValidationPolicy;

export interface PolicyResource {
    name: string;
    props: Record<string, unknown>;
    /** Defaults to the CalloutTask type. */
    type?: string;
}

/** The config the CLI would pass: every configSchema default, overridden by `config`. */
export function configFor(policy: Policy, config: Record<string, unknown> = {}): Record<string, unknown> {
    const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).flatMap(([k, v]) => (typeof v === "object" && "default" in v ? [[k, v.default]] : [])));
    return { ...defaults, ...config };
}

const urnOf = (type: string, name: string) => `urn:pulumi:dev::ccc::${type}::${name}`;

/** Runs a resource policy on one resource; returns the violations it reports. */
export function runResourcePolicy(policy: ResourceValidationPolicy, resource: PolicyResource, config: Record<string, unknown> = {}): string[] {
    const type = resource.type ?? TYPE_TOKEN;
    const violations: string[] = [];
    const validate = policy.validateResource as Exclude<ResourceValidationPolicy["validateResource"], undefined | unknown[]>;
    validate(
        {
            type,
            props: resource.props,
            urn: urnOf(type, resource.name),
            name: resource.name,
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            stackTags: new Map(),
            isType: () => false,
            asType: () => undefined,
            getConfig: <T>() => configFor(policy, config) as T,
            notApplicable: () => {
                throw new Error("not applicable");
            },
        } as any,
        (message: string) => violations.push(message),
    );
    return violations;
}

/** Runs a stack policy on the given resources; returns the violations it reports. */
export function runStackPolicy(policy: StackValidationPolicy, resources: PolicyResource[], config: Record<string, unknown> = {}): string[] {
    const violations: string[] = [];
    (policy.validateStack as any)(
        {
            resources: resources.map((r) => ({ type: r.type ?? TYPE_TOKEN, props: r.props, urn: urnOf(r.type ?? TYPE_TOKEN, r.name), name: r.name })),
            stackTags: new Map(),
            getConfig: () => configFor(policy, config),
            notApplicable: () => undefined,
        },
        (message: string) => violations.push(message),
    );
    return violations;
}

/** Runs any policy of the pack: a resource policy on each resource, a stack policy on all of them. */
export function runPolicy(policy: Policy, resources: PolicyResource[], config: Record<string, unknown> = {}): string[] {
    if ("validateStack" in policy) return runStackPolicy(policy, resources, config);
    return resources.flatMap((r) => runResourcePolicy(policy as ResourceValidationPolicy, r, config));
}
