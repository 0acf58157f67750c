// The resource class every kind's task extends: a dynamic resource (`pulumi-nodejs:dynamic/<module>:<type>`,
// served by the Node dynamic-provider host) whose `__provider` is the few lines of `storedProvider`, not a
// closure-serialized provider object. One constructor level, as `pulumi.dynamic.Resource` had: the engine
// records the kind's constructor as the task's source position.
import * as pulumi from "@pulumi/pulumi";
import { resourceLineage } from "./lineage";
import { storedProvider } from "./stub";

export class TaskResource extends pulumi.CustomResource {
    /** `stubModule`: the package path of the kind's stub module, which existing stacks' state names. */
    constructor(type: string, stubModule: string, name: string, props: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
        super(type, name, { ...props, __provider: storedProvider(stubModule) }, opts);
    }
}

/**
 * A task's inputs as every kind registers them: its outputs present but unset (an input of the same
 * name, such as `paused`, keeps its value), the kind's personal data secret from the first input on so
 * no plain copy reaches state, its lineage, and `stack`, with which the provider reads the stack's state
 * for an interrupted deploy (check leaves it out). A preview creates nothing, so it passes no `stack`
 * and reads no state (one `pulumi stack export` fewer).
 */
export function taskInputs(name: string, args: Record<string, unknown>, secretFields: readonly string[], outputs: readonly string[]): pulumi.Inputs {
    const secretInputs = Object.fromEntries(secretFields.filter((k) => args[k] !== undefined).map((k) => [k, pulumi.secret(args[k] as pulumi.Input<unknown>)]));
    return { ...Object.fromEntries(outputs.map((k) => [k, undefined])), ...args, ...secretInputs, lineage: resourceLineage(pulumi.getProject(), pulumi.getStack(), name), ...(pulumi.runtime.isDryRun() ? {} : { stack: pulumi.getStack() }) };
}

/** A task's options: the old task ends before its replacement is created (nobody dialed twice); `secretOutputs` stay secret. */
export function taskOptions(opts: pulumi.CustomResourceOptions, secretOutputs: readonly string[]): pulumi.CustomResourceOptions {
    return { deleteBeforeReplace: true, ...opts, additionalSecretOutputs: [...new Set([...secretOutputs, ...(opts.additionalSecretOutputs ?? [])])] };
}
