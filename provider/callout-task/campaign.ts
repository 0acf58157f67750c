// CCC's CalloutTask as a campaign (campaign/adapter.ts): its inputs normalised by the resource's own
// schema, whatever form the props arrive in, then mapped onto the vendor-neutral model. Inputs that
// fail the schema do not hide the task: each field is taken on its own, what validates is mapped,
// and each failure is reported against the part of the campaign it holds.
import { type CampaignReading, type Failure, REACHED_RESTART, STOP_ENDING, type TaskKind, taskProgressSchema } from "../../campaign/adapter";
import { Memo } from "../../campaign/memo";
import { hhmm } from "../../campaign/windows";
import type { CallWindow, CampaignParts, Concern, Weekday } from "../../campaign/model";
import { WEEKDAYS } from "../../campaign/model";
import {
    type CalloutTaskInputs,
    type FieldName,
    FIELD_NAMES,
    FINALITY,
    FINISHED_STATES,
    PLUGIN_TYPE_TOKEN,
    schemas,
    SECRET_FIELDS,
    TASK_STATES,
    TaskState,
    TYPE_TOKEN,
    UPDATABLE_FIELDS,
    validateInputs,
} from "./schema";
import { containsUnknown, toFieldFailures, UNKNOWN } from "../shared/inputs";

/** CCC's zone when a task declares none is not documented; the service is in China. */
export const ASSUMED_TIME_ZONE = "Asia/Shanghai";
/** CCC retries after 600 s when a task gives no interval, and calls each callee once when it gives no tries. */
const DEFAULT_RETRY_INTERVAL = 600;
const DEFAULT_TRIES = 1;

/** The CCC inputs each part of a campaign is read from. */
const SOURCES: Record<Concern, readonly FieldName[]> = {
    callees: ["callees"],
    callers: ["callers"],
    start: ["notBefore"],
    end: ["notAfter"],
    timeZone: ["timeZone"],
    windows: ["availableTime", "availableWorkTimeConfig"],
    tries: ["tries"],
    retryInterval: ["retryInterval"],
    pace: ["concurrencyLimit"],
};
const CONCERN_OF = new Map<string, Concern>(Object.entries(SOURCES).flatMap(([c, fs]) => fs.map((f) => [f, c as Concern] as const)));

// Keys the provider adds (outputs, and the lineage its check carries between tasks): not inputs to check.
const OUTPUT_ONLY = ["__provider", "taskId", "state", "stateName", "progress", "skippedCallees", "lineage"];

/** The inputs that validate. Callees are kept as written: they are analysed once (campaign/callees.ts). */
type TaskInputs = Partial<Omit<CalloutTaskInputs, "callees">> & { callees?: string[] };

interface Checked {
    inputs: Record<string, unknown>;
    failures: Failure[];
}

/** The per-field view of inputs that fail the schema as a whole. */
function fieldByField(inputs: Record<string, unknown>): Checked {
    const { fields } = schemas();
    const parsed: Record<string, unknown> = {};
    const failures: Failure[] = [];
    for (const [k, v] of Object.entries(inputs)) {
        if (!(k in fields)) continue; // not an input: the provider's check names it
        if (containsUnknown(v)) {
            parsed[k] = v;
            continue;
        }
        const result = fields[k as FieldName].safeParse(v);
        if (result.success) parsed[k] = result.data;
        else failures.push(...toFieldFailures("CalloutTask", result.error, v).map((f) => ({ property: f.property === "(inputs)" ? k : `${k}${f.property.startsWith("[") ? "" : "."}${f.property}`, reason: f.reason })));
    }
    const { notBefore, notAfter } = parsed as { notBefore?: unknown; notAfter?: unknown };
    if (typeof notBefore === "number" && typeof notAfter === "number" && notAfter <= notBefore) {
        failures.push({ property: "notAfter", reason: "must be after notBefore" });
        delete parsed.notAfter;
    }
    return { inputs: parsed, failures };
}

// Keyed by the inputs without the callees (those are analysed and cached on their own, campaign/callees.ts).
const checked = new Memo<Checked>(2048);

function view(inputs: Record<string, unknown>): Checked {
    return checked.get(JSON.stringify(inputs), () => {
        // Callees are left out of the schema run (as if unknown): validating 100,000 numbers once per policy is the slow part.
        const whole = validateInputs({ ...inputs, callees: UNKNOWN });
        if (!whole.ok) return fieldByField(inputs);
        const { callees: _, ...valid } = whole.inputs as Record<string, unknown>;
        return { inputs: valid, failures: [] };
    });
}

/** The windows a task declares (availableTime wins over availableWorkTimeConfig, as in CCC). */
export function callWindows(task: Pick<TaskInputs, "availableTime" | "availableWorkTimeConfig">): CallWindow[] {
    if (task.availableTime?.length) return task.availableTime.map((r) => ({ ...r, days: [...WEEKDAYS], label: "every day" }));
    return (task.availableWorkTimeConfig ?? []).flatMap((w) => {
        // BusinessDay follows CCC's statutory calendar, which moves some workdays onto weekends;
        // Holiday covers weekends and public holidays, which can fall on any day.
        const days: Weekday[] = w.dayType === "Custom" ? [...(w.daysOfWeek ?? [])] : w.dayType === "BusinessDay" ? WEEKDAYS.slice(0, 5) : [...WEEKDAYS];
        const calendar = w.dayType === "BusinessDay" ? ("workdays" as const) : w.dayType === "Holiday" ? ("holidays" as const) : undefined;
        const label = w.dayType === "Custom" ? (w.daysOfWeek ?? []).map((d) => d.slice(0, 3)).join(",") : w.dayType;
        return w.timeRanges.map((r) => ({ start: r.start, end: r.end, days, ...(calendar && { calendar }), label }));
    });
}

/** The campaign a CalloutTask's props describe, and why any part of it is missing. */
export function readCalloutTask(props: Record<string, unknown>): CampaignReading {
    const inputs = Object.fromEntries(Object.entries(props).filter(([k, v]) => !OUTPUT_ONLY.includes(k) && k !== "callees" && v !== undefined));
    const v = view(inputs);
    const raw = props.callees;
    const failures = [...v.failures];
    const task = v.inputs as TaskInputs;
    const unknown = new Set<Concern>();
    for (const [concern, fields] of Object.entries(SOURCES)) if (fields.some((f) => containsUnknown(task[f]))) unknown.add(concern as Concern);
    if (containsUnknown(raw)) unknown.add("callees");
    else if (Array.isArray(raw) && raw.length && raw.every((n) => typeof n === "string")) task.callees = Array.from(raw as string[]);
    else failures.push({ property: "callees", reason: "must be a non-empty list of phone numbers" });
    for (const f of failures) f.concern = CONCERN_OF.get(f.property.split(/[.[]/)[0]);
    const failed = new Set(failures.flatMap((f) => (f.concern ? [f.concern] : [])));
    const usable = (c: Concern) => !unknown.has(c) && !failed.has(c);
    const campaign: CampaignParts = { schedule: {}, attempts: {}, pace: {} };
    if (usable("callees")) campaign.callees = task.callees;
    if (usable("callers")) campaign.callers = task.callers;
    if (usable("start") && task.notBefore !== undefined) campaign.schedule.start = task.notBefore;
    if (usable("end") && task.notAfter !== undefined) campaign.schedule.end = task.notAfter;
    if (usable("timeZone")) Object.assign(campaign.schedule, { timeZone: task.timeZone ?? ASSUMED_TIME_ZONE, timeZoneSource: task.timeZone === undefined ? "assumed" : "task" });
    if (usable("windows")) campaign.schedule.windows = callWindows(task);
    // A try count or an interval refused by the schema is judged as not given (its violation is reported on its own).
    if (!unknown.has("tries")) campaign.attempts.tries = task.tries ?? DEFAULT_TRIES;
    if (!unknown.has("retryInterval")) campaign.attempts.retryInterval = task.retryInterval ?? DEFAULT_RETRY_INTERVAL;
    if (usable("pace") && task.concurrencyLimit !== undefined) campaign.pace.concurrency = task.concurrencyLimit;
    return { campaign, failures, failed, unknown };
}

type Range = { start: string; end: string };
const ranges = (rs: Range[]) => rs.map((r) => `${hhmm(r.start)}–${hhmm(r.end)}`).join(", ");

export const calloutTaskKind: TaskKind = {
    name: "CalloutTask",
    tokens: { dynamic: TYPE_TOKEN, plugin: PLUGIN_TYPE_TOKEN },
    assumedTimeZone: ASSUMED_TIME_ZONE,
    fields: {
        callees: "callees",
        callers: "callers",
        start: "notBefore",
        end: "notAfter",
        timeZone: "timeZone",
        windows: "availableTime or availableWorkTimeConfig",
        tries: "tries",
        retryInterval: "retryInterval",
        pace: "concurrencyLimit",
    },
    read: readCalloutTask,
    reference: {
        description: "An outbound call task of Tencent Cloud Contact Center (CCC): its callees are dialed from its callers in its call windows, and answered calls go to an IVR or an AI agent.",
        inputs: () => schemas().inputs,
        outputs: () => schemas().state,
    },
    lifecycle: {
        inputOrder: FIELD_NAMES,
        updatable: UPDATABLE_FIELDS,
        secret: SECRET_FIELDS,
        defaults: { paused: false },
        paused: (inputs) => inputs.paused === true,
        redialsEveryone: (inputs) => inputs.redial === "everyone",
        restart: REACHED_RESTART,
        ending: STOP_ENDING,
        taskId: FINALITY.taskId,
        stateName: FINALITY.stateName,
        states: {
            all: TASK_STATES,
            restarting: [TASK_STATES[TaskState.running], TASK_STATES[TaskState.paused]],
            finished: FINISHED_STATES.map((s) => TASK_STATES[s]),
            final: FINALITY.final,
        },
        progress: (outputs) => {
            const p = schemas().progress.safeParse(outputs.progress);
            if (!p.success) return undefined;
            const { total, initial, answered, notAnswered, calling, awaitingRetry } = p.data;
            return taskProgressSchema.parse({ total, dialed: total - initial, reached: answered, notAnswered, pending: calling + awaitingRetry });
        },
        replaceReason: "CCC has no update API",
        zoneNote: "not declared; CCC's default assumed",
    },
    display: (field, value) => {
        switch (field) {
            case "availableTime":
                return ranges(value as Range[]);
            case "availableWorkTimeConfig":
                return (value as { dayType: string; daysOfWeek?: string[]; timeRanges: Range[] }[])
                    .map((w) => `${w.daysOfWeek ? w.daysOfWeek.map((d) => d.slice(0, 3)).join(",") : w.dayType} ${ranges(w.timeRanges)}`)
                    .join("; ");
            case "variables":
            case "uui":
            case "calleeAttributes":
            case "triggerStrategy":
                // Free text and per-callee data may be personal: say that it changed, not what it holds.
                return "(not shown)";
            default:
                return undefined;
        }
    },
};
