// toApi/fromApi pairs between the CalloutTask's camelCase inputs and the CCC API's fields.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import {
    type CalloutTaskInputs,
    type CalloutTaskState,
    FINISHED_STATES,
    type FieldName,
    maskNumber,
    type Progress,
    stateName,
    type TaskStateName,
} from "./schema";

/** `+8613…` → `008613…`: the API documents numbers with the international `00` prefix. */
export const numberToApi = (n: string): string => `00${n.slice(1)}`;
/** `008613…` (or `+8613…`) → `+8613…`. */
export const numberFromApi = (n: string): string => (n.startsWith("00") ? `+${n.slice(2)}` : n.startsWith("+") ? n : `+${n}`);

type Range = { start: string; end: string };
export const rangesToApi = (rs: Range[]): models.TimeRange[] => rs.map((r) => ({ StartTime: r.start, EndTime: r.end }));
export const variablesToApi = (v: Record<string, string>): models.Variable[] => Object.entries(v).map(([Key, Value]) => ({ Key, Value }));
const tagsToApi = (ts: { tagName: string; tagValue: string }[]): models.RetryTagItem[] => ts.map((t) => ({ TagName: t.tagName, TagValue: t.tagValue }));

/**
 * Marks the task's description with its create token, so that an ambiguous create can find its task
 * again, and with its lineage (the create token of the resource's first task, when it differs), so
 * that a replacement can find the tasks that came before it: `[pulumi:TOKEN]` or `[pulumi:TOKEN/LINEAGE]`.
 */
export const CREATE_TOKEN_PREFIX = "[pulumi:";
export function withCreateToken(description: string | undefined, token: string, lineage = token): string {
    const mark = lineage === token ? token : `${token}/${lineage}`;
    return `${description ?? ""}${description ? " " : ""}${CREATE_TOKEN_PREFIX}${mark}]`;
}
/** The description without its marker, the token, and the lineage when it differs from the token. */
export function splitCreateToken(description: string | undefined | null): { description?: string; token?: string; lineage?: string } {
    const m = /^(.*?) ?\[pulumi:([0-9a-f]+)(?:\/([0-9a-f]+))?\]$/s.exec(description ?? "");
    if (!m) return { description: description || undefined };
    return { description: m[1] === "" ? undefined : m[1], token: m[2], ...(m[3] && { lineage: m[3] }) };
}

/** The CreateAutoCalloutTask request for normalised inputs. */
export function createRequestToApi(i: CalloutTaskInputs, token?: string, lineage?: string): models.CreateAutoCalloutTaskRequest {
    const description = token ? withCreateToken(i.description, token, lineage) : i.description;
    const req: models.CreateAutoCalloutTaskRequest = {
        SdkAppId: i.sdkAppId,
        NotBefore: i.notBefore,
        Callees: i.callees.map(numberToApi),
        Callers: i.callers.map(numberToApi),
        IvrId: i.ivrId,
        AIAgentId: i.aiAgentId,
        Name: i.name,
        Description: description,
        NotAfter: i.notAfter,
        Tries: i.tries,
        Variables: i.variables && variablesToApi(i.variables),
        UUI: i.uui,
        CalleeAttributes: i.calleeAttributes?.map((a) => ({
            Callee: numberToApi(a.callee),
            UUI: a.uui,
            Variables: a.variables && variablesToApi(a.variables),
        })),
        TimeZone: i.timeZone,
        AvailableTime: i.availableTime && rangesToApi(i.availableTime),
        AvailableWorkTimeConfig: i.availableWorkTimeConfig?.map((w) => ({
            DayType: w.dayType,
            DaysOfWeek: w.daysOfWeek,
            TimeRanges: rangesToApi(w.timeRanges),
        })),
        RetryInterval: i.retryInterval,
        MaxRingTimeoutSecond: i.maxRingTimeoutSecond,
        RetryHangupTypes: i.retryHangupTypes,
        RetryTags: i.retryTags && tagsToApi(i.retryTags),
        TriggerStrategy: i.triggerStrategy?.map((t) => ({
            TriggerMode: t.triggerMode,
            HangupTypes: t.hangupTypes,
            CallTags: t.callTags && tagsToApi(t.callTags),
            InterfaceConfig: t.interfaceConfig as models.HttpCallbackConfig | undefined,
        })),
        ConcurrencyLimit: i.concurrencyLimit,
    };
    // Leave absent fields out of the wire request rather than sending nulls.
    return Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)) as models.CreateAutoCalloutTaskRequest;
}

const CALLEE_STATE_KEYS: (keyof Progress)[] = ["initial", "answered", "notAnswered", "calling", "awaitingRetry"];
/** Callee states that mean the person was reached: answered, or in a call (it may have connected) when the task stopped. */
const REACHED_CALLEE_STATES = [1, 3];

export function progressFromApi(callees: models.AutoCalloutTaskCalleeInfo[] | undefined): Progress {
    const p: Progress = { total: 0, initial: 0, answered: 0, notAnswered: 0, calling: 0, awaitingRetry: 0 };
    for (const c of callees ?? []) {
        p.total++;
        const key = CALLEE_STATE_KEYS[c.State];
        if (key) p[key]++;
    }
    return p;
}

/** What DescribeAutoCalloutTask reports, in the resource's terms. Fields it never returns are absent. */
export interface ObservedTask {
    name?: string;
    description?: string;
    createToken?: string;
    lineage?: string;
    notBefore?: number;
    notAfter?: number;
    callers: string[];
    callees: string[];
    ivrId?: number;
    maxRingTimeoutSecond?: number;
    state: number;
    stateName: TaskStateName;
    progress: Progress;
    /** Callees this task has reached (see REACHED_CALLEE_STATES). */
    reached: string[];
}

export function describeFromApi(r: models.DescribeAutoCalloutTaskResponse): ObservedTask {
    const { description, token, lineage } = splitCreateToken(r.Description);
    const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
    const state = r.State ?? 0;
    return {
        name: orUndefined(r.Name) || undefined,
        description,
        createToken: token,
        lineage: lineage ?? token,
        notBefore: orUndefined(r.NotBefore),
        notAfter: orUndefined(r.NotAfter) || undefined,
        callers: (r.Callers ?? []).map(numberFromApi),
        callees: (r.Callees ?? []).map((c) => numberFromApi(c.Callee)),
        ivrId: orUndefined(r.IvrId) || undefined,
        maxRingTimeoutSecond: orUndefined(r.MaxRingTimeoutSecond) || undefined,
        state,
        stateName: stateName(state),
        progress: progressFromApi(r.Callees),
        reached: (r.Callees ?? []).filter((c) => REACHED_CALLEE_STATES.includes(c.State)).map((c) => numberFromApi(c.Callee)),
    };
}

/** Deep equality of normalised values; undefined and null are the same absence. */
export function same(a: unknown, b: unknown): boolean {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    if (typeof a === "object") {
        if (!b || typeof b !== "object" || Array.isArray(b)) return false;
        const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
        return [...new Set([...Object.keys(x), ...Object.keys(y)])].every((k) => same(x[k], y[k]));
    }
    return a === b;
}

/** Drops undefined values: the engine's wire format cannot carry them. */
export function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Every element of `a` is in `b`. */
function allIn(a: string[], b: string[]): boolean {
    const set = new Set(b);
    return a.every((x) => set.has(x));
}

/** What the provider records: the state, plus how the task was made. */
export type TaskOutputs = CalloutTaskState & {
    /** Declared callees left out of this task because an earlier task of the resource reached them. */
    skippedCallees?: number;
    /** The create token of the resource's first task, carried to its replacements. */
    lineage?: string;
};

/** Outputs: the declared inputs, overlaid with what CCC reports. Fields it never returns keep their declared values. */
export function stateFrom(taskId: number, inputs: CalloutTaskInputs, observed: ObservedTask, made: { skippedCallees?: number; lineage?: string }): TaskOutputs {
    // Sets, not Array.includes: a task may hold 100,000 callees.
    const sameSet = (a: string[], b: string[]) => a.length === b.length && allIn(a, b);
    // Declared callees the task does not hold because they were skipped as already reached.
    const skippedOnly = (observedCallees: string[]) =>
        observedCallees.length + (made.skippedCallees ?? 0) === inputs.callees.length && allIn(observedCallees, inputs.callees);
    return defined({
        ...inputs,
        name: observed.name,
        description: observed.description,
        notBefore: observed.notBefore ?? inputs.notBefore,
        notAfter: observed.notAfter,
        // Keep the declared order when CCC reports the same numbers in another order.
        callers: sameSet(observed.callers, inputs.callers) ? inputs.callers : observed.callers,
        callees: sameSet(observed.callees, inputs.callees) || skippedOnly(observed.callees) ? inputs.callees : observed.callees,
        ivrId: inputs.aiAgentId !== undefined ? undefined : observed.ivrId,
        // CCC returns the ring timeout only for some numbers: absent means "not reported", not "changed".
        maxRingTimeoutSecond: observed.maxRingTimeoutSecond ?? inputs.maxRingTimeoutSecond,
        // A finished task keeps the declared value: it can be neither paused nor resumed.
        paused: FINISHED_STATES.includes(observed.state) ? inputs.paused : observed.state === 5,
        taskId,
        state: observed.state,
        stateName: observed.stateName,
        progress: observed.progress,
        skippedCallees: made.skippedCallees,
        lineage: made.lineage,
    });
}

/** Fields CCC reports that must match the declared inputs before a task is adopted. */
export function adoptionDifferences(inputs: CalloutTaskInputs, observed: ObservedTask): string[] {
    const diffs: string[] = [];
    const check = (field: FieldName, declared: unknown, actual: unknown, show = (v: unknown) => JSON.stringify(v)) => {
        if (!same(declared, actual)) diffs.push(`${field}: declared ${show(declared)}, task has ${show(actual)}`);
    };
    const maskAll = (v: string[]) => `[${v.map(maskNumber).join(", ")}]`;
    check("name", inputs.name, observed.name);
    check("description", inputs.description, observed.description);
    check("notBefore", inputs.notBefore, observed.notBefore);
    check("notAfter", inputs.notAfter, observed.notAfter);
    check("callers", [...inputs.callers].sort(), [...observed.callers].sort());
    const [declared, held] = [new Set(inputs.callees), new Set(observed.callees)];
    const missing = inputs.callees.filter((c) => !held.has(c));
    const extra = observed.callees.filter((c) => !declared.has(c));
    if (missing.length || extra.length) {
        diffs.push(`callees: ${missing.length} declared but not in the task (${maskAll(missing.slice(0, 3))}…), ${extra.length} in the task but not declared (${maskAll(extra.slice(0, 3))}…)`);
    }
    if (inputs.ivrId !== undefined) check("ivrId", inputs.ivrId, observed.ivrId);
    if (observed.maxRingTimeoutSecond !== undefined) check("maxRingTimeoutSecond", inputs.maxRingTimeoutSecond, observed.maxRingTimeoutSecond);
    return diffs;
}
