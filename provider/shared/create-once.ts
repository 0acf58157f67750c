// Create exactly once, for every kind of call task. A create whose answer was lost may have committed,
// and a vendor's listing may lag behind it: so after an ambiguous failure, and when the stack shows an
// interrupted run, the task is looked for (by the kind's `find`: a token, an exact unique name) for a
// bounded settle time before anything is created again.
import { type ApiError, type ErrorRules, type PacedSettings, withRetries } from "./retries";
import { processSingleton } from "./process";

/**
 * How long, after a create whose answer was lost, the provider keeps looking for the task in the
 * listing before it creates again. Listings of cloud APIs are often eventually consistent (neither
 * vendor documents how soon a new task is listed); index lag is typically seconds. 30 s covers that
 * with room to spare, and still leaves most of the default retry bound (120 s) for a second attempt.
 * A duplicate dials everyone twice; a longer wait only delays a deploy whose create truly failed.
 */
export const DEFAULT_CREATE_SETTLE_SECONDS = 30;
const SETTLE_POLL_MS = 1000;

// Figures for the fault suites: what the settle search (and each kind's listing) did in this process.
export const operationStats = () =>
    processSingleton("operationStats", () => ({ listings: 0, settles: 0, settleMs: 0, settleMaxMs: 0, settledFound: 0, goneConfirmed: 0, goneRefuted: 0 }));

/** What a kind's create-once needs: its errors, its settings, and how to find and make its task. */
export interface CreateOnceSpec<Id, E extends ApiError> {
    rules: ErrorRules<E>;
    settings: PacedSettings & { createSettleSeconds?: number };
    /** The create action's name, for messages and pacing. */
    action: string;
    /** The config key of the settle time, for messages. */
    settleSetting: string;
    /** Failures after which the create may or may not have committed. */
    isAmbiguous(e: E): boolean;
    /** The live task this create makes, in a listing started at or after `since` (ms; 0: any listing of this process). */
    find(since: number): Promise<Id | undefined>;
    create(): Promise<Id>;
}

/** What a create did: made the task, or found the one an earlier attempt or run made. */
export interface Created<Id> {
    taskId: Id;
    found: boolean;
}

/** Waits `ms`, or less if the signal aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener("abort", onAbort, { once: true });
        setTimeout(() => {
            signal.removeEventListener("abort", onAbort);
            resolve();
        }, ms);
    });

/** For waits that no time bound may cut short (made when used: a live signal cannot be closure-serialized). */
const neverAborted = () => new AbortController().signal;

/**
 * Looks for the task of a create that may have committed at or before `since`, in listings made since,
 * until the settle time has passed: a listing that lags behind the create must not cause a second task.
 * The last listing is one started at or after the deadline (one started before it may predate the task).
 */
async function settle<Id, E extends ApiError>(spec: CreateOnceSpec<Id, E>, since: number, signal: AbortSignal): Promise<Id | undefined> {
    const stats = operationStats();
    const deadline = since + (spec.settings.createSettleSeconds ?? DEFAULT_CREATE_SETTLE_SECONDS) * 1000;
    const done = (found: Id | undefined) => {
        const waited = Date.now() - since;
        stats.settles++;
        stats.settleMs += waited;
        stats.settleMaxMs = Math.max(stats.settleMaxMs, waited);
        if (found !== undefined) stats.settledFound++;
        return found;
    };
    for (let from = since; ; ) {
        const found = await spec.find(from);
        if (found !== undefined || from >= deadline || signal.aborted) return done(found);
        await sleep(Math.min(SETTLE_POLL_MS, deadline - Date.now()), signal);
        from = Date.now();
    }
}

/**
 * Creates the task exactly once. The first attempt looks in the process's listing for a task an
 * earlier run left; when the stack shows that an earlier run was interrupted while creating this
 * resource (at or before `interruptedBy`), a miss there waits for the list to catch up. After an
 * ambiguous failure the next attempt first waits for the task to show up, and so does giving up: a
 * run that reports failure has made no task, so the next run needs no knowledge of it.
 */
export async function createOnce<Id, E extends ApiError>(spec: CreateOnceSpec<Id, E>, interruptedBy?: number): Promise<Created<Id>> {
    if (interruptedBy !== undefined) {
        const earlier = (await spec.find(0)) ?? (await settle(spec, interruptedBy, neverAborted()));
        if (earlier !== undefined) return { taskId: earlier, found: true };
    }
    let failedAt: number | undefined;
    let creating: Promise<unknown> | undefined;
    try {
        return await withRetries(spec.rules, spec.settings, spec.action, spec.rules.isTransient, async ({ signal }) => {
            const found = failedAt === undefined ? await spec.find(0) : await settle(spec, failedAt, signal);
            if (found !== undefined) return { taskId: found, found: true };
            // The time bound has passed while this attempt searched: the caller has given up, so must this attempt.
            if (signal.aborted) throw new Error(`${spec.action}: abandoned at the time bound`);
            try {
                const answer = spec.create();
                creating = answer.catch(() => undefined);
                return { taskId: await answer, found: false };
            } catch (e) {
                if (!spec.rules.is(e) || spec.isAmbiguous(e)) failedAt = Date.now();
                throw e;
            }
        });
    } catch (e) {
        // A create still under way when the bound struck may yet commit: its outcome counts too.
        await creating;
        if (failedAt === undefined) throw e;
        const found = await settle(spec, failedAt, neverAborted()).catch((lookup) => {
            throw unconfirmed(spec, e, lookup);
        });
        if (found !== undefined) return { taskId: found, found: true };
        throw e;
    }
}

/** Giving up after a lost answer, when no listing could say whether the task was made: the error says what to wait for. */
function unconfirmed<Id, E extends ApiError>(spec: CreateOnceSpec<Id, E>, cause: unknown, lookup: unknown): Error {
    const seconds = spec.settings.createSettleSeconds ?? DEFAULT_CREATE_SETTLE_SECONDS;
    const code = spec.rules.is(lookup) ? `${lookup.action} failed: ${lookup.code || "NetworkError"}` : String(lookup);
    const note =
        `; a create whose answer was lost may have committed, and no listing could confirm it (${code}): ` +
        `wait ${seconds}s (${spec.settleSetting}) before the next up, so that its listing shows the task`;
    return Object.assign(new Error(`${cause instanceof Error ? cause.message : String(cause)}${note}`), spec.rules.is(cause) ? { name: cause.name, action: cause.action, code: cause.code, apiMessage: cause.apiMessage, requestId: cause.requestId } : {});
}
