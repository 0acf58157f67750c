// The AiCallTask as a campaign (campaign/adapter.ts): one set of hours (callTime) on chosen days
// (callDays), read in the zone the provider's setting names (not documented by Alibaba; China time
// by default), never a per-task input. Each input is read on its own, so one bad field hides only
// the campaign part it holds.
import { z } from "zod";
import { type CampaignReading, REACHED_RESTART, STOP_ENDING, type TaskKind, taskProgressSchema } from "../../campaign/adapter";
import type { CampaignParts, Concern, Weekday } from "../../campaign/model";
import { WEEKDAYS } from "../../campaign/model";
import { hhmm } from "../../campaign/windows";
import { readCampaignFields } from "../shared/fields";
import { CALL_DAYS, FIELD_NAMES, type FieldName, fieldSchemas, FINALITY, MAX_RETRY_TIMES, PLUGIN_TYPE_TOKEN, REPLACE_FIELDS, SECRET_FIELDS, stateSchema, TASK_STATUSES, TYPE_TOKEN, UPDATABLE_FIELDS } from "./schema";
import { DEFAULT_WINDOW_TIME_ZONE, windowTimeZone } from "./settings";

/** [I] The emulator's and the likeliest default: 30 minutes between attempts when no interval is given. */
const DEFAULT_RETRY_INTERVAL_MINUTES = 30;

const SOURCES: Partial<Record<FieldName, Concern>> = {
    callees: "callees",
    virtualNumber: "callers",
    startType: "start",
    taskStartTime: "start",
    callTime: "windows",
    callDays: "windows",
    missCallRetry: "tries",
    callRetryTimes: "tries",
    callRetryInterval: "retryInterval",
    taskCps: "pace",
};

const dayOf = (d: (typeof CALL_DAYS)[number]): Weekday => WEEKDAYS[CALL_DAYS.indexOf(d)];

/** [I] The virtual number in E.164: written national (0571…, 138…), it is a mainland number. */
const callerE164 = (n: string) => (/^(\+|00)/.test(n) ? n : `+86${n.replace(/^0/, "")}`);

export function readAiCallTask(props: Record<string, unknown>): CampaignReading {
    const { values: v, failures, unknown } = readCampaignFields("AiCallTask", props, fieldSchemas, SOURCES);
    if (v.startType === "SCHEDULE" && v.taskStartTime === undefined && !unknown.has("start")) failures.push({ property: "taskStartTime", reason: "is required when startType is SCHEDULE", concern: "start" });
    const failed = new Set(failures.flatMap((f) => (f.concern ? [f.concern] : [])));
    const usable = (c: Concern) => !unknown.has(c) && !failed.has(c);
    const campaign: CampaignParts = { schedule: {}, attempts: {}, pace: {} };
    if (usable("callees") && v.callees) campaign.callees = v.callees.map((c: { number: string }) => c.number);
    if (usable("callers") && v.virtualNumber) campaign.callers = [callerE164(v.virtualNumber)];
    // An IMMEDIATE task dials as soon as it exists: its windows are judged from now on.
    if (usable("start") && v.startType) campaign.schedule.start = v.startType === "SCHEDULE" ? v.taskStartTime : Math.floor(Date.now() / 1000);
    Object.assign(campaign.schedule, { timeZone: windowTimeZone(), timeZoneSource: "setting" });
    if (usable("windows") && v.callTime && v.callDays) {
        const days = (v.callDays as (typeof CALL_DAYS)[number][]).map(dayOf);
        const label = days.map((d) => d.slice(0, 3)).join(",");
        campaign.schedule.windows = (v.callTime as { start: string; end: string }[]).map((w) => ({ start: w.start, end: w.end, days, label }));
    }
    // Retries left unset with missCallRetry on are judged at the API's most, not guessed low.
    if (!unknown.has("tries")) campaign.attempts.tries = v.missCallRetry ? 1 + (v.callRetryTimes ?? MAX_RETRY_TIMES) : 1;
    if (!unknown.has("retryInterval")) campaign.attempts.retryInterval = (v.callRetryInterval ?? DEFAULT_RETRY_INTERVAL_MINUTES) * 60;
    if (usable("pace") && v.taskCps !== undefined) campaign.pace.concurrency = v.taskCps;
    return { campaign, failures, failed, unknown };
}

export const aiCallTaskKind: TaskKind = {
    name: "AiCallTask",
    tokens: { dynamic: TYPE_TOKEN, plugin: PLUGIN_TYPE_TOKEN },
    assumedTimeZone: DEFAULT_WINDOW_TIME_ZONE,
    fields: {
        callees: "callees",
        callers: "virtualNumber",
        start: "taskStartTime",
        end: "an end (AICCS tasks have none; pause or remove the task to end it)",
        timeZone: "alicloud:aiccsWindowTimeZone",
        windows: "callTime and callDays",
        tries: "callRetryTimes",
        retryInterval: "callRetryInterval",
        pace: "taskCps",
    },
    read: readAiCallTask,
    reference: {
        description:
            "An AI call task of Alibaba Cloud AICCS (API 2019-10-15): an AI agent calls its callees from its virtual number in its call windows, on the chosen weekdays, in the provider's window zone.",
        inputs: () => z.object(fieldSchemas),
        outputs: stateSchema,
    },
    lifecycle: {
        inputOrder: FIELD_NAMES,
        updatable: UPDATABLE_FIELDS,
        secret: SECRET_FIELDS,
        defaults: { paused: false, redial: "unreached" },
        paused: (inputs) => inputs.paused === true,
        redialsEveryone: (inputs) => inputs.redial === "everyone",
        restart: REACHED_RESTART,
        ending: STOP_ENDING,
        taskId: FINALITY.taskId,
        stateName: FINALITY.stateName,
        states: { all: TASK_STATUSES, restarting: ["init", "running"], finished: [], final: FINALITY.final },
        progress: (outputs) => {
            const p = outputs.progress as { total: number; pending: number; completed: number; failed: number } | undefined;
            if (!p || typeof p.total !== "number") return undefined;
            // AICCS's pending records (detail status 0) are the unfinished ones, called or not: the model counts them as not dialed yet.
            return taskProgressSchema.parse({ total: p.total, dialed: p.completed + p.failed, reached: p.completed, notAnswered: p.failed, pending: 0 });
        },
        updateInPlace: ({ added, removed }) =>
            [
                "the task stops briefly while its fields change, then starts again if it was running",
                ...(added ? [`${added} added callee(s) imported`] : []),
                ...(removed ? [`${removed} removed callee(s) cancelled where still pending (callees already queued or being called stay)`] : []),
            ].join("; "),
        replaceReason: `AICCS cannot change ${REPLACE_FIELDS.join(" or ")} of a task`,
        zoneNote: "AICCS documents no zone; the provider's setting (default Asia/Shanghai) is inferred",
    },
    display: (field, value) => {
        if (field === "callTime") return (value as { start: string; end: string }[]).map((w) => `${hhmm(w.start)}–${hhmm(w.end)}`).join(", ");
        if (field === "callDays") return (value as string[]).map((d) => d.slice(0, 3)).join(",");
        return undefined;
    },
};
