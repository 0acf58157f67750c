// toApi/fromApi pairs between the CalloutTask's camelCase inputs and the CCC API's fields.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { type CalloutTaskInputs, type Progress, stateName, type TaskStateName } from "./schema";

/** `+8613…` → `008613…`: the API documents numbers with the international `00` prefix. */
export const numberToApi = (n: string): string => `00${n.slice(1)}`;
/** `008613…` (or `+8613…`) → `+8613…`. */
export const numberFromApi = (n: string): string => (n.startsWith("00") ? `+${n.slice(2)}` : n.startsWith("+") ? n : `+${n}`);

type Range = { start: string; end: string };
const rangesToApi = (rs: Range[]): models.TimeRange[] => rs.map((r) => ({ StartTime: r.start, EndTime: r.end }));
const variablesToApi = (v: Record<string, string>): models.Variable[] => Object.entries(v).map(([Key, Value]) => ({ Key, Value }));
const tagsToApi = (ts: { tagName: string; tagValue: string }[]): models.RetryTagItem[] => ts.map((t) => ({ TagName: t.tagName, TagValue: t.tagValue }));

/** Marks the task's description with a token so that an ambiguous create can find its task again. */
export const CREATE_TOKEN_PREFIX = "[pulumi:";
export function withCreateToken(description: string | undefined, token: string): string {
    return `${description ?? ""}${description ? " " : ""}${CREATE_TOKEN_PREFIX}${token}]`;
}
export function splitCreateToken(description: string | undefined | null): { description?: string; token?: string } {
    const m = /^(.*?) ?\[pulumi:([0-9a-f]+)\]$/s.exec(description ?? "");
    if (!m) return { description: description || undefined };
    return { description: m[1] === "" ? undefined : m[1], token: m[2] };
}

/** The CreateAutoCalloutTask request for normalised inputs. */
export function createRequestToApi(i: CalloutTaskInputs, token?: string): models.CreateAutoCalloutTaskRequest {
    const description = token ? withCreateToken(i.description, token) : i.description;
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
    notBefore?: number;
    notAfter?: number;
    callers: string[];
    callees: string[];
    ivrId?: number;
    maxRingTimeoutSecond?: number;
    state: number;
    stateName: TaskStateName;
    progress: Progress;
}

export function describeFromApi(r: models.DescribeAutoCalloutTaskResponse): ObservedTask {
    const { description, token } = splitCreateToken(r.Description);
    const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);
    const state = r.State ?? 0;
    return {
        name: orUndefined(r.Name) || undefined,
        description,
        createToken: token,
        notBefore: orUndefined(r.NotBefore),
        notAfter: orUndefined(r.NotAfter) || undefined,
        callers: (r.Callers ?? []).map(numberFromApi),
        callees: (r.Callees ?? []).map((c) => numberFromApi(c.Callee)),
        ivrId: orUndefined(r.IvrId) || undefined,
        maxRingTimeoutSecond: orUndefined(r.MaxRingTimeoutSecond) || undefined,
        state,
        stateName: stateName(state),
        progress: progressFromApi(r.Callees),
    };
}
