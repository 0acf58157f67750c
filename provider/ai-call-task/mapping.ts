// Between the AiCallTask's inputs and AICCS's wire: the write names on create and update, the read
// names of the detail (CallTime→CallTimes, TaskCps→ConcurrentCount…), milliseconds on the wire and
// seconds in inputs, arrays as JSON text with each CallTime item a JSON string inside it.
import { createHash } from "crypto";
import type { Query } from "./client";
import { type AiCallTaskInputs, type Callee, type Progress, TASK_STATUSES, TaskStatus, type TaskStatusName } from "./schema";

export type { Progress };

/** A callee's outId: stable for the task and the number, and not the number (it shows in call records and reports). */
export const outIdOf = (taskId: string, number: string): string => createHash("sha256").update(`${taskId}:${number}`).digest("hex").slice(0, 32);

/** [I] AICCS dials mainland numbers in their national form; others as E.164. */
export const wireNumber = (e164: string): string => (e164.startsWith("+86") ? e164.slice(3) : e164);
/** The inverse of wireNumber: a number as AICCS lists it, in E.164. */
export const numberFromWire = (wire: string): string => (wire.startsWith("+") ? wire : `+86${wire}`);

/** ImportTaskNumberDatas items: the number, its outId, and its variables beside them. */
export const importItems = (taskId: string, callees: readonly Callee[]) => callees.map((c) => ({ ...c.variables, calleeNumber: wireNumber(c.number), outId: outIdOf(taskId, c.number) }));

/** The fields UpdateAiCallTask takes (no AgentId, no VirtualNumber), as written on create too. */
function taskQuery(inputs: AiCallTaskInputs): Query {
    return {
        TaskName: inputs.taskName,
        StartType: inputs.startType,
        TaskStartTime: inputs.taskStartTime === undefined ? undefined : inputs.taskStartTime * 1000,
        CallTime: JSON.stringify(inputs.callTime.map((w) => JSON.stringify({ startTime: w.start, endTime: w.end }))),
        CallDay: JSON.stringify(inputs.callDays),
        MissCallRetry: inputs.missCallRetry,
        CallRetryReason: inputs.callRetryReason && JSON.stringify(inputs.callRetryReason),
        CallRetryTimes: inputs.callRetryTimes,
        CallRetryInterval: inputs.callRetryInterval,
        TaskCps: inputs.taskCps,
    };
}

export const createQuery = (inputs: AiCallTaskInputs): Query => ({ ...taskQuery(inputs), AgentId: inputs.agentId, VirtualNumber: inputs.virtualNumber });

/** [D] UpdateAiCallTask requires TaskCps: an input that leaves it out keeps the task's. */
export const updateQuery = (taskId: string, inputs: AiCallTaskInputs, observed: ObservedTask): Query => ({ ...taskQuery(inputs), TaskId: taskId, TaskCps: inputs.taskCps ?? observed.detail.ConcurrentCount });

/** What QueryAiCallTaskDetail answers (the read names). */
export interface Detail {
    TaskId: string;
    TaskName: string;
    AgentId?: string;
    StartType?: string;
    StartTime?: number;
    CallerNumber?: string;
    CallTimes?: { StartTime: string; EndTime: string }[];
    CallDays?: string[];
    RetryEnable?: boolean;
    RetryCount?: number;
    RetryInterval?: number;
    RetryReasons?: string[];
    ConcurrentCount?: number;
}


export interface ObservedTask {
    detail: Detail;
    status: number;
    progress: Progress;
}

export const statusName = (status: number): TaskStatusName => TASK_STATUSES[status] ?? "stopped";
/** Stopped by the console, by the provider, or after a failed start: it dials no one until started. */
export const isPausedStatus = (status: number): boolean => status === TaskStatus.stopped || status === TaskStatus.startFailed;

/** The inputs as the task now holds them (a change in the console shows as drift on refresh). */
export function inputsFromDetail(d: Detail, status: number): Partial<AiCallTaskInputs> {
    const out: Partial<AiCallTaskInputs> = { taskName: d.TaskName, paused: isPausedStatus(status) };
    if (d.AgentId !== undefined) out.agentId = d.AgentId;
    if (d.CallerNumber !== undefined) out.virtualNumber = d.CallerNumber;
    if (d.StartType === "IMMEDIATE" || d.StartType === "SCHEDULE") out.startType = d.StartType;
    if (d.StartType === "SCHEDULE" && d.StartTime !== undefined) out.taskStartTime = Math.floor(Number(d.StartTime) / 1000);
    if (d.CallTimes) out.callTime = d.CallTimes.map((w) => ({ start: w.StartTime, end: w.EndTime }));
    if (d.CallDays) out.callDays = d.CallDays as AiCallTaskInputs["callDays"];
    if (d.RetryEnable !== undefined) out.missCallRetry = d.RetryEnable;
    if (d.RetryReasons?.length) out.callRetryReason = d.RetryReasons as AiCallTaskInputs["callRetryReason"];
    if (d.RetryCount !== undefined) out.callRetryTimes = d.RetryCount;
    if (d.RetryInterval !== undefined) out.callRetryInterval = d.RetryInterval;
    if (d.ConcurrentCount !== undefined) out.taskCps = d.ConcurrentCount;
    return out;
}

/** The resource's outputs: its inputs, the task's id (text: 64-bit), status and progress. */
export type TaskOutputs = Record<string, unknown> & { taskId: string; status: number; statusName: TaskStatusName; progress: Progress };

/** State after create, update or read: declared inputs, overlaid with what the task reports for the fields it reports. */
export function stateFrom(taskId: string, declared: Record<string, unknown>, observed: ObservedTask, extra: Record<string, unknown> = {}): TaskOutputs {
    const reported = inputsFromDetail(observed.detail, observed.status);
    // Optional inputs the user left out stay out: the task's defaults are no drift.
    const drift = Object.fromEntries(Object.entries(reported).filter(([k]) => declared[k] !== undefined || k === "paused"));
    return { ...declared, ...extra, ...drift, taskId, status: observed.status, statusName: statusName(observed.status), progress: observed.progress };
}
