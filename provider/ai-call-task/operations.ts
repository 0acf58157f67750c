// Every AICCS call the AiCallTask lifecycle needs: find by exact name (create-once), the task as it
// is (detail + status from the list + progress), Stop/Start converged on the status, callee import
// that resumes without importing anyone twice, and cancellation of removed pending callees.
// What Alibaba does not document (error codes, how soon a task is listed, when an IMMEDIATE task
// starts) decides nothing here: outcomes are read back from the task.
import { type Created, createOnce, operationStats } from "../shared/create-once";
import { processSingleton } from "../shared/process";
import { type AiccsApi, aiccsErrorRules, isAiccsApiError, isAmbiguous, isRefusal, isTransient } from "./client";
import { maskNumber } from "../../campaign/numbers";
import { createQuery, type Detail, importItems, isPausedStatus, numberFromWire, type ObservedTask, outIdOf, type Progress, wireNumber } from "./mapping";
import { type AiCallTaskInputs, type Callee, DIALING_STATUSES, IMPORT_BATCH } from "./schema";
import { SETTING_SOURCES } from "./settings";

const PAGE_SIZE = 100;
/** [D] QueryAiCallDetailPage's Status filter. */
const DetailFilter = { pending: 0, completed: 1, failed: 2 } as const;
const POLL_MS = 1000;

/**
 * Tasks this process stopped for a delete, with the resource's lineage and the tasks before them: a
 * create must not take one of them for its own, and a replacement (deleted first, in the same
 * process) leaves out whom they reached.
 */
export const deletedHere = () => processSingleton("aiccsDeleted", () => new Map<string, { lineage?: string; predecessors: readonly string[] }>());

/** The earlier tasks of the lineage, oldest first: those this process stopped for it, and the ones before them. */
export function predecessorsOf(lineage: unknown): string[] {
    if (typeof lineage !== "string") return [];
    const ids = [...deletedHere()].filter(([, d]) => d.lineage === lineage).flatMap(([id, d]) => [...d.predecessors, id]);
    return [...new Set(ids)];
}

interface ListItem {
    TaskId: string;
    TaskName: string;
    Status: number;
}

/** Every task whose name contains `name` (the filter is fuzzy), page by page. */
async function listByName(api: AiccsApi, name: string): Promise<ListItem[]> {
    operationStats().listings++;
    const items: ListItem[] = [];
    for (let page = 1; ; page++) {
        const data = await api.call("QueryAiCallTaskPage", { TaskName: name, PageNo: page, PageSize: PAGE_SIZE });
        const list: ListItem[] = (data?.List ?? []).map((t: ListItem) => ({ ...t, TaskId: String(t.TaskId) }));
        items.push(...list);
        if (!list.length || items.length >= Number(data?.Total ?? 0)) return items;
    }
}

/** The task's status from the list (the detail has none); undefined while the list does not show it. */
async function listedStatus(api: AiccsApi, taskId: string): Promise<number | undefined> {
    const data = await api.call("QueryAiCallTaskPage", { TaskId: taskId, PageNo: 1, PageSize: 1 });
    const item = (data?.List ?? []).find((t: ListItem) => String(t.TaskId) === taskId);
    return item === undefined ? undefined : Number(item.Status);
}

/**
 * The task this create makes, by its exact name (TaskName is unique per account), if the list shows it.
 * A task of that name that is not this resource's (another agent or number, or one this process just
 * stopped for a replacement) is an error: the name is taken, and AICCS has no delete.
 */
async function findByName(api: AiccsApi, inputs: AiCallTaskInputs): Promise<string | undefined> {
    const named = (await listByName(api, inputs.taskName)).filter((t) => t.TaskName === inputs.taskName);
    for (const t of named) {
        const detail = await readDetail(api, t.TaskId);
        if (deletedHere().has(t.TaskId) || (detail && (detail.AgentId !== inputs.agentId || detail.CallerNumber !== inputs.virtualNumber))) {
            throw new Error(
                `taskName: "${inputs.taskName}" is taken by task ${t.TaskId}${deletedHere().has(t.TaskId) ? ", which was just stopped" : ""} (AICCS task names are unique per account and a task cannot be deleted); choose another taskName`,
            );
        }
        if (detail) return t.TaskId;
    }
    return undefined;
}

/** Creates the task exactly once (provider/shared/create-once.ts), finding it again by its exact name. */
export function createTask(api: AiccsApi, inputs: AiCallTaskInputs, interruptedBy?: number): Promise<Created<string>> {
    return createOnce(
        {
            rules: aiccsErrorRules,
            settings: api.settings,
            action: "CreateAiCallTask",
            settleSetting: SETTING_SOURCES.createSettleSeconds.config,
            isAmbiguous,
            find: () => findByName(api, inputs),
            create: async () => String(await api.call("CreateAiCallTask", createQuery(inputs))),
        },
        interruptedBy,
    );
}

/** The detail, or undefined when the task is gone: a refusal counts as gone only when the list lacks the task too. */
async function readDetail(api: AiccsApi, taskId: string): Promise<Detail | undefined> {
    try {
        const d = await api.call("QueryAiCallTaskDetail", { TaskId: taskId });
        return { ...d, TaskId: String(d.TaskId) };
    } catch (e) {
        if (!isAiccsApiError(e) || !isRefusal(e)) throw e;
        const gone = (await listedStatus(api, taskId)) === undefined;
        operationStats()[gone ? "goneConfirmed" : "goneRefuted"]++;
        if (gone) return undefined;
        throw e;
    }
}

async function detailTotal(api: AiccsApi, taskId: string, status: number): Promise<number> {
    return Number((await api.call("QueryAiCallDetailPage", { TaskId: taskId, Status: status, PageNo: 1, PageSize: 1 }))?.Total ?? 0);
}

async function progressOf(api: AiccsApi, taskId: string): Promise<Progress> {
    const [pending, completed, failed] = await Promise.all([detailTotal(api, taskId, DetailFilter.pending), detailTotal(api, taskId, DetailFilter.completed), detailTotal(api, taskId, DetailFilter.failed)]);
    return { total: pending + completed + failed, pending, completed, failed };
}

/** The task's detail and status, without its progress, or undefined when it is gone. A task the list does not show yet (it lags) is waited for, up to the settle time. */
export async function listedTask(api: AiccsApi, taskId: string): Promise<Omit<ObservedTask, "progress"> | undefined> {
    const detail = await readDetail(api, taskId);
    if (!detail) return undefined;
    const deadline = Date.now() + api.settings.createSettleSeconds * 1000;
    let status = await listedStatus(api, taskId);
    while (status === undefined && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        status = await listedStatus(api, taskId);
    }
    if (status === undefined) throw new Error(`task ${taskId} exists but the task list has not shown it in ${api.settings.createSettleSeconds}s (${SETTING_SOURCES.createSettleSeconds.config}), so its status is unknown`);
    return { detail, status };
}

/** The task as AICCS reports it, with its progress (three counts), or undefined when it is gone. */
export async function describeTask(api: AiccsApi, taskId: string): Promise<ObservedTask | undefined> {
    const listed = await listedTask(api, taskId);
    return listed && { ...listed, progress: await progressOf(api, taskId) };
}

/** Runs Stop or Start, then reads the task: done when its status says so, whatever the call answered. */
async function converge(api: AiccsApi, taskId: string, action: "StopAiCallTask" | "StartAiCallTask", reached: (status: number) => boolean): Promise<ObservedTask> {
    let refusal: unknown;
    try {
        await api.call(action, { TaskId: taskId });
    } catch (e) {
        if (!isAiccsApiError(e) || !isRefusal(e)) throw e;
        refusal = e;
    }
    const observed = await describeTask(api, taskId);
    if (!observed) throw new Error(`${action}: task ${taskId} no longer exists`);
    if (reached(observed.status)) return observed;
    if (refusal) throw refusal;
    throw new Error(`${action} answered OK, but task ${taskId} has status ${observed.status}`);
}

export const stopTask = (api: AiccsApi, taskId: string) => converge(api, taskId, "StopAiCallTask", isPausedStatus);
export const startTask = (api: AiccsApi, taskId: string) => converge(api, taskId, "StartAiCallTask", (s) => DIALING_STATUSES.includes(s));

/** Stops or starts the task so that it matches `paused`. */
export async function reconcilePaused(api: AiccsApi, taskId: string, paused: boolean, observed: ObservedTask): Promise<ObservedTask> {
    if (paused === isPausedStatus(observed.status)) return observed;
    return paused ? stopTask(api, taskId) : startTask(api, taskId);
}

/** A callee record as QueryAiCallDetailPage lists it. */
interface Record_ {
    DetailId: string;
    OutId?: string;
    CalledNumber?: string;
}

/** Every callee record of the task under one Status filter. */
async function records(api: AiccsApi, taskId: string, status: number): Promise<Record_[]> {
    const out: Record_[] = [];
    for (let page = 1; ; page++) {
        const data = await api.call("QueryAiCallDetailPage", { TaskId: taskId, Status: status, PageNo: page, PageSize: PAGE_SIZE });
        const list: Record_[] = (data?.List ?? []).map((r: Record_) => ({ DetailId: String(r.DetailId), OutId: r.OutId, CalledNumber: r.CalledNumber }));
        out.push(...list);
        if (!list.length || out.length >= Number(data?.Total ?? 0)) return out;
    }
}

/**
 * The callees that the given tasks reached: [D] their completed records (Status 1), matched by the
 * outId each import gave them (the number is not read back). A call still in progress when its task
 * stopped is not counted: the documented filter puts it with the callees not dialed yet.
 */
export async function reachedBy(api: AiccsApi, taskIds: readonly string[], callees: readonly Callee[]): Promise<Set<string>> {
    const reached = new Set<string>();
    for (const id of taskIds) {
        const completed = new Set((await records(api, id, DetailFilter.completed)).flatMap((r) => (r.OutId ? [r.OutId] : [])));
        for (const c of callees) if (completed.has(outIdOf(id, c.number))) reached.add(c.number);
    }
    return reached;
}

/** Every callee record of the task, whatever its status. */
const allRecords = async (api: AiccsApi, taskId: string): Promise<Record_[]> => (await Promise.all(Object.values(DetailFilter).map((s) => records(api, taskId, s)))).flat();

/** The outIds already on the task, whatever their status. */
async function importedOutIds(api: AiccsApi, taskId: string): Promise<Set<string>> {
    return new Set((await allRecords(api, taskId)).flatMap((r) => (r.OutId ? [r.OutId] : [])));
}

/** The numbers the task holds (an import recovers its callees from them), in E.164, each once. */
export async function heldNumbers(api: AiccsApi, taskId: string): Promise<string[]> {
    return [...new Set((await allRecords(api, taskId)).flatMap((r) => (r.CalledNumber ? [numberFromWire(r.CalledNumber)] : [])))];
}

// Figures for the fault suites: batches sent, and imports resumed after a lost answer.
export const importStats = () => processSingleton("aiccsImportStats", () => ({ batches: 0, resumed: 0 }));

/**
 * Imports the callees the task does not hold yet, in batches of up to 1,000. Each callee carries an
 * outId, so after a lost answer (or an interrupted run) the task's records say which batch committed:
 * the rest is imported, nobody twice. A task this call just made (`made`) holds no one yet, so its
 * records are read only after a lost answer. Returns how many were imported.
 */
export async function importCallees(api: AiccsApi, taskId: string, callees: readonly Callee[], made = false): Promise<number> {
    const attempts = api.settings.retry?.maxAttempts ?? 6;
    let held = made ? new Set<string>() : await importedOutIds(api, taskId);
    let imported = 0;
    for (let failures = 0; ; ) {
        const missing = callees.filter((c) => !held.has(outIdOf(taskId, c.number)));
        if (!missing.length) return imported;
        const batch = missing.slice(0, IMPORT_BATCH);
        try {
            importStats().batches++;
            await api.call("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: JSON.stringify(importItems(taskId, batch)) });
            imported += batch.length;
            for (const c of batch) held.add(outIdOf(taskId, c.number));
        } catch (e) {
            if (!isAiccsApiError(e) || !isTransient(e) || ++failures >= attempts) throw masked(e, batch);
            // The batch may have committed: the task's records say what it holds.
            importStats().resumed++;
            const before = held.size;
            held = await importedOutIds(api, taskId);
            imported += held.size - before;
        }
    }
}

/** The error with every number of the batch masked: a refusal may quote the callee it refused. */
function masked(e: unknown, batch: readonly Callee[]): unknown {
    if (!(e instanceof Error)) return e;
    const numbers = new Map(batch.flatMap((c) => [[wireNumber(c.number), c.number] as const, [c.number, c.number] as const]));
    const mask = (text: string) => text.replace(/\+?\d{5,}/g, (n) => (numbers.has(n) ? maskNumber(numbers.get(n)!) : n));
    e.message = mask(e.message);
    if (isAiccsApiError(e)) Object.assign(e, { apiMessage: mask(e.apiMessage) });
    return e;
}

/**
 * Cancels the pending records of callees no longer declared. [D] Records already queued or being
 * called cannot be cancelled: they are counted as kept, and the caller says so.
 */
export async function cancelCallees(api: AiccsApi, taskId: string, removed: readonly Callee[]): Promise<{ cancelled: number; kept: number }> {
    if (!removed.length) return { cancelled: 0, kept: 0 };
    const wanted = new Set(removed.map((c) => outIdOf(taskId, c.number)));
    const pending = (await records(api, taskId, DetailFilter.pending)).filter((r) => r.OutId && wanted.has(r.OutId));
    let cancelled = 0;
    for (let i = 0; i < pending.length; i += PAGE_SIZE) {
        const ids = pending.slice(i, i + PAGE_SIZE).map((r) => r.DetailId);
        const r = await api.call("CancelAiCallDetails", { TaskId: taskId, DetailIdList: JSON.stringify(ids) });
        cancelled += Number(r?.SucceedCount ?? 0);
    }
    // Removed callees already called (completed or failed) are not pending: nothing to cancel, nothing kept dialing.
    return { cancelled, kept: pending.length - cancelled };
}

