// Task operations: every CCC call the lifecycle needs, with its paging, its per-process listing, the
// token search that makes create happen once, the convergence of pause/resume/stop, and the decision
// that a task is gone. provider.ts keeps only the lifecycle.
//
// CCC's API docs do not say which code or message a missing task or a wrong-state request gets, nor
// how soon a new task is listed. So:
// a task is gone only when a full listing of its application lacks it; a pause/resume/stop is done when
// the task's state says so, whatever the call answered; and after a create whose answer was lost, the
// listing is searched for a bounded settle time before creating again.
import { createHash } from "crypto";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { type Created, createOnce as sharedCreateOnce, operationStats } from "../shared/create-once";
import { cccErrorRules, isAmbiguous, isCccApiError, isRefusal, SETTING_SOURCES } from "../ccc";
import type { CccApi } from "./client";
import { describeFromApi, numberToApi, type ObservedTask } from "./mapping";
import { processSingleton } from "../shared/process";
import { stackTaskLineages, taskKey } from "../shared/checkpoint";
import { type CalloutTaskInputs, FIELD_NAMES, FINISHED_STATES, type FieldName } from "./schema";

export { operationStats };

/** Inputs that do not change what the task dials: left out of the create token (so tokens of existing tasks stay valid). */
const NOT_IN_TOKEN: readonly FieldName[] = ["paused", "adoptTaskId", "redial"];

/**
 * A token derived from the declared inputs, carried in the task's description, so that a create
 * whose answer was lost (or a run that died mid-create) finds its task again instead of making a second.
 */
export function createToken(inputs: CalloutTaskInputs): string {
    const canonical = FIELD_NAMES.filter((k) => !NOT_IN_TOKEN.includes(k)).map((k) => [k, inputs[k] ?? null]);
    return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 16);
}

const PAGE_SIZE = 100;

/** Every task of the application, listed page by page (PageNumber is 0-based). */
async function listAllTasks(client: CccApi, sdkAppId: number): Promise<models.AutoCalloutTaskInfo[]> {
    operationStats().listings++;
    const tasks: models.AutoCalloutTaskInfo[] = [];
    for (let page = 0; ; page++) {
        const r = await client.listTasks({ SdkAppId: sdkAppId, PageSize: PAGE_SIZE, PageNumber: page });
        tasks.push(...(r.Tasks ?? []));
        if (!r.Tasks?.length || tasks.length >= (r.TotalCount ?? 0)) return tasks;
    }
}

interface Listing {
    startedAt: number;
    tasks: Promise<models.AutoCalloutTaskInfo[]>;
}

/**
 * The application's tasks from a listing started at or after `since` (ms; 0: any listing this process
 * made). Shared by every task of the process: concurrent callers with the same need wait for one listing.
 */
export function listTasks(client: CccApi, sdkAppId: number, since = 0): Promise<models.AutoCalloutTaskInfo[]> {
    const cache = processSingleton("listings", () => new Map<number, Listing>());
    const cached = cache.get(sdkAppId);
    if (cached && cached.startedAt >= since) return cached.tasks;
    const listing: Listing = { startedAt: Date.now(), tasks: listAllTasks(client, sdkAppId) };
    cache.set(sdkAppId, listing);
    listing.tasks.catch(() => cache.get(sdkAppId) === listing && cache.delete(sdkAppId));
    return listing.tasks;
}

/** Whether a fresh, full listing of the application lacks the task: the documented way to know it is gone. */
async function absentFromListing(client: CccApi, sdkAppId: number, taskId: number): Promise<boolean> {
    const tasks = await listTasks(client, sdkAppId, Date.now());
    return !tasks.some((t) => t.TaskId === taskId);
}

/**
 * The task as CCC reports it, or undefined when it is gone. A refusal of Describe is taken for "gone"
 * only when the listing confirms it; otherwise the refusal is the error (a refresh then fails rather
 * than dropping a live task from the stack).
 */
export async function describeTask(client: CccApi, sdkAppId: number, taskId: number): Promise<ObservedTask | undefined> {
    try {
        return describeFromApi(await client.describeTask({ SdkAppId: sdkAppId, TaskId: taskId }));
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        const gone = await absentFromListing(client, sdkAppId, taskId);
        operationStats()[gone ? "goneConfirmed" : "goneRefuted"]++;
        if (gone) return undefined;
        throw e;
    }
}

/**
 * Runs a Pause/Resume/Stop and returns the task as it then is. Done means the task's state says so:
 * a refusal (it was already there, e.g. after a retried call whose first answer was lost) counts as
 * done when the state is reached, and an OK answer counts only when it is.
 */
export async function converge(
    client: CccApi,
    sdkAppId: number,
    taskId: number,
    action: string,
    run: () => Promise<unknown>,
    reached: (observed: ObservedTask | undefined) => boolean,
): Promise<ObservedTask | undefined> {
    let refusal: unknown;
    try {
        await run();
    } catch (e) {
        if (!isCccApiError(e) || !isRefusal(e)) throw e;
        refusal = e;
    }
    const observed = await describeTask(client, sdkAppId, taskId);
    if (reached(observed)) return observed;
    if (refusal) throw refusal;
    throw new Error(`${action} answered OK, but task ${taskId} is ${observed ? `still ${observed.stateName} (state ${observed.state})` : "gone"}`);
}

const isPaused = (o: ObservedTask | undefined) => o?.state === 5;
const isRunnable = (o: ObservedTask | undefined) => o?.state === 0 || o?.state === 1;
/** Stopped, finished or gone: it will not dial again. */
export const isOver = (o: ObservedTask | undefined) => !o || FINISHED_STATES.includes(o.state);

/** Pauses or resumes the task so that it matches `paused`; returns the task as it then is. */
export async function reconcilePaused(client: CccApi, inputs: CalloutTaskInputs, taskId: number, observed: ObservedTask): Promise<ObservedTask> {
    if (inputs.paused === isPaused(observed)) return observed;
    if (isOver(observed)) {
        throw new Error(
            `paused: task ${taskId} has finished (state ${observed.state} ${observed.stateName}) and can no longer be ${inputs.paused ? "paused" : "resumed"}. ` +
                "To run the campaign again, change a field that replaces the task (for example notBefore), or remove the resource.",
        );
    }
    const req = { SdkAppId: inputs.sdkAppId, TaskId: taskId };
    const after = inputs.paused
        ? await converge(client, inputs.sdkAppId, taskId, "PauseAutoCalloutTask", () => client.pauseTask(req), isPaused)
        : await converge(client, inputs.sdkAppId, taskId, "ResumeAutoCalloutTask", () => client.resumeTask(req), isRunnable);
    return after!;
}

/**
 * Stops the task. No Describe first: a task that is already over or gone refuses the Stop, and
 * `converge` then confirms by Describe (and the listing) that it will not dial; one Describe per task
 * either way, which halves the Describe budget a destroy needs.
 */
export async function stopTask(client: CccApi, sdkAppId: number, taskId: number): Promise<void> {
    await converge(client, sdkAppId, taskId, "StopAutoCalloutTask", () => client.stopTask({ SdkAppId: sdkAppId, TaskId: taskId }), isOver);
}

/** The live task carrying this token in a listing started at or after `since`. Stopped tasks are never adopted. */
async function findByToken(client: CccApi, request: models.CreateAutoCalloutTaskRequest, token: string, since: number): Promise<number | undefined> {
    const candidates = (await listTasks(client, request.SdkAppId, since)).filter(
        (t) => (t.Name ?? "") === (request.Name ?? "") && t.NotBefore === request.NotBefore && t.CalleeCount === request.Callees.length && t.State !== 4,
    );
    for (const c of candidates) {
        const observed = await describeTask(client, request.SdkAppId, c.TaskId!);
        if (observed?.createToken === token && observed.state !== 4) return c.TaskId;
    }
    return undefined;
}

/** Creates the task exactly once (provider/shared/create-once.ts), finding it by the token its description carries. */
export function createOnce(client: CccApi, request: models.CreateAutoCalloutTaskRequest, token: string, interruptedBy?: number): Promise<Created<number>> {
    return sharedCreateOnce(
        {
            rules: cccErrorRules,
            settings: client.settings,
            action: "CreateAutoCalloutTask",
            settleSetting: SETTING_SOURCES.createSettleSeconds.config,
            isAmbiguous,
            find: (since) => findByToken(client, request, token, since),
            create: async () => (await client.createTask(request)).TaskId as number,
        },
        interruptedBy,
    );
}

/** Reached callees of one finished task, with its lineage; finished tasks no longer change, so each is read once per process. */
function finishedTaskReach(client: CccApi, sdkAppId: number, taskId: number): Promise<{ lineage?: string; reached: string[] } | undefined> {
    const cache = processSingleton("finishedTasks", () => new Map<number, Promise<{ lineage?: string; reached: string[] } | undefined>>());
    let entry = cache.get(taskId);
    if (!entry) {
        entry = describeTask(client, sdkAppId, taskId).then((o) => {
            // An ending task may still reach someone: read it again next time.
            if (o?.state === 3) cache.delete(taskId);
            return o && { lineage: o.lineage, reached: o.reached };
        });
        cache.set(taskId, entry);
        entry.catch(() => cache.delete(taskId));
    }
    return entry;
}

/**
 * Tasks this process deleted: when (the listing may still show them live, or predate them), and the
 * lineage of the resource they belonged to (an adopted or imported task's description carries none).
 */
export const deletedHere = () => processSingleton("deletedTasks", () => new Map<number, { at: number; lineage?: string }>());

/**
 * Callees (API format) that earlier tasks of the same lineage reached. Replacement stops the old task
 * before the new one is created (in the same provider process), so its predecessors are the finished
 * tasks carrying the lineage, and the task this process stopped for it. Only a task's description
 * says its lineage, so each candidate costs a Describe: the finished tasks the stack's state holds
 * under another resource's lineage are not candidates (in a long-lived stack, nearly all of them).
 * Those left are tasks of resources removed from the stack, or made outside it; with no state read,
 * every finished task is one.
 */
export async function reachedByLineage(client: CccApi, sdkAppId: number, lineage: string): Promise<Set<string>> {
    const deleted = deletedHere();
    const since = Math.max(0, ...[...deleted.values()].map((d) => d.at));
    const owners = await stackTaskLineages();
    const ownedByAnother = (taskId: number) => (owners?.get(taskKey(taskId, sdkAppId)) ?? lineage) !== lineage;
    const finished = (await listTasks(client, sdkAppId, since)).filter((t) => deleted.has(t.TaskId!) || (FINISHED_STATES.includes(t.State ?? 0) && !ownedByAnother(t.TaskId!)));
    const reached = new Set<string>();
    for (const t of finished) {
        const r = await finishedTaskReach(client, sdkAppId, t.TaskId!);
        if (r?.lineage === lineage || deleted.get(t.TaskId!)?.lineage === lineage) for (const c of r?.reached ?? []) reached.add(numberToApi(c));
    }
    return reached;
}

/** Leaves out of the request the callees already reached; returns how many were left out. */
export function withoutReached(request: models.CreateAutoCalloutTaskRequest, reached: Set<string>): { request: models.CreateAutoCalloutTaskRequest; skipped: number } {
    const Callees = request.Callees.filter((c) => !reached.has(c));
    const CalleeAttributes = request.CalleeAttributes?.filter((a) => !reached.has(a.Callee));
    return { request: { ...request, Callees, ...(CalleeAttributes && { CalleeAttributes }) }, skipped: request.Callees.length - Callees.length };
}
