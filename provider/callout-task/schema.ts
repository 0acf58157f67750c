// The CalloutTask inputs and state: one zod schema is the single source of the types, the
// validation run by `check`, the campaign-file validation and the policy pack's view of a task.
import { z } from "zod";
import { IANAZone } from "luxon";
import { WEEKDAYS } from "../../campaign/model";
import { maskNumber, readNumber } from "../../campaign/numbers";
import { containsUnknown, type FieldFailure, pathString, UNKNOWN } from "../shared/inputs";
import { readFields } from "../shared/fields";
import type { Finality } from "../shared/finished";
import { processSingleton } from "../shared/process";
import { redialSchema } from "../shared/redial";

// Part of the package's `schema` namespace.
export { containsUnknown, type FieldFailure, maskNumber, UNKNOWN };
/** An input not known yet (preview): its own type, so that code reading inputs has to handle it. */
export type Unknown = typeof UNKNOWN;
/** Inputs as `check` sees them during preview: any field may still be unknown. */
export type PreviewInputs = { [K in keyof CalloutTaskInputs]: CalloutTaskInputs[K] | Unknown };

export const TYPE_TOKEN = "pulumi-nodejs:dynamic/tencentcloud-ccc:CalloutTask";
export const PLUGIN_TYPE_TOKEN = "tencentcloud-ccc:index:CalloutTask";

export const DAYS_OF_WEEK = WEEKDAYS;
export const DAY_TYPES = ["EveryDay", "BusinessDay", "Holiday", "Custom"] as const;
export const TRIGGER_MODES = ["ONCE_PER_NUMBER", "ALWAYS_ON_MATCH"] as const;
/** Hang-up codes CreateAutoCalloutTask documents for RetryHangupTypes. */
export const HANGUP_TYPES = ["202", "203", "204", "205", "206", "207", "208", "210", "212", "213", "215", "216", "217", "218", "219", "221", "222", "234"] as const;

/** CCC task states, as DescribeAutoCalloutTask reports them. */
export const TaskState = { initial: 0, running: 1, completed: 2, ending: 3, terminated: 4, paused: 5 } as const;
export type TaskStateName = keyof typeof TaskState;
export type TaskStateCode = (typeof TaskState)[TaskStateName];
/** The state names, indexed by code. */
export const TASK_STATES = ["initial", "running", "completed", "ending", "terminated", "paused"] as const satisfies { [C in TaskStateCode]: TaskStateName };
/** States in which a task will never dial again. */
export const FINISHED_STATES: readonly number[] = [TaskState.completed, TaskState.ending, TaskState.terminated];
/** States no API changes again: not `ending`, whose calls in progress still change its callees' states. */
export const FINAL_STATES: readonly number[] = [TaskState.completed, TaskState.terminated];
/** States in which a task can still dial (now or once resumed). */
export const LIVE_STATES: readonly number[] = [TaskState.initial, TaskState.running, TaskState.paused];
export const isFinished = (state: number): boolean => FINISHED_STATES.includes(state);
export const isLive = (state: number): boolean => LIVE_STATES.includes(state);

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (t: string) => t.slice(0, 5);

/**
 * An ISO-8601 date-time with a zone offset, read strictly: a date or time that does not exist
 * (30 February, 24:00, minute 60) is refused, never rolled over. Returns Unix seconds or why not.
 */
function readIsoTime(value: string): number | string {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(value);
    if (!m) return `"${value}" must be ISO-8601 with a time zone offset (e.g. 2026-12-01T09:00:00+08:00) or Unix seconds`;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0));
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (mo < 1 || mo > 12 || d < 1 || d > days) return `"${value}": ${m[1]}-${m[2]}-${m[3]} is not a date in the calendar`;
    if (h > 23 || mi > 59 || s > 59) return `"${value}": ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ""} is not a time of day (00:00:00–23:59:59)`;
    const offset = m[7] === "Z" ? 0 : (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10]));
    if (m[7] !== "Z" && (Number(m[9]) > 14 || Number(m[10]) > 59)) return `"${value}": ${m[7]} is not a time zone offset (-12:00…+14:00)`;
    return Date.UTC(y, mo - 1, d, h, mi, s) / 1000 - offset * 60;
}

type Range = { start: string; end: string };
/** Whether both ends of a range were read (a malformed time is reported once, by itself). */
const wellFormed = (r: unknown): r is Range =>
    !!r && typeof r === "object" && [(r as Range).start, (r as Range).end].every((t) => typeof t === "string" && /^\d\d:\d\d:\d\d$/.test(t));

/** Overlapping windows among the well-formed ranges; each overlap reported once, on the later range. */
function overlaps(ranges: unknown, ctx: z.RefinementCtx): void {
    if (!Array.isArray(ranges)) return;
    const span = (r: Range) => `${hhmm(r.start)}–${hhmm(r.end)}`;
    const order = ranges.flatMap((r, i) => (wellFormed(r) ? [{ ...r, i }] : [])).sort((a, b) => a.start.localeCompare(b.start));
    for (let k = 1; k < order.length; k++) {
        const prev = order.slice(0, k).reduce((a, b) => (b.end > a.end ? b : a));
        const cur = order[k];
        if (cur.start >= prev.end) continue;
        const [first, second] = prev.i < cur.i ? [prev, cur] : [cur, prev];
        ctx.addIssue({ code: "custom", path: [second.i], message: `${span(second)} overlaps ${span(first)} (window [${first.i}]): windows must not overlap` });
    }
}

/**
 * Builds the schemas. They are built on first use and kept per process rather than held at module
 * level: the provider is closure-serialized, and zod schema objects cannot be serialized (only
 * modules can, as `require` calls).
 */
function buildSchemas() {
    // Luxon builds an Intl.DateTimeFormat per check (~0.3 ms), and create and read validate again: one answer per zone.
    const zones = new Map<string, boolean>();
    const isZone = (tz: string) => zones.get(tz) ?? zones.set(tz, IANAZone.isValidZone(tz)).get(tz)!;
    /**
     * A list of phone numbers in one of the formats Tencent documents (`0086…`) or E.164 (`+86…`),
     * each normalised to `+` followed by the same digits. Checked as a whole list, each distinct
     * number once: a campaign may list 100,000 callees and `check` runs on every preview.
     */
    const phoneNumbers = z.array(z.unknown()).min(1).transform((list, ctx) => {
        const readings = new Map<unknown, ReturnType<typeof readNumber>>();
        const out: string[] = [];
        list.forEach((raw, i) => {
            let r = readings.get(raw);
            if (!r) readings.set(raw, (r = readNumber(raw)));
            if (r.ok) out.push(r.e164);
            else ctx.addIssue({ code: "custom", path: [i], message: r.reason });
        });
        return out;
    });
    const phoneNumber = z.unknown().transform((raw, ctx) => {
        const r = readNumber(raw);
        if (r.ok) return r.e164;
        ctx.addIssue({ code: "custom", message: r.reason });
        return z.NEVER;
    });

    /** A point in time: an ISO-8601 string with a zone (`2026-12-01T09:00:00+08:00`) or Unix seconds. Normalised to Unix seconds. */
    const timestamp = z.union([z.number(), z.string()]).transform((value, ctx) => {
        const fail = (message: string) => {
            ctx.addIssue({ code: "custom", message });
            return z.NEVER;
        };
        if (typeof value === "number") {
            if (!Number.isInteger(value) || value < 0) return fail(`${value} must be whole Unix seconds`);
            if (value > 1e11) return fail(`${value} looks like milliseconds; give Unix seconds`);
            return value;
        }
        if (/^\d+$/.test(value)) return Number(value);
        const seconds = readIsoTime(value);
        return typeof seconds === "number" ? Math.floor(seconds) : fail(seconds);
    });

    /** Time of day, "HH:MM" or "HH:MM:SS", normalised to "HH:MM:SS" as the API wants it. */
    const timeOfDay = z.string().transform((t, ctx) => {
        const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
        if (!m || m[1].length !== 2 || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) {
            const hint = m && m[1].length === 1 ? ` (write ${pad(Number(m[1]))}:${m[2]}${m[3] ? `:${m[3]}` : ""})` : "";
            ctx.addIssue({ code: "custom", message: `"${t}" must be HH:MM or HH:MM:SS, 24-hour, 00:00–23:59${hint}` });
            return z.NEVER;
        }
        return `${m[1]}:${m[2]}:${m[3] ?? "00"}`;
    });

    const timeRange = z
        .object({
            start: timeOfDay.describe("Start of the window, local time in `timeZone`."),
            end: timeOfDay.describe("End of the window, local time in `timeZone`; after `start`."),
        })
        .strict()
        .refine((r) => !wellFormed(r) || r.start < r.end, { message: "start must be before end (a window cannot cross midnight: split it in two)", path: ["end"] });
    /** Windows of one task or day type: each well-formed, none overlapping another. */
    const timeRanges = z
        .array(timeRange)
        .min(1)
        // Also when a range is malformed: the others may still overlap, and every problem is reported at once.
        .superRefine((rs, ctx) => overlaps(rs, ctx), { when: () => true });

    const workTimeConfig = z
        .object({
            dayType: z.enum(DAY_TYPES).default("EveryDay").describe("Which days the ranges apply to; `BusinessDay`/`Holiday` follow the CCC calendar."),
            daysOfWeek: z.array(z.enum(DAYS_OF_WEEK)).min(1).optional().describe("Only with dayType Custom."),
            timeRanges: timeRanges.describe("Call windows on those days."),
        })
        .strict()
        .superRefine((w, ctx) => {
            if (w.dayType === "Custom" && !w.daysOfWeek) ctx.addIssue({ code: "custom", message: "required when dayType is Custom", path: ["daysOfWeek"] });
            if (w.dayType !== "Custom" && w.daysOfWeek) ctx.addIssue({ code: "custom", message: "allowed only when dayType is Custom", path: ["daysOfWeek"] });
        });

    const variables = z.record(z.string().min(1), z.string()).describe("Custom variables passed to the IVR or AI agent, as key → value.");

    const tag = z.object({ tagName: z.string().min(1), tagValue: z.string() }).strict();

    const positiveInt = z.number().int().positive();
    // The documented codes; TriggerStrategy's hangupTypes are taken to be the same codes (inferred: its page gives no list).
    const hangupType = z.enum(HANGUP_TYPES, { error: (i) => `"${String(i.input)}" is not a documented hang-up code (${HANGUP_TYPES.join(", ")})` });

    /** The inputs a CalloutTask declares. Every field but `paused` replaces the task when it changes (CCC has no update API). */
    const fields = {
        sdkAppId: positiveInt.describe("CCC application (SdkAppId) that owns the task."),
        name: z.string().min(1).max(128).optional().describe("Task name shown in the CCC console."),
        description: z.string().max(1024).optional().describe("Task description."),
        notBefore: timestamp.describe("When the task may start dialing: ISO-8601 with offset, or Unix seconds."),
        notAfter: timestamp.optional().describe("When the task stops dialing: ISO-8601 with offset, or Unix seconds."),
        callees: phoneNumbers.describe("Numbers to call (+86… or 0086…). Personal data: stored as a secret."),
        callers: phoneNumbers.describe("Caller numbers registered in CCC (+86… or 0086…)."),
        ivrId: positiveInt.optional().describe("IVR that handles the calls; exactly one of ivrId and aiAgentId."),
        aiAgentId: positiveInt.optional().describe("AI agent that handles the calls; exactly one of ivrId and aiAgentId."),
        tries: z.number().int().min(1).max(3).optional().describe("Attempts per callee, 1–3."),
        variables: variables.optional(),
        uui: z.string().optional().describe("User-to-user information passed with every call."),
        calleeAttributes: z
            .array(z.object({ callee: phoneNumber, uui: z.string().optional(), variables: variables.optional() }).strict())
            .optional()
            .describe("Per-callee UUI and variables; every callee here must be in `callees`."),
        timeZone: z
            .string()
            .refine(isZone, "must be an IANA time zone such as Asia/Shanghai")
            .optional()
            .describe("IANA time zone of the call windows."),
        availableTime: timeRanges.optional().describe("Daily call windows; CCC ignores availableWorkTimeConfig when this is set."),
        availableWorkTimeConfig: z.array(workTimeConfig).min(1).optional().describe("Call windows per day type or days of week."),
        retryInterval: z.number().int().min(600).max(86400).optional().describe("Seconds between attempts, 600–86400."),
        maxRingTimeoutSecond: positiveInt.optional().describe("Ring time before giving up, in seconds."),
        retryHangupTypes: z.array(hangupType).min(1).optional().describe("Hang-up codes that trigger a retry (AI agent tasks only)."),
        retryTags: z.array(tag).min(1).optional().describe("Post-call tags that trigger a retry (AI agent tasks only)."),
        triggerStrategy: z
            .array(
                z
                    .object({
                        triggerMode: z.enum(TRIGGER_MODES).optional(),
                        hangupTypes: z.array(hangupType).optional(),
                        callTags: z.array(tag).optional(),
                        interfaceConfig: z.record(z.string(), z.unknown()).optional().describe("HttpCallbackConfig in the API's own field names (Url, HeaderParams, …); stored as a secret."),
                    })
                    .strict(),
            )
            .optional()
            .describe("Callbacks triggered by call outcomes (AI agent tasks)."),
        concurrencyLimit: positiveInt.optional().describe("Maximum simultaneous calls (AI agent tasks)."),
        paused: z.boolean().default(false).describe("Desired state: true pauses the task, false lets it run. The only field updated in place."),
        adoptTaskId: positiveInt.optional().describe("Adopt this existing task instead of creating one (the engine cannot import dynamic resources)."),
        redial: redialSchema(),
    };

    const inputs = z.object(fields).strict();
    const progress = z.object({
        total: z.number(),
        initial: z.number(),
        answered: z.number(),
        notAnswered: z.number(),
        calling: z.number(),
        awaitingRetry: z.number(),
    });
    /** Everything the provider records in state: the inputs plus what CCC reports. */
    const state = z.object({
        ...fields,
        taskId: positiveInt,
        state: z.number().int().min(0).max(5),
        stateName: z.enum(TASK_STATES),
        progress,
    });
    // The pieces other CCC kinds build their inputs from (their rules are CCC's, not this task's).
    const parts = { timestamp, phoneNumbers, phoneNumber, timeRanges, variables, positiveInt, timeZone: fields.timeZone, calleeAttributes: fields.calleeAttributes };
    return { fields, inputs, progress, state, parts };
}

type Schemas = ReturnType<typeof buildSchemas>;
export function schemas(): Schemas {
    return processSingleton("schemas", buildSchemas);
}

/** The input names, in one list: every one but `paused` replaces the task when it changes (CCC has no update API). */
export const FIELD_NAMES = [
    "sdkAppId", "name", "description", "notBefore", "notAfter", "callees", "callers", "ivrId", "aiAgentId", "tries",
    "variables", "uui", "calleeAttributes", "timeZone", "availableTime", "availableWorkTimeConfig", "retryInterval",
    "maxRingTimeoutSecond", "retryHangupTypes", "retryTags", "triggerStrategy", "concurrencyLimit", "paused", "adoptTaskId",
    "redial",
] as const satisfies readonly (keyof Schemas["fields"])[];
// Fails to compile if FIELD_NAMES misses a field of the schema.
const _allFieldsListed: Exclude<keyof Schemas["fields"], (typeof FIELD_NAMES)[number]> extends never ? true : never = true;
void _allFieldsListed;

export type FieldName = (typeof FIELD_NAMES)[number];

/** The only input CCC can change on an existing task (Pause/Resume). Every other input replaces it. */
export const UPDATABLE_FIELDS: readonly FieldName[] = ["paused"];
export const REPLACE_FIELDS: readonly FieldName[] = FIELD_NAMES.filter((k) => !UPDATABLE_FIELDS.includes(k));
/** Inputs that steer only how a task is made: changing them alone changes nothing (adopting another task replaces; the provider decides). */
export const CREATE_ONLY: readonly FieldName[] = ["redial", "adoptTaskId"];
/** Inputs holding callee numbers or callback credentials: secret in state. */
export const SECRET_FIELDS: readonly FieldName[] = ["callees", "calleeAttributes", "triggerStrategy"];

type Known = Partial<Record<FieldName, false>>;
type Report = (path: (string | number)[], message: string) => void;

export const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

/**
 * Rules across fields, on the fields that were read. `known` marks with `false` the fields that are
 * not (unknown during preview, or refused on their own), so that a rule never reports on them twice.
 */
function crossFieldRules(v: Record<string, any>, raw: Record<string, unknown>, report: Report, known: Known, now?: number): void {
    const isKnown = (k: FieldName) => known[k] !== false;
    if (isKnown("ivrId") && isKnown("aiAgentId")) {
        if ((v.ivrId === undefined) === (v.aiAgentId === undefined)) report([v.ivrId === undefined ? "ivrId" : "aiAgentId"], "exactly one of ivrId and aiAgentId must be set");
    }
    if (isKnown("notBefore") && isKnown("notAfter") && v.notAfter !== undefined && v.notBefore !== undefined && v.notAfter <= v.notBefore) {
        report(["notAfter"], "must be after notBefore");
    } else if (now !== undefined && isKnown("notAfter") && v.notAfter !== undefined && v.notAfter <= now) {
        report(["notAfter"], `${iso(v.notAfter)} has already passed (now ${iso(now)}): the task could never dial; move the dates, or remove a campaign that has run`);
    }
    if (v.ivrId !== undefined && isKnown("ivrId")) {
        for (const f of ["retryHangupTypes", "retryTags", "triggerStrategy", "concurrencyLimit"] as const) {
            // On the field as written: a field refused for its value is still on the wrong kind of task.
            if (raw[f] !== undefined) report([f], "applies to AI agent tasks only (set aiAgentId, not ivrId)");
        }
    }
    if (Array.isArray(v.callees)) {
        const seen = new Set<string>();
        v.callees.forEach((c: string, i: number) => {
            if (seen.has(c)) report(["callees", i], `${maskNumber(c)} is listed more than once (it would be called twice)`);
            seen.add(c);
        });
        if (Array.isArray(v.calleeAttributes)) {
            v.calleeAttributes.forEach((a: { callee: string }, i: number) => {
                if (!seen.has(a.callee)) report(["calleeAttributes", i, "callee"], `${maskNumber(a.callee)} is not in callees`);
            });
        }
    }
}

/** Remarks that do not stop a task: a start already passed means CCC starts dialing at once. */
function notesOn(v: Record<string, any>, known: Known, now?: number): FieldFailure[] {
    if (now === undefined || known.notBefore === false || v.notBefore === undefined || v.notBefore >= now) return [];
    return [{ property: "notBefore", reason: `${iso(v.notBefore)} has already passed: CCC starts the task at once` }];
}

/** What a user writes (ISO strings, 0086… numbers, HH:MM). */
export type CalloutTaskArgsShape = z.input<Schemas["inputs"]>;
/** Inputs after normalisation, as the provider and the policy pack see them. */
export type CalloutTaskInputs = z.output<Schemas["inputs"]>;
export type Progress = z.infer<Schemas["progress"]>;
export type CalloutTaskState = z.output<Schemas["state"]>;

const KIND = "CalloutTask";
export interface ValidateOptions {
    /**
     * Now, in Unix seconds. Given, a notAfter already passed is refused (the task could never dial)
     * and a notBefore already passed gives a note. Left out (reading back a task that exists, the
     * policy pack), no rule depends on the time.
     */
    now?: number;
    /**
     * The inputs the task was created with, if it exists: its notAfter passing is then no new
     * problem (the task has simply finished), so an unchanged notAfter is not refused.
     */
    previous?: Record<string, unknown>;
}

export type ValidationResult =
    | {
          ok: true;
          /** Normalised inputs. Fields named in `unknownFields` still hold {@link UNKNOWN} (preview). */
          inputs: CalloutTaskInputs;
          unknownFields: FieldName[];
          /** Remarks that do not stop the task. */
          notes: FieldFailure[];
      }
    | { ok: false; failures: FieldFailure[] };

/**
 * Validates and normalises inputs, reporting every problem at once: each field is read on its
 * own, then the rules across fields run on the fields that were read. Fields holding values unknown
 * during preview are passed through untouched and skipped by the rules that need them; they are
 * checked again at deploy time.
 */
export function validateInputs(raw: Record<string, unknown>, options: ValidateOptions = {}): ValidationResult {
    const { fields } = schemas();
    const { values, failures, unknownFields, unread } = readFields(KIND, raw, fields);
    const known: Known = Object.fromEntries([...unread].map((k) => [k, false]));
    const now = options.previous && options.previous.notAfter === values.notAfter ? undefined : options.now;
    crossFieldRules(values, raw, (path, reason) => failures.push({ property: pathString(path), reason }), known, now);
    if (failures.length) return { ok: false, failures };
    for (const key of unknownFields) values[key] = raw[key];
    // Absent optional fields stay absent rather than present as undefined.
    const inputs = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as CalloutTaskInputs;
    return { ok: true, inputs, unknownFields, notes: notesOn(values, known, now) };
}

/** Completed and terminated tasks cost no call on refresh and delete (provider/shared/finished.ts). */
export const FINALITY: Finality = {
    final: FINAL_STATES.map((s) => TASK_STATES[s]),
    taskId: (recorded) => (typeof recorded.taskId === "number" ? recorded.taskId : undefined),
    stateName: (recorded) => (typeof recorded.stateName === "string" ? recorded.stateName : undefined),
    recorded: () => schemas().state,
};

export function stateName(state: number): TaskStateName {
    return TASK_STATES[state as TaskStateCode] ?? "terminated";
}
