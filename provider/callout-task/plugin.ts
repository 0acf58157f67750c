// The CalloutTask in the provider plugin (plugin/): its lifecycle, settings and import.
import type { PluginKind } from "../../plugin/kind";
import { parseImportId } from "../ccc";
import { calloutTaskKind } from "./campaign";
import { createCccApi } from "./client";
import { describeFromApi } from "./mapping";
import { CalloutTaskProvider } from "./provider";
import { CREATE_ONLY, FIELD_NAMES, TaskState } from "./schema";
import { resolveSettings, SETTING_SOURCES } from "./settings";

export const calloutTaskPlugin: PluginKind = {
    kind: calloutTaskKind,
    description: "A CCC auto callout task. Every input but `paused` replaces the task (CCC has no update API), and the old task is stopped before the new one is created.",
    importId: "SDKAPPID/TASKID",
    lifecycle: (warn) => new CalloutTaskProvider(warn),
    settings: SETTING_SOURCES,
    secretSettings: ["secretKey", "securityToken"],
    createOnly: ["adoptTaskId"],
    providerOnly: CREATE_ONLY,
    async importTask(id) {
        const { sdkAppId, id: taskId } = parseImportId(id, "TASKID");
        const observed = describeFromApi(await createCccApi(resolveSettings()).describeTask({ SdkAppId: sdkAppId, TaskId: taskId }));
        const recovered: Record<string, unknown> = {
            sdkAppId,
            name: observed.name,
            description: observed.description,
            notBefore: observed.notBefore,
            notAfter: observed.notAfter,
            callers: observed.callers,
            callees: observed.callees,
            ivrId: observed.ivrId,
            maxRingTimeoutSecond: observed.maxRingTimeoutSecond,
            paused: observed.state === TaskState.paused,
        };
        if (recovered.ivrId === undefined) {
            throw new Error(`task ${taskId} has no IVR: it is an AI agent task, and CCC never returns aiAgentId. Declare it with aiAgentId and the \`import\` resource option instead.`);
        }
        // adoptTaskId and redial describe what the provider does, not the task: nothing to recover.
        const notReturned = FIELD_NAMES.filter((k) => !(k in recovered) && k !== "adoptTaskId" && k !== "redial");
        return {
            id: String(taskId),
            inputs: Object.fromEntries(Object.entries(recovered).filter(([, v]) => v !== undefined)),
            notReturned,
            note: `CCC never returns ${notReturned.join(", ")}: declare the ones the task was created with (timeZone and the call windows are what the policy pack checks).`,
        };
    },
};
