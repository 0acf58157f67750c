// The AICCS state model: call tasks and their callees on the shared clock and dialer. No HTTP here;
// every refusal is a typed AcsError. Ids are 64-bit, kept as decimal text (they pass 2^53).
import { DateTime } from "luxon";
import type { Simulation } from "../core/clock";
import { DEFAULT_CONCURRENCY, Dialer, type DialPlan, type Line, type Phase } from "../core/dialer";
import type { ImmediateStart } from "./answers";
import { acsErrors } from "./errors";
import type { TaskSettings } from "./params";

/** [D] List item Status: 0 initialised, 1 running, 2 stopped, 3 start failed. */
export const TaskStatus = { Init: 0, Running: 1, Stopped: 2, StartFailed: 3 } as const;
/** [D] the list filter's names for them. */
export const STATUS_FILTER: Record<string, number> = { INIT: TaskStatus.Init, RUNNING: TaskStatus.Running, STOPPED: TaskStatus.Stopped, FAILED: TaskStatus.StartFailed };
/** [D] A detail record's Status: 0 initialising, 1 waiting to call, 2 waiting to retry, 3 calling, 4 ended, 5 failed. */
export const DetailStatus = { Initializing: 0, Waiting: 1, Retrying: 2, Calling: 3, Ended: 4, Failed: 5 } as const;

/** [I] The zone CallTime and CallDay are read in: the product and its numbers are mainland Chinese. */
export const WINDOW_ZONE = "Asia/Shanghai";
const DEFAULT_RETRY_INTERVAL_MINUTES = 30;
/** [I] What a simulated unanswered call counts as among the documented retry reasons. */
const UNANSWERED_REASON = "NO_ANSWER";
/** [I] StartFailedReason when a task with no callees cannot start (the failsWhenEmpty answer). */
const NO_CALLEES = "任务没有可呼叫的号码";
const CANCELLED = "cancelled";

export interface CalleeRecord extends Line<Phase | typeof CANCELLED> {
    detailId: string;
    batchId: string;
    calledNumber: string;
    outId?: string;
    variables: Record<string, unknown>;
    /** ms */
    importedAt: number;
    /** ms, the last call's start */
    callingAt?: number;
}

export interface TaskRecord {
    taskId: string;
    status: number;
    settings: TaskSettings;
    /** ms */
    createdAt: number;
    /** ms, when it first ran */
    realStartAt?: number;
    startFailedReason?: string;
    callees: CalleeRecord[];
}

export interface ModelSnapshot {
    /** The next id of each kind, as decimal text. */
    nextId: string;
    tasks: TaskRecord[];
}

/** [I] Ids like the documentation's examples: 18 digits, above 2^53. */
const FIRST_ID = 118712345678900001n;

const dialer = new Dialer<Phase | typeof CANCELLED, CalleeRecord>({ waiting: "waiting", calling: "calling", retrying: "retrying", answered: "answered", unanswered: "unanswered" }, (c) => c.calledNumber);

/** What a callee's detail record shows: a waiting callee is queued (1) only while its task runs. */
export function detailStatus(task: TaskRecord, c: CalleeRecord): number {
    if (c.state === CANCELLED) return DetailStatus.Failed;
    const byPhase: Record<Phase, number> = {
        waiting: task.status === TaskStatus.Running ? DetailStatus.Waiting : DetailStatus.Initializing,
        retrying: DetailStatus.Retrying,
        calling: DetailStatus.Calling,
        answered: DetailStatus.Ended,
        unanswered: DetailStatus.Failed,
    };
    return byPhase[c.state];
}

export const isCancelled = (c: CalleeRecord) => c.state === CANCELLED;

/** Whether the task may dial at model time `t` (seconds): on a CallDay, inside a CallTime, China time. */
export function inCallWindow(s: TaskSettings, t: number): boolean {
    const local = DateTime.fromSeconds(t, { zone: WINDOW_ZONE });
    const day = local.setLocale("en-US").toFormat("cccc").toUpperCase();
    const hhmmss = local.toFormat("HH:mm:ss");
    return s.CallDay.includes(day) && s.CallTime.some((w) => w.startTime <= hhmmss && hhmmss < w.endTime);
}

export class Model implements Simulation {
    private nextId = FIRST_ID;
    private readonly records = new Map<string, TaskRecord>();

    constructor(
        /** Model time, seconds, from the shared clock. */
        private readonly now: () => number,
        /** When an IMMEDIATE task starts (answers.ts). */
        private readonly immediateStart: () => ImmediateStart,
    ) {}

    private newId(): string {
        return String(this.nextId++);
    }

    private nowMs(): number {
        return this.now() * 1000;
    }

    tasks(): TaskRecord[] {
        return [...this.records.values()];
    }

    task(taskId: string): TaskRecord | undefined {
        return this.records.get(taskId);
    }

    /** The task, or the refusal for an unknown TaskId. */
    find(taskId: string): TaskRecord {
        const t = this.records.get(taskId);
        if (!t) throw acsErrors.taskNotFound(taskId);
        return t;
    }

    /** [D] TaskName is unique per account. */
    private checkName(name: string, except?: string): void {
        if (this.tasks().some((t) => t.settings.TaskName === name && t.taskId !== except)) throw acsErrors.duplicateName(name);
    }

    create(settings: TaskSettings): TaskRecord {
        this.checkName(settings.TaskName);
        const task: TaskRecord = { taskId: this.newId(), status: TaskStatus.Init, settings: structuredClone(settings), createdAt: this.nowMs(), callees: [] };
        this.records.set(task.taskId, task);
        if (settings.StartType === "IMMEDIATE" && this.immediateStart() !== "onFirstImport") this.begin(task);
        return task;
    }

    /** [D] "ensure the task is stopped" (a task that failed to start counts as stopped [I]). */
    update(taskId: string, change: Partial<TaskSettings>): TaskRecord {
        const t = this.find(taskId);
        this.requireStopped(t, "updated");
        if (change.TaskName !== undefined) this.checkName(change.TaskName, taskId);
        t.settings = { ...t.settings, ...structuredClone(change) };
        return t;
    }

    /** [D] "ensure its status is Stopped" (or start failed [I]). */
    start(taskId: string): void {
        const t = this.find(taskId);
        this.requireStopped(t, "started");
        this.begin(t);
    }

    /** [D] the task must be running; [I] one waiting for its start time may be stopped too. */
    stop(taskId: string): void {
        const t = this.find(taskId);
        if (t.status !== TaskStatus.Running && t.status !== TaskStatus.Init) throw acsErrors.wrongState(`Task ${t.taskId} is not running (Status ${t.status}) and cannot be stopped.`);
        t.status = TaskStatus.Stopped;
    }

    private requireStopped(t: TaskRecord, operation: string): void {
        if (t.status !== TaskStatus.Stopped && t.status !== TaskStatus.StartFailed) throw acsErrors.wrongState(`Task ${t.taskId} is not stopped (Status ${t.status}) and cannot be ${operation}.`);
    }

    /** Runs the task, or has it wait for its start time, or fails it when it has no callees (failsWhenEmpty). */
    private begin(t: TaskRecord): void {
        const s = t.settings;
        if (s.StartType === "SCHEDULE" && s.TaskStartTime !== undefined && this.nowMs() < s.TaskStartTime) {
            t.status = TaskStatus.Init;
            return;
        }
        if (this.immediateStart() === "failsWhenEmpty" && !t.callees.some((c) => !isCancelled(c))) {
            t.status = TaskStatus.StartFailed;
            t.startFailedReason = NO_CALLEES;
            return;
        }
        t.status = TaskStatus.Running;
        t.startFailedReason = undefined;
        t.realStartAt ??= this.nowMs();
    }

    /** Adds callees as one batch; returns its id. */
    importBatch(taskId: string, callees: { calledNumber: string; outId?: string; variables: Record<string, unknown> }[]): string {
        const t = this.find(taskId);
        const batchId = this.newId();
        const firstCallees = !t.callees.length;
        for (const c of callees) t.callees.push({ ...c, detailId: this.newId(), batchId, importedAt: this.nowMs(), state: "waiting", attempts: 0 });
        if (firstCallees && t.status === TaskStatus.Init && t.settings.StartType === "IMMEDIATE") this.begin(t);
        return batchId;
    }

    /** [D] ImportOneTaskPhoneNumber's OutId is "for idempotency": the same OutId gives the same record. */
    importOne(taskId: string, callee: { calledNumber: string; outId?: string; variables: Record<string, unknown> }): CalleeRecord {
        const t = this.find(taskId);
        const existing = callee.outId === undefined ? undefined : t.callees.find((c) => c.outId === callee.outId);
        if (existing) return existing;
        this.importBatch(taskId, [callee]);
        return t.callees[t.callees.length - 1];
    }

    /**
     * [D] Records already queued or being called cannot be cancelled; [I] nor finished ones. Returns
     * the reason each given record was not cancelled.
     */
    cancel(taskId: string, detailIds: string[]): Record<string, string> {
        const t = this.find(taskId);
        const failed: Record<string, string> = {};
        for (const id of detailIds) {
            const c = t.callees.find((x) => x.detailId === id);
            const status = c && detailStatus(t, c);
            if (!c) failed[id] = "the record does not exist";
            else if (status !== DetailStatus.Initializing && status !== DetailStatus.Retrying) failed[id] = `the record is not pending (Status ${status})`;
            else c.state = CANCELLED;
        }
        return failed;
    }

    /** The task disappears, as if deleted on the service side (there is no delete action). */
    remove(taskId: string): void {
        if (!this.records.delete(taskId)) throw acsErrors.taskNotFound(taskId);
    }

    /** Time can change something: a call to end, a callee to dial, a scheduled start. */
    active(): boolean {
        return this.tasks().some(
            (t) => dialer.calling(t.callees) > 0 || (t.status === TaskStatus.Running && !dialer.finished(t.callees)) || (t.status === TaskStatus.Init && t.settings.StartType === "SCHEDULE"),
        );
    }

    step(now: number): void {
        for (const t of this.records.values()) this.stepTask(t, now);
    }

    private stepTask(t: TaskRecord, now: number): void {
        const s = t.settings;
        const retries = s.MissCallRetry && (!s.CallRetryReason?.length || s.CallRetryReason.includes(UNANSWERED_REASON));
        const plan: DialPlan = {
            concurrency: s.TaskCps ?? DEFAULT_CONCURRENCY,
            tries: 1 + (retries ? (s.CallRetryTimes ?? 0) : 0),
            retryIntervalSeconds: 60 * (s.CallRetryInterval ?? DEFAULT_RETRY_INTERVAL_MINUTES),
        };
        if (t.status === TaskStatus.Init && s.StartType === "SCHEDULE" && s.TaskStartTime !== undefined && now * 1000 >= s.TaskStartTime) this.begin(t);
        // [I] A stopped task lets the calls in progress end; it places no new ones.
        dialer.endCalls(t.callees, now, plan);
        // [I] A running task with every callee done stays running: more may be imported.
        if (t.status === TaskStatus.Running && inCallWindow(s, now)) dialer.dial(t.callees, now, plan, (c) => (c.callingAt = now * 1000));
    }

    snapshot(): ModelSnapshot {
        return structuredClone({ nextId: String(this.nextId), tasks: this.tasks() });
    }

    restore(s: ModelSnapshot): void {
        this.nextId = BigInt(s.nextId);
        this.records.clear();
        for (const t of s.tasks) this.records.set(t.taskId, structuredClone(t));
    }

    reset(): void {
        this.restore({ nextId: String(FIRST_ID), tasks: [] });
    }
}
