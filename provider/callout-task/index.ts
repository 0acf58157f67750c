// The CalloutTask resource: a CCC auto callout task declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { TaskResource, taskInputs, taskOptions } from "../shared/resource";
import { type CalloutTaskArgsShape, type Progress, SECRET_FIELDS, type TaskStateName, TYPE_TOKEN } from "./schema";

export type CalloutTaskArgs = { [K in keyof CalloutTaskArgsShape]: pulumi.Input<CalloutTaskArgsShape[K]> };

export class CalloutTask extends TaskResource {
    static readonly __pulumiType = TYPE_TOKEN;

    declare readonly taskId: pulumi.Output<number>;
    declare readonly state: pulumi.Output<number>;
    declare readonly stateName: pulumi.Output<TaskStateName>;
    declare readonly progress: pulumi.Output<Progress>;
    /** Callees left out of this task because an earlier task of the resource reached them (`redial: "unreached"`). */
    declare readonly skippedCallees: pulumi.Output<number>;
    declare readonly paused: pulumi.Output<boolean>;
    declare readonly callees: pulumi.Output<string[]>;

    constructor(name: string, args: CalloutTaskArgs, opts: pulumi.CustomResourceOptions = {}) {
        // @pulumi/pulumi records a stack trace for each of the four promises of every output property
        // (debuggablePromise, kept for leak reports) and formats it through ts-node's source-map
        // support: ~7 ms per task, 3.3 s before a 500-task program registers its first task (profiled
        // in `npm run bench`). The resource's own source position is taken with a limit of its own.
        const stackTraceLimit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            super(
                TYPE_TOKEN,
                "pulumi-tencentcloud-ccc/serialized-provider",
                name,
                taskInputs(name, args, SECRET_FIELDS, ["taskId", "state", "stateName", "progress", "skippedCallees", "paused"]),
                taskOptions(opts, SECRET_FIELDS),
            );
        } finally {
            Error.stackTraceLimit = stackTraceLimit;
        }
    }
}
