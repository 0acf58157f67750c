// The narrow client the CalloutTask provider talks through: one method per CCC action it uses, on the
// shared CCC transport (provider/ccc), built by a factory inside the provider's methods.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { cccActions, type ClientSettings } from "../ccc";

// plugin/ and bench/ import the transport from here.
export { clientProcessState, createSdkClient } from "../ccc";

export interface CccApi {
    readonly settings: ClientSettings;
    createTask(req: models.CreateAutoCalloutTaskRequest): Promise<models.CreateAutoCalloutTaskResponse>;
    describeTask(req: models.DescribeAutoCalloutTaskRequest): Promise<models.DescribeAutoCalloutTaskResponse>;
    listTasks(req: models.DescribeAutoCalloutTasksRequest): Promise<models.DescribeAutoCalloutTasksResponse>;
    pauseTask(req: models.PauseAutoCalloutTaskRequest): Promise<models.PauseAutoCalloutTaskResponse>;
    resumeTask(req: models.ResumeAutoCalloutTaskRequest): Promise<models.ResumeAutoCalloutTaskResponse>;
    stopTask(req: models.StopAutoCalloutTaskRequest): Promise<models.StopAutoCalloutTaskResponse>;
}

/** Builds the narrow client over the SDK. Create repeats by itself only what cannot have committed: the provider decides the rest. */
export function createCccApi(settings: ClientSettings): CccApi {
    const action = cccActions(settings);
    return {
        settings,
        createTask: action("CreateAutoCalloutTask", false),
        describeTask: action("DescribeAutoCalloutTask", true),
        listTasks: action("DescribeAutoCalloutTasks", true),
        pauseTask: action("PauseAutoCalloutTask", true),
        resumeTask: action("ResumeAutoCalloutTask", true),
        stopTask: action("StopAutoCalloutTask", true),
    };
}
