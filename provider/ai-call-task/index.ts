// The AiCallTask resource: an Alibaba Cloud AICCS AI call task declared like infrastructure.
import * as pulumi from "@pulumi/pulumi";
import { TaskResource, taskInputs, taskOptions } from "../shared/resource";
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
    /** The ids of the resource's earlier tasks (replaced, stopped), whose reached callees this task left out (`redial: "unreached"`). */
    declare readonly predecessors: pulumi.Output<string[] | undefined>;

    constructor(name: string, args: AiCallTaskArgs, opts: pulumi.CustomResourceOptions = {}) {
        super(
            TYPE_TOKEN,
            "pulumi-tencentcloud-ccc/ai-call-task-serialized-provider",
            name,
            taskInputs(name, args, SECRET_FIELDS, ["taskId", "status", "statusName", "progress", "predecessors", "paused"]),
            taskOptions(opts, SECRET_FIELDS),
        );
    }
}
