// The AiCallTask's inputs (Alibaba Cloud AICCS, CreateAiCallTask), as one zod schema per field so
// that every problem is reported in one pass, naming the field. Limits are the API's documented ones
// (CallRetryTimes ≤ 3, CallRetryInterval ≤ 720 minutes on create and ≤ 120 on update, TaskCps ≤ 500).
import { z } from "zod";
import type { Finality } from "../shared/finished";
import { readNumber } from "../callout-task/numbers";
import { containsUnknown, type FieldFailure, toFieldFailures } from "../callout-task/schema";

export { containsUnknown, UNKNOWN } from "../callout-task/schema";

export const TYPE_TOKEN = "pulumi-nodejs:dynamic/alicloud-aiccs:AiCallTask";
export const PLUGIN_TYPE_TOKEN = "alicloud-aiccs:index:AiCallTask";

export const CALL_DAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;
export const START_TYPES = ["IMMEDIATE", "SCHEDULE"] as const;
export const RETRY_REASONS = ["CALL_REJECTED", "USER_BUSY", "SUSPEND", "INVALID_NUMBER", "POWERED_OFF", "NETWORK_BUSY", "NO_ANSWER"] as const;

/** [D] The list's Status codes (QueryAiCallTaskPage): no completed or paused state is documented. */
export const TaskStatus = { init: 0, running: 1, stopped: 2, startFailed: 3 } as const;
export type TaskStatusName = keyof typeof TaskStatus;
export const TASK_STATUSES = ["init", "running", "stopped", "startFailed"] as const satisfies readonly TaskStatusName[];
/** Statuses in which the task dials, or will by itself (a SCHEDULE task waiting for its time). */
export const DIALING_STATUSES: readonly number[] = [TaskStatus.init, TaskStatus.running];

export const MAX_RETRY_TIMES = 3;
export const MAX_RETRY_INTERVAL = { create: 720, update: 120 } as const;
export const MAX_CPS = 500;
/** [D] ImportTaskNumberDatas takes at most this many numbers per call. */
export const IMPORT_BATCH = 1000;

const time = z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "must be HH:mm or HH:mm:ss (00:00–23:59)")
    .transform((t) => (t.length === 5 ? `${t}:00` : t));
const window = z.strictObject({ start: time, end: time }).refine((w) => w.start < w.end, { message: "start must be before end" });

/** An ISO-8601 date-time with an offset, or Unix seconds; normalised to Unix seconds. */
const timestamp = z.union([z.number(), z.string()]).transform((v, ctx) => {
    if (typeof v === "number") {
        if (Number.isInteger(v) && v >= 0 && v < 1e11) return v;
        ctx.addIssue({ code: "custom", message: `${v} must be whole Unix seconds` });
        return z.NEVER;
    }
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(ms)) {
        ctx.addIssue({ code: "custom", message: `"${v}" must be ISO-8601 with a time zone offset (e.g. 2027-12-01T09:00:00+08:00) or Unix seconds` });
        return z.NEVER;
    }
    return Math.floor(ms / 1000);
});

const phone = z.unknown().transform((raw, ctx) => {
    const r = readNumber(raw);
    if (r.ok) return r.e164;
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
});
/** A callee: a number, or a number with the variables the agent's script reads. */
const calleeObject = z.strictObject({ number: phone, variables: z.record(z.string(), z.string()).optional() });
const callee = z.unknown().transform((raw, ctx): { number: string; variables?: Record<string, string> } => {
    // Either form's own rule is reported (a union would say only "Invalid input").
    const parsed = raw !== null && typeof raw === "object" ? calleeObject.safeParse(raw) : phone.safeParse(raw);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        return z.NEVER;
    }
    return typeof parsed.data === "string" ? { number: parsed.data } : parsed.data;
});

const unique = <T extends z.ZodType>(item: T, what: string) =>
    z.array(item).refine((xs) => new Set(xs.map((x) => JSON.stringify(x))).size === xs.length, { message: `a ${what} is listed twice` });

export const fieldSchemas = {
    taskName: z.string().trim().min(1, "must not be empty").describe("TaskName: unique per account; a stopped task keeps it, so a replacement needs a new one."),
    agentId: z.string().min(1, "must not be empty").describe("AgentId: the AI agent that talks to the callees."),
    virtualNumber: z.string().min(1, "must not be empty").describe("VirtualNumber: the number the calls come from."),
    startType: z.enum(START_TYPES).describe("StartType: IMMEDIATE starts at once, SCHEDULE at taskStartTime."),
    taskStartTime: timestamp.optional().describe("TaskStartTime (milliseconds on the wire): ISO-8601 with an offset, or Unix seconds; only with SCHEDULE, and required then."),
    callTime: z.array(window).min(1, "needs at least one window").describe("CallTime: the hours calls are placed, HH:mm[:ss], in the provider's window zone (alicloud:aiccsWindowTimeZone; inferred)."),
    callDays: unique(z.enum(CALL_DAYS), "day").pipe(z.array(z.enum(CALL_DAYS)).min(1, "needs at least one day")).describe("CallDay: the weekdays calls are placed, MONDAY…SUNDAY."),
    missCallRetry: z.boolean().optional().describe("MissCallRetry: call again after a missed call."),
    callRetryReason: unique(z.enum(RETRY_REASONS), "reason").optional().describe("CallRetryReason: the outcomes that are retried."),
    callRetryTimes: z.number().int().min(0).max(MAX_RETRY_TIMES, `must be at most ${MAX_RETRY_TIMES}`).optional().describe("CallRetryTimes: retries per callee."),
    callRetryInterval: z
        .number()
        .int()
        .min(1)
        .max(MAX_RETRY_INTERVAL.create, `must be at most ${MAX_RETRY_INTERVAL.create} minutes`)
        .optional()
        .describe(`CallRetryInterval, minutes: at most ${MAX_RETRY_INTERVAL.create} on create, ${MAX_RETRY_INTERVAL.update} once the task exists.`),
    taskCps: z.number().int().min(1).max(MAX_CPS, `must be at most ${MAX_CPS}`).optional().describe("TaskCps: calls per second."),
    callees: z.array(callee).min(1, "needs at least one callee").describe("The numbers called, each a number or {number, variables}; secret in state."),
    paused: z.boolean().optional().describe("Desired state: true stops the task (StopAiCallTask), false starts it (StartAiCallTask)."),
};
export type FieldName = keyof typeof fieldSchemas;
export const FIELD_NAMES = Object.keys(fieldSchemas) as FieldName[];

const inputsSchema = z.object(fieldSchemas);

const progressSchema = z.object({ total: z.number().int(), pending: z.number().int(), completed: z.number().int(), failed: z.number().int() }).describe("Where the task's callees stand (QueryAiCallDetailPage).");
export type Progress = z.infer<typeof progressSchema>;

/** Everything the provider records in state: the inputs plus what AICCS reports. */
export const stateSchema = () =>
    inputsSchema.extend({
        taskId: z.string().describe("The task's id: 64-bit, kept as text."),
        status: z.number().int().min(0).max(TASK_STATUSES.length - 1).describe("0 init, 1 running, 2 stopped, 3 start failed."),
        statusName: z.enum(TASK_STATUSES),
        progress: progressSchema,
    });
/** None final: [D] StartAiCallTask starts a stopped task again, and [?] no status is documented as one a task never leaves. */
export const FINALITY: Finality = {
    final: [],
    taskId: (recorded) => (typeof recorded.taskId === "string" ? recorded.taskId : undefined),
    stateName: (recorded) => (typeof recorded.statusName === "string" ? recorded.statusName : undefined),
    recorded: stateSchema,
};
export type AiCallTaskArgsShape = z.input<typeof inputsSchema>;
export type AiCallTaskInputs = z.output<typeof inputsSchema>;
export type Callee = AiCallTaskInputs["callees"][number];

/**
 * [D] What UpdateAiCallTask cannot change (its request has no AgentId or VirtualNumber): these, and
 * only these, replace the task. Callees are added and cancelled on the task; paused is Stop/Start.
 */
export const REPLACE_FIELDS: readonly FieldName[] = ["agentId", "virtualNumber"];
export const UPDATABLE_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((k) => !REPLACE_FIELDS.includes(k));
export const SECRET_FIELDS: readonly FieldName[] = ["callees"];

const NOT_AN_INPUT = "is not an AiCallTask input (check the spelling; inputs are camelCase)";

export type ValidationResult = { ok: true; inputs: AiCallTaskInputs; unknownFields: FieldName[] } | { ok: false; failures: FieldFailure[] };

/**
 * Every problem of the inputs in one pass: each field on its own, then the rules across fields on the
 * fields that were read. `previous` (the inputs of an existing task) applies the update-time limits.
 */
export function validateInputs(raw: Record<string, unknown>, previous?: Record<string, unknown>): ValidationResult {
    const failures: FieldFailure[] = Object.keys(raw)
        .filter((k) => !(k in fieldSchemas))
        .map((k) => ({ property: k, reason: NOT_AN_INPUT }));
    const values: Record<string, unknown> = {};
    const unknownFields: FieldName[] = [];
    for (const key of FIELD_NAMES) {
        if (containsUnknown(raw[key])) {
            unknownFields.push(key);
            continue;
        }
        const parsed = fieldSchemas[key].safeParse(raw[key]);
        if (parsed.success) values[key] = parsed.data;
        else failures.push(...toFieldFailures(parsed.error, raw[key], [key]));
    }
    const v = values as Partial<AiCallTaskInputs>;
    if (v.startType === "SCHEDULE" && v.taskStartTime === undefined && !unknownFields.includes("taskStartTime")) failures.push({ property: "taskStartTime", reason: "is required when startType is SCHEDULE" });
    if (v.startType === "IMMEDIATE" && v.taskStartTime !== undefined) failures.push({ property: "taskStartTime", reason: "is only taken with startType SCHEDULE (an IMMEDIATE task starts at once)" });
    if (v.callTime) {
        const sorted = v.callTime.map((w, i) => ({ ...w, i })).sort((a, b) => a.start.localeCompare(b.start));
        for (let k = 1; k < sorted.length; k++) if (sorted[k].start < sorted[k - 1].end) failures.push({ property: `callTime[${sorted[k].i}]`, reason: `overlaps window [${sorted[k - 1].i}]: windows must not overlap` });
    }
    if (v.callees) {
        const seen = new Set<string>();
        v.callees.forEach((c, i) => {
            if (seen.has(c.number)) failures.push({ property: `callees[${i}]`, reason: "is listed twice" });
            seen.add(c.number);
        });
    }
    // An existing task is changed by UpdateAiCallTask, whose retry interval is bounded lower.
    const updated = previous && REPLACE_FIELDS.every((k) => previous[k] === undefined || previous[k] === raw[k]);
    if (updated && v.callRetryInterval !== undefined && v.callRetryInterval !== previous.callRetryInterval && v.callRetryInterval > MAX_RETRY_INTERVAL.update) {
        failures.push({ property: "callRetryInterval", reason: `must be at most ${MAX_RETRY_INTERVAL.update} minutes when an existing task is updated (${MAX_RETRY_INTERVAL.create} on create)` });
    }
    if (failures.length) return { ok: false, failures };
    for (const key of unknownFields) values[key] = raw[key];
    const inputs = Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined)) as AiCallTaskInputs;
    return { ok: true, inputs, unknownFields };
}
