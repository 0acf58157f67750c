// The CalloutTask dynamic provider: one method per lifecycle step. Every API call goes through the
// narrow client made inside the method from the settings in force (nothing live is captured).
import type * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { type CccApi, createCccApi, isAmbiguous, isCccApiError, withRetries } from "./client";
import { createRequestToApi, describeFromApi, type ObservedTask } from "./mapping";
import {
    type CalloutTaskInputs,
    type CalloutTaskState,
    FIELD_NAMES,
    FINISHED_STATES,
    type FieldName,
    maskNumber,
    REPLACE_FIELDS,
    validateInputs,
} from "./schema";
import { rememberConfig, resolveSettings } from "./settings";


function api(): CccApi {
    return createCccApi(resolveSettings());
}

/** Deep equality of normalised values; undefined and null are the same absence. */
function same(a: unknown, b: unknown): boolean {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    if (typeof a === "object") {
        if (!b || typeof b !== "object" || Array.isArray(b)) return false;
        const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
        return [...keys].every((k) => same((a as any)[k], (b as any)[k]));
    }
    return a === b;
}

/** Drops undefined values: the engine's wire format cannot carry them. */
function defined<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function inputsOf(props: Record<string, any>): CalloutTaskInputs {
    const result = validateInputs(Object.fromEntries(FIELD_NAMES.filter((k) => props[k] !== undefined).map((k) => [k, props[k]])));
    if (!result.ok) throw new Error(`invalid CalloutTask inputs: ${result.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    return result.inputs;
}

/** Outputs: the declared inputs, overlaid with what CCC reports. Fields it never returns keep their declared values. */
function stateFrom(taskId: number, inputs: CalloutTaskInputs, observed: ObservedTask): CalloutTaskState {
    const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
    return defined({
        ...inputs,
        name: observed.name,
        description: observed.description,
        notBefore: observed.notBefore ?? inputs.notBefore,
        notAfter: observed.notAfter,
        // Keep the declared order when CCC reports the same numbers in another order.
        callers: sameSet(observed.callers, inputs.callers) ? inputs.callers : observed.callers,
        callees: sameSet(observed.callees, inputs.callees) ? inputs.callees : observed.callees,
        ivrId: inputs.aiAgentId !== undefined ? undefined : observed.ivrId,
        // CCC returns the ring timeout only for some numbers: absent means "not reported", not "changed".
        maxRingTimeoutSecond: observed.maxRingTimeoutSecond ?? inputs.maxRingTimeoutSecond,
        // A finished task keeps the declared value: it can be neither paused nor resumed.
        paused: FINISHED_STATES.includes(observed.state) ? inputs.paused : observed.state === 5,
        taskId,
        state: observed.state,
        stateName: observed.stateName,
        progress: observed.progress,
    });
}

function isNotFound(e: unknown): boolean {
    return isCccApiError(e) && (e.code === "ResourceNotFound" || (e.code.startsWith("InvalidParameterValue") && /TaskId/i.test(e.apiMessage)));
}

async function describeTask(client: CccApi, sdkAppId: number, taskId: number): Promise<ObservedTask | undefined> {
    try {
        return describeFromApi(await client.describeTask({ SdkAppId: sdkAppId, TaskId: taskId }));
    } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
    }
}

/** Pauses or resumes the task so that it matches `paused`. */
async function reconcilePaused(client: CccApi, inputs: CalloutTaskInputs, taskId: number, observed: ObservedTask): Promise<void> {
    const isPaused = observed.state === 5;
    if (inputs.paused === isPaused) return;
    if (FINISHED_STATES.includes(observed.state)) {
        throw new Error(
            `paused: task ${taskId} has finished (state ${observed.state} ${observed.stateName}) and can no longer be ${inputs.paused ? "paused" : "resumed"}. ` +
                "To run the campaign again, change a field that replaces the task (for example notBefore), or remove the resource.",
        );
    }
    const req = { SdkAppId: inputs.sdkAppId, TaskId: taskId };
    if (inputs.paused) await converge(client, inputs.sdkAppId, taskId, () => client.pauseTask(req), (s) => s === 5);
    else await converge(client, inputs.sdkAppId, taskId, () => client.resumeTask(req), (s) => s === 0 || s === 1);
}

/** Fields CCC reports that must match the declared inputs before a task is adopted. */
function adoptionDifferences(inputs: CalloutTaskInputs, observed: ObservedTask): string[] {
    const diffs: string[] = [];
    const check = (field: FieldName, declared: unknown, actual: unknown, show = (v: unknown) => JSON.stringify(v)) => {
        if (!same(declared, actual)) diffs.push(`${field}: declared ${show(declared)}, task has ${show(actual)}`);
    };
    const maskAll = (v: unknown) => (Array.isArray(v) ? `[${v.map((n) => maskNumber(String(n))).join(", ")}]` : String(v));
    check("name", inputs.name, observed.name);
    check("description", inputs.description, observed.description);
    check("notBefore", inputs.notBefore, observed.notBefore);
    check("notAfter", inputs.notAfter, observed.notAfter);
    check("callers", [...inputs.callers].sort(), [...observed.callers].sort());
    const declared = new Set(inputs.callees);
    const missing = inputs.callees.filter((c) => !observed.callees.includes(c));
    const extra = observed.callees.filter((c) => !declared.has(c));
    if (missing.length || extra.length) {
        diffs.push(`callees: ${missing.length} declared but not in the task (${maskAll(missing.slice(0, 3))}…), ${extra.length} in the task but not declared (${maskAll(extra.slice(0, 3))}…)`);
    }
    if (inputs.ivrId !== undefined) check("ivrId", inputs.ivrId, observed.ivrId);
    if (observed.maxRingTimeoutSecond !== undefined) check("maxRingTimeoutSecond", inputs.maxRingTimeoutSecond, observed.maxRingTimeoutSecond);
    return diffs;
}

/**
 * A token derived from the declared inputs, carried in the task's description, so that a create
 * whose answer was lost (or a run that died mid-create) finds its task again instead of making a second.
 */
export function createToken(inputs: CalloutTaskInputs): string {
    const canonical = FIELD_NAMES.filter((k) => k !== "paused" && k !== "adoptTaskId").map((k) => [k, (inputs as any)[k] ?? null]);
    return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 16);
}

const PAGE_SIZE = 100;

/** Every task of the application, listed page by page (PageNumber is 0-based). */
async function listAllTasks(client: CccApi, sdkAppId: number) {
    const tasks = [];
    for (let page = 0; ; page++) {
        const r = await client.listTasks({ SdkAppId: sdkAppId, PageSize: PAGE_SIZE, PageNumber: page });
        tasks.push(...(r.Tasks ?? []));
        if (!r.Tasks?.length || tasks.length >= (r.TotalCount ?? 0)) return tasks;
    }
}

// One listing per application per provider process, shared by all creates; a retry after an
// ambiguous failure lists afresh.
const LISTING_KEY = "__pulumiTencentCloudCccListings";
function cachedListing(client: CccApi, sdkAppId: number, fresh: boolean) {
    const g = globalThis as Record<string, any>;
    const cache: Map<number, ReturnType<typeof listAllTasks>> = (g[LISTING_KEY] ??= new Map());
    if (fresh || !cache.has(sdkAppId)) {
        const listing = listAllTasks(client, sdkAppId);
        cache.set(sdkAppId, listing);
        listing.catch(() => cache.delete(sdkAppId));
    }
    return cache.get(sdkAppId)!;
}

/** The live task carrying this token, if an earlier attempt created it. Stopped tasks are never adopted. */
async function findByToken(client: CccApi, inputs: CalloutTaskInputs, token: string, fresh: boolean): Promise<number | undefined> {
    const candidates = (await cachedListing(client, inputs.sdkAppId, fresh)).filter(
        (t) => (t.Name ?? "") === (inputs.name ?? "") && t.NotBefore === inputs.notBefore && t.CalleeCount === inputs.callees.length && t.State !== 4,
    );
    for (const c of candidates) {
        const observed = await describeTask(client, inputs.sdkAppId, c.TaskId!);
        if (observed?.createToken === token && observed.state !== 4) return c.TaskId;
    }
    return undefined;
}

/** Creates the task exactly once: before any new attempt it looks for the task an earlier attempt may have made. */
async function createOnce(client: CccApi, inputs: CalloutTaskInputs): Promise<number> {
    const token = createToken(inputs);
    const request = createRequestToApi(inputs, token);
    return withRetries(client.settings, "CreateAutoCalloutTask", isAmbiguous, async ({ attempt }) => {
        // The first attempt reuses the process's listing (a task left by an earlier run); later ones list afresh.
        const found = await findByToken(client, inputs, token, attempt > 0);
        if (found !== undefined) return found;
        return (await client.createTask(request)).TaskId as number;
    });
}

/** Runs a Pause/Resume/Stop; if the task refuses because it is already where we want it (an earlier attempt went through), that counts as done. */
async function converge(client: CccApi, sdkAppId: number, taskId: number, run: () => Promise<unknown>, reached: (state: number) => boolean): Promise<void> {
    try {
        await run();
    } catch (e) {
        if (!isCccApiError(e) || !e.code.startsWith("UnsupportedOperation")) throw e;
        const observed = await describeTask(client, sdkAppId, taskId);
        if (!observed || !reached(observed.state)) throw e;
    }
}

/** An error that keeps an already created task tracked by the engine. */
function partialCreateError(cause: unknown, taskId: number, outs: Record<string, unknown>): Error {
    const message = cause instanceof Error ? cause.message : String(cause);
    return Object.assign(new Error(`task ${taskId} was created, but finishing its setup failed: ${message}`), {
        id: String(taskId),
        properties: outs,
        reasons: [message],
    });
}

export class CalloutTaskProvider implements pulumi.dynamic.ResourceProvider {
    async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        rememberConfig(req.config);
    }

    async check(olds: any, news: any): Promise<pulumi.dynamic.CheckResult> {
        const { __provider: _provider, ...raw } = news;
        const result = validateInputs(raw, { now: Math.floor(Date.now() / 1000), previous: olds });
        if (!result.ok) return { inputs: news, failures: result.failures };
        return { inputs: defined(result.inputs) };
    }

    async diff(_id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
        // Once adopted, dropping adoptTaskId (or naming the same task) changes nothing: only naming another task does.
        const adoptsAnother = news.adoptTaskId !== undefined && news.adoptTaskId !== olds.taskId;
        const changed = FIELD_NAMES.filter((k) => (k === "adoptTaskId" ? adoptsAnother : !same(olds[k], news[k])));
        const replaces = changed.filter((k) => REPLACE_FIELDS.includes(k));
        // Delete before replace: two tasks must never dial the same list at once.
        return { changes: changed.length > 0, replaces, deleteBeforeReplace: true };
    }

    async create(props: any): Promise<pulumi.dynamic.CreateResult> {
        const inputs = inputsOf(props);
        const client = api();
        let taskId: number;
        if (inputs.adoptTaskId !== undefined) {
            taskId = inputs.adoptTaskId;
            const observed = await describeTask(client, inputs.sdkAppId, taskId);
            if (!observed) throw new Error(`adoptTaskId: task ${taskId} does not exist in SdkAppId ${inputs.sdkAppId}`);
            const diffs = adoptionDifferences(inputs, observed);
            if (diffs.length) throw new Error(`adoptTaskId: task ${taskId} does not match the declared inputs, so it was not adopted: ${diffs.join("; ")}`);
        } else {
            taskId = await createOnce(client, inputs);
        }
        // The engine needs the serialized provider with the partial state to operate on the task later.
        const outs = { ...inputs, taskId, __provider: props.__provider };
        try {
            let observed = await describeTask(client, inputs.sdkAppId, taskId);
            if (!observed) throw new Error(`task ${taskId} is not found right after it was created`);
            if (inputs.paused !== (observed.state === 5)) {
                await reconcilePaused(client, inputs, taskId, observed);
                observed = (await describeTask(client, inputs.sdkAppId, taskId)) ?? observed;
            }
            return { id: String(taskId), outs: stateFrom(taskId, inputs, observed) };
        } catch (e) {
            throw partialCreateError(e, taskId, outs);
        }
    }

    async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
        const inputs = inputsOf(props);
        const taskId = Number(id);
        const observed = await describeTask(api(), inputs.sdkAppId, taskId);
        if (!observed) return {};
        return { id, props: stateFrom(taskId, inputs, observed) };
    }

    async update(id: string, _olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
        const inputs = inputsOf(news);
        const taskId = Number(id);
        const client = api();
        let observed = await describeTask(client, inputs.sdkAppId, taskId);
        if (!observed) throw new Error(`task ${taskId} no longer exists in SdkAppId ${inputs.sdkAppId}; run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create it again`);
        await reconcilePaused(client, inputs, taskId, observed);
        observed = (await describeTask(client, inputs.sdkAppId, taskId)) ?? observed;
        return { outs: stateFrom(taskId, inputs, observed) };
    }

    async delete(id: string, props: any): Promise<void> {
        const sdkAppId = Number(props.sdkAppId);
        const taskId = Number(id);
        const client = api();
        const observed = await describeTask(client, sdkAppId, taskId);
        // Gone, completed, ending or terminated: it will not dial again, so it counts as deleted.
        if (!observed || FINISHED_STATES.includes(observed.state)) return;
        await converge(client, sdkAppId, taskId, () => client.stopTask({ SdkAppId: sdkAppId, TaskId: taskId }), (s) => FINISHED_STATES.includes(s));
    }
}
