// The AiCallTask in the provider plugin (plugin/): its lifecycle, settings and import.
import type { PluginKind } from "../../plugin/kind";
import { clientFor } from "../shared/process";
import { aiCallTaskKind } from "./campaign";
import { createAiccsApi } from "./client";
import { inputsFromDetail } from "./mapping";
import { describeTask, heldNumbers } from "./operations";
import { AiCallTaskProvider } from "./provider";
import { FIELD_NAMES, fieldSchemas, REPLACE_FIELDS } from "./schema";
import { DEFAULT_WINDOW_TIME_ZONE, resolveSettings, SETTING_SOURCES } from "./settings";

const code = (s: string) => `\`${s}\``;

export const aiCallTaskPlugin: PluginKind = {
    kind: aiCallTaskKind,
    description:
        `An Alibaba Cloud AICCS AI call task. ${REPLACE_FIELDS.map(code).join(" and ")} replace the task (UpdateAiCallTask cannot change them; the old task is stopped first, and the new one needs a new \`taskName\`); ` +
        "every other input is changed in place. `callTime` and `callDays` are read in the provider's window zone, `aiccsWindowTimeZone` " +
        `(default ${DEFAULT_WINDOW_TIME_ZONE}): an inferred zone, AICCS documents none.`,
    importId: "TASKID",
    lifecycle: (warn) => new AiCallTaskProvider(warn),
    settings: SETTING_SOURCES,
    secretSettings: ["secretKey", "securityToken"],
    settingNotes: { aiccsWindowTimeZone: `The zone callTime and callDays are read in (default ${DEFAULT_WINDOW_TIME_ZONE}): inferred, AICCS documents none.` },
    async importTask(id) {
        const taskId = id.trim();
        // Ids are 64-bit: kept as text, never read as a number.
        if (!/^\d+$/.test(taskId)) throw new Error(`import ID "${id}": must be TASKID, the task's id as AICCS lists it, for example 118712345678900001`);
        const api = clientFor("aiccsClients", resolveSettings(), createAiccsApi);
        const observed = await describeTask(api, taskId);
        if (!observed) throw new Error(`import ID "${id}": AICCS has no task ${taskId}`);
        // In the form check gives them, so that the generated declaration has no changes.
        const numbers = await heldNumbers(api, taskId);
        const inputs: Record<string, unknown> = { ...inputsFromDetail(observed.detail, observed.status), ...(numbers.length && { callees: numbers.map((number) => ({ number })) }) };
        // An optional input AICCS does not report is unset; a required one it did not report must be declared.
        const notReturned = FIELD_NAMES.filter((k) => inputs[k] === undefined && !fieldSchemas[k].safeParse(undefined).success);
        return {
            id: taskId,
            inputs,
            notReturned,
            note:
                (notReturned.length ? `AICCS did not return ${notReturned.join(", ")}: declare them. ` : "") +
                "AICCS never returns the callees' variables: declare the ones the agent's script reads (recorded in place, nobody is imported again).",
        };
    },
};
