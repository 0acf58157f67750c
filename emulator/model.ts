// The state model: tasks, a clock moved from outside (tests, the control plane, wall time), transitions and simulated call
// progress. No HTTP here; every refusal is a typed ApiError.
import { DateTime } from "luxon";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { ApiError, apiErrors } from "./errors";

export const TaskState = { Initial: 0, Running: 1, Completed: 2, Ending: 3, Terminated: 4, Paused: 5 } as const;
export const CalleeState = { Initial: 0, Answered: 1, NotAnswered: 2, Calling: 3, AwaitingRetry: 4 } as const;
const STATE_NAMES = ["initial", "running", "completed", "ending", "terminated", "paused"];

export interface CalleeRecord {
    callee: string;
    state: number;
    sessions: string[];
    attempts: number;
    /** Model time the current call ends (state Calling). */
    callEndsAt?: number;
    /** Model time the next attempt may start (state AwaitingRetry). */
    retryAt?: number;
}

export interface TaskRecord {
    taskId: number;
    sdkAppId: number;
    name: string;
    state: number;
    createdAt: number;
    /** Everything CreateAutoCalloutTask received, as received. */
    request: models.CreateAutoCalloutTaskRequest;
    callees: CalleeRecord[];
}

export interface ModelSnapshot {
    clock: number;
    nextTaskId: number;
    tasks: TaskRecord[];
}

const DEFAULT_TIME_ZONE = "Asia/Shanghai";
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_RETRY_INTERVAL = 600;
/** Simulation step: calls start and end on minute boundaries. */
const STEP = 60;

/** Deterministic 32-bit hash (FNV-1a) so that call outcomes are repeatable. */
function hash(text: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
}

function inRanges(ranges: models.TimeRange[] | undefined, hhmmss: string): boolean {
    return (ranges ?? []).some((r) => (r.StartTime ?? "") <= hhmmss && hhmmss < (r.EndTime ?? ""));
}

/** Whether the task may dial at model time `t`, in its own time zone. */
export function inCallWindow(req: models.CreateAutoCalloutTaskRequest, t: number): boolean {
    const local = DateTime.fromSeconds(t, { zone: req.TimeZone || DEFAULT_TIME_ZONE });
    const hhmmss = local.toFormat("HH:mm:ss");
    if (req.AvailableTime?.length) return inRanges(req.AvailableTime, hhmmss);
    if (!req.AvailableWorkTimeConfig?.length) return true;
    const weekday = local.setLocale("en-US").toFormat("cccc");
    return req.AvailableWorkTimeConfig.some((c) => {
        const day =
            c.DayType === "Custom" ? (c.DaysOfWeek ?? []).includes(weekday)
            : c.DayType === "BusinessDay" ? local.weekday <= 5
            : c.DayType === "Holiday" ? local.weekday > 5
            : true;
        return day && inRanges(c.TimeRanges, hhmmss);
    });
}

export class Model {
    private clockNow: number;
    private nextTaskId = 1000001;
    private readonly records = new Map<number, TaskRecord>();

    constructor(
        clockStart: number,
        private readonly sdkAppIds: number[],
    ) {
        this.clockNow = clockStart;
    }

    now(): number {
        return this.clockNow;
    }

    tasks(): TaskRecord[] {
        return [...this.records.values()];
    }

    task(taskId: number): TaskRecord | undefined {
        return this.records.get(taskId);
    }

    checkSdkAppId(sdkAppId: number): void {
        if (!this.sdkAppIds.includes(sdkAppId)) throw apiErrors.invalidParameterValue(`SdkAppId ${sdkAppId} does not exist or does not belong to this account.`);
    }

    /** The task, or the error the service gives for an unknown TaskId. */
    find(sdkAppId: number, taskId: number): TaskRecord {
        this.checkSdkAppId(sdkAppId);
        const t = this.records.get(taskId);
        if (!t || t.sdkAppId !== sdkAppId) throw apiErrors.taskNotFound(taskId, sdkAppId);
        return t;
    }

    create(req: models.CreateAutoCalloutTaskRequest): TaskRecord {
        this.checkSdkAppId(req.SdkAppId);
        const task: TaskRecord = {
            taskId: this.nextTaskId++,
            sdkAppId: req.SdkAppId,
            name: req.Name ?? "",
            state: this.clockNow >= req.NotBefore ? TaskState.Running : TaskState.Initial,
            createdAt: this.clockNow,
            request: structuredClone(req),
            callees: req.Callees.map((callee) => ({ callee, state: CalleeState.Initial, sessions: [], attempts: 0 })),
        };
        this.records.set(task.taskId, task);
        return task;
    }

    /** One page of the app's tasks, oldest first, among those `listable` lets through. */
    list(sdkAppId: number, pageSize: number, pageNumber: number, listable: (taskId: number) => boolean = () => true): { total: number; page: TaskRecord[] } {
        this.checkSdkAppId(sdkAppId);
        const all = this.tasks().filter((t) => t.sdkAppId === sdkAppId && listable(t.taskId));
        return { total: all.length, page: all.slice(pageNumber * pageSize, (pageNumber + 1) * pageSize) };
    }

    private refuse(t: TaskRecord, operation: string): ApiError {
        return apiErrors.wrongState(`Task ${t.taskId} is ${STATE_NAMES[t.state]} (State ${t.state}) and cannot be ${operation}.`);
    }

    pause(sdkAppId: number, taskId: number): void {
        const t = this.find(sdkAppId, taskId);
        if (t.state !== TaskState.Initial && t.state !== TaskState.Running) throw this.refuse(t, "paused");
        t.state = TaskState.Paused;
    }

    resume(sdkAppId: number, taskId: number): void {
        const t = this.find(sdkAppId, taskId);
        if (t.state !== TaskState.Paused) throw this.refuse(t, "resumed");
        t.state = this.clockNow >= t.request.NotBefore ? TaskState.Running : TaskState.Initial;
    }

    stop(sdkAppId: number, taskId: number): void {
        const t = this.find(sdkAppId, taskId);
        if (t.state !== TaskState.Initial && t.state !== TaskState.Running && t.state !== TaskState.Paused) throw this.refuse(t, "stopped");
        t.state = TaskState.Terminated;
        for (const c of t.callees) if (c.state === CalleeState.Calling) c.state = CalleeState.NotAnswered;
    }

    /** The task disappears, as if deleted on the service side. */
    remove(taskId: number): void {
        if (!this.records.delete(taskId)) throw apiErrors.invalidParameterValue(`TaskId ${taskId} not found.`);
    }

    /** Moves the clock forward, dialing, finishing and expiring tasks on the way. */
    setClock(target: number): void {
        if (target < this.clockNow) throw new Error(`the clock only moves forward (now ${this.clockNow}, asked ${target})`);
        while (this.clockNow < target) {
            const active = this.tasks().some((t) => t.state === TaskState.Initial || t.state === TaskState.Running || t.state === TaskState.Ending || (t.state === TaskState.Paused && t.request.NotAfter));
            // Idle: nothing can change until the target, so jump.
            this.clockNow = active ? Math.min(target, this.clockNow + STEP) : target;
            for (const t of this.records.values()) this.step(t, this.clockNow);
        }
    }

    private step(t: TaskRecord, now: number): void {
        const req = t.request;
        if (t.state === TaskState.Initial && now >= req.NotBefore) t.state = TaskState.Running;
        for (const c of t.callees) {
            if (c.state === CalleeState.Calling && c.callEndsAt !== undefined && c.callEndsAt <= now) this.endCall(t, c, now);
        }
        const calling = t.callees.some((c) => c.state === CalleeState.Calling);
        if (req.NotAfter && now >= req.NotAfter && [TaskState.Initial, TaskState.Running, TaskState.Paused].includes(t.state as 0 | 1 | 5)) {
            t.state = calling ? TaskState.Ending : TaskState.Terminated;
        }
        if (t.state === TaskState.Ending && !calling) t.state = TaskState.Terminated;
        if (t.state !== TaskState.Running) return;
        if (inCallWindow(req, now)) {
            const limit = req.ConcurrencyLimit ?? DEFAULT_CONCURRENCY;
            let busy = t.callees.filter((c) => c.state === CalleeState.Calling).length;
            for (const c of t.callees) {
                if (busy >= limit) break;
                const due = c.state === CalleeState.Initial || (c.state === CalleeState.AwaitingRetry && (c.retryAt ?? 0) <= now);
                if (!due) continue;
                c.attempts++;
                c.state = CalleeState.Calling;
                c.sessions.push(`session-${t.taskId}-${hash(c.callee).toString(16)}-${c.attempts}`);
                c.callEndsAt = now + STEP * (1 + (hash(`${c.callee}#${c.attempts}`) % 3));
                busy++;
            }
        }
        if (t.callees.every((c) => c.state === CalleeState.Answered || c.state === CalleeState.NotAnswered)) t.state = TaskState.Completed;
    }

    private endCall(t: TaskRecord, c: CalleeRecord, now: number): void {
        // About one call in three goes unanswered, the same one every run.
        const answered = hash(`${c.callee}@${c.attempts}`) % 3 !== 0;
        c.callEndsAt = undefined;
        if (answered) c.state = CalleeState.Answered;
        else if (c.attempts < (t.request.Tries ?? 1)) {
            c.state = CalleeState.AwaitingRetry;
            c.retryAt = now + (t.request.RetryInterval ?? DEFAULT_RETRY_INTERVAL);
        } else c.state = CalleeState.NotAnswered;
    }

    snapshot(): ModelSnapshot {
        return structuredClone({ clock: this.clockNow, nextTaskId: this.nextTaskId, tasks: this.tasks() });
    }

    restore(s: ModelSnapshot): void {
        this.clockNow = s.clock;
        this.nextTaskId = s.nextTaskId;
        this.records.clear();
        for (const t of s.tasks) this.records.set(t.taskId, structuredClone(t));
    }
}
