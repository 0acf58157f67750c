// The CCC state model: tasks, transitions and call progress on the shared clock and dialer (the core
// moves the clock and steps this model). No HTTP here; every refusal is a typed ApiError.
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import type { Simulation } from "../core/clock";
import { DEFAULT_CONCURRENCY, type DialPlan, hash } from "../core/dialer";
import type { Answers } from "./answers";
import { type CalleeRecord, CalleeState, dialer, inCallWindow } from "./calls";
import { Campaigns, type CampaignsSnapshot } from "./campaigns";
import { ApiError, apiErrors } from "./errors";

export const TaskState = { Initial: 0, Running: 1, Completed: 2, Ending: 3, Terminated: 4, Paused: 5 } as const;
const STATE_NAMES = ["initial", "running", "completed", "ending", "terminated", "paused"];

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
    nextTaskId: number;
    tasks: TaskRecord[];
    /** Absent in state files from before the campaigns. */
    campaigns?: CampaignsSnapshot;
}

const DEFAULT_RETRY_INTERVAL = 600;
export const FIRST_TASK_ID = 1000001;

export class Model implements Simulation {
    private nextTaskId = FIRST_TASK_ID;
    private readonly records = new Map<number, TaskRecord>();

    constructor(
        /** Model time, from the shared clock. */
        private readonly now: () => number,
        private readonly sdkAppIds: number[],
        answers: () => Answers,
    ) {
        this.campaigns = new Campaigns(now, (id) => this.checkSdkAppId(id), answers);
    }

    /** Predictive and agent cruise campaigns, on the same clock. */
    readonly campaigns: Campaigns;

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
            state: this.now() >= req.NotBefore ? TaskState.Running : TaskState.Initial,
            createdAt: this.now(),
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
        t.state = this.now() >= t.request.NotBefore ? TaskState.Running : TaskState.Initial;
    }

    stop(sdkAppId: number, taskId: number): void {
        const t = this.find(sdkAppId, taskId);
        if (t.state !== TaskState.Initial && t.state !== TaskState.Running && t.state !== TaskState.Paused) throw this.refuse(t, "stopped");
        t.state = TaskState.Terminated;
        dialer.hangUp(t.callees);
    }

    /** The task disappears, as if deleted on the service side. */
    remove(taskId: number): void {
        if (!this.records.delete(taskId)) throw apiErrors.invalidParameterValue(`TaskId ${taskId} not found.`);
    }

    active(): boolean {
        return this.campaigns.active() || this.tasks().some((t) => t.state === TaskState.Initial || t.state === TaskState.Running || t.state === TaskState.Ending || (t.state === TaskState.Paused && t.request.NotAfter));
    }

    /** Dials, finishes and expires tasks at `now`. */
    step(now: number): void {
        for (const t of this.records.values()) this.stepTask(t, now);
        this.campaigns.step(now);
    }

    private stepTask(t: TaskRecord, now: number): void {
        const req = t.request;
        const plan: DialPlan = { concurrency: req.ConcurrencyLimit ?? DEFAULT_CONCURRENCY, tries: req.Tries ?? 1, retryIntervalSeconds: req.RetryInterval ?? DEFAULT_RETRY_INTERVAL };
        if (t.state === TaskState.Initial && now >= req.NotBefore) t.state = TaskState.Running;
        dialer.endCalls(t.callees, now, plan);
        const calling = dialer.calling(t.callees) > 0;
        if (req.NotAfter && now >= req.NotAfter && [TaskState.Initial, TaskState.Running, TaskState.Paused].includes(t.state as 0 | 1 | 5)) {
            t.state = calling ? TaskState.Ending : TaskState.Terminated;
        }
        if (t.state === TaskState.Ending && !calling) t.state = TaskState.Terminated;
        if (t.state !== TaskState.Running) return;
        if (inCallWindow(req, now)) dialer.dial(t.callees, now, plan, (c) => c.sessions.push(`session-${t.taskId}-${hash(c.callee).toString(16)}-${c.attempts}`));
        if (dialer.finished(t.callees)) t.state = TaskState.Completed;
    }

    snapshot(): ModelSnapshot {
        return { ...structuredClone({ nextTaskId: this.nextTaskId, tasks: this.tasks() }), campaigns: this.campaigns.snapshot() };
    }

    restore(s: ModelSnapshot): void {
        this.nextTaskId = s.nextTaskId;
        this.records.clear();
        for (const t of s.tasks) this.records.set(t.taskId, structuredClone(t));
        this.campaigns.restore(s.campaigns);
    }
}
