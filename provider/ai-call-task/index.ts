// The AiCallTask resource: an Alibaba Cloud AICCS AI call task declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { resourceLineage } from "../shared/lineage";
import { TaskResource } from "../shared/resource";
import type { Progress } from "./mapping";
import { type AiCallTaskArgsShape, SECRET_FIELDS, type TaskStatusName, TYPE_TOKEN } from "./schema";

export type AiCallTaskArgs = { [K in keyof AiCallTaskArgsShape]: pulumi.Input<AiCallTaskArgsShape[K]> };

export class AiCallTask extends TaskResource {
    /** The 64-bit task id, as text. */
    declare readonly taskId: pulumi.Output<string>;
    declare readonly status: pulumi.Output<number>;
    declare readonly statusName: pulumi.Output<TaskStatusName>;
    declare readonly progress: pulumi.Output<Progress>;
    declare readonly paused: pulumi.Output<boolean>;
    declare readonly callees: pulumi.Output<AiCallTaskArgsShape["callees"]>;

    constructor(name: string, args: AiCallTaskArgs, opts: pulumi.CustomResourceOptions = {}) {
        // Callee numbers are personal data: secret from the first input on, so no plain copy reaches state.
        const secretInputs = Object.fromEntries(SECRET_FIELDS.filter((k) => args[k] !== undefined).map((k) => [k, pulumi.secret(args[k] as pulumi.Input<unknown>)]));
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/ai-call-task-serialized-provider",
            name,
            // `stack` lets the provider read the stack's state for an interrupted deploy; check leaves it out.
            { ...args, ...secretInputs, paused: args.paused, lineage: resourceLineage(pulumi.getProject(), pulumi.getStack(), name), stack: pulumi.getStack(), taskId: undefined, status: undefined, statusName: undefined, progress: undefined },
            { deleteBeforeReplace: true, ...opts, additionalSecretOutputs: [...new Set([...SECRET_FIELDS, ...(opts.additionalSecretOutputs ?? [])])] },
        );
    }
}
