// Pacing and retries shared by every kind of call task: one adaptive pace per action (AIMD over a
// `limiter` token bucket) and cockatiel's retry with backoff, jitter and a time bound. What counts as
// throttled, transient or never sent is the vendor's: each client passes its error rules.
import { ExponentialBackoff, handleWhen, retry, TimeoutStrategy, timeout, wrap } from "cockatiel";
import { RateLimiter } from "limiter";
import { processSingleton } from "./process";
import { leaseTurn } from "./rate-lease";

export interface RetrySettings {
    /** Attempts per call, the first included (default 6). */
    maxAttempts: number;
    /** Bound on the whole call, retries and waits included, in seconds (default 120). */
    maxSeconds: number;
    /** First backoff delay in milliseconds (default 200); later ones grow exponentially, with jitter. */
    initialDelayMs: number;
    /** Largest single backoff delay in milliseconds (default 10000). */
    maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 6, maxSeconds: 120, initialDelayMs: 200, maxDelayMs: 10_000 };

/** What the shared machinery reads from a client's settings. */
export interface PacedSettings {
    retry?: RetrySettings;
    /** Requests per second per action, shared by every task in the process; slowed down while throttled. */
    requestsPerSecond?: number;
}

/** An error a vendor's API (or the network on the way to it) returned. */
export interface ApiError extends Error {
    readonly action: string;
    /** The API's error code; empty for a network failure. */
    readonly code: string;
    readonly apiMessage: string;
    readonly requestId: string;
}

/** A vendor's reading of its errors, and the settings' names its messages cite. */
export interface ErrorRules<E extends ApiError> {
    is(e: unknown): e is E;
    /** The vendor's error for anything an attempt threw. */
    from(action: string, e: unknown): E;
    /** The same error with a note appended to its message. */
    make(action: string, code: string, apiMessage: string, requestId: string, note?: string): E;
    isThrottled(e: E): boolean;
    isNotSent(e: E): boolean;
    isTransient(e: E): boolean;
    defaultRequestsPerSecond: number;
    /** Config keys of the retry bounds and the rate, for messages. */
    names: { maxAttempts: string; retryMaxSeconds: string; requestsPerSecond: string };
}

/** Slowest pace the adaptive rate goes down to, requests per second per action. */
const MIN_RATE = 0.5;

/**
 * The shared pace of one action: a `limiter` token bucket whose rate adapts (AIMD). Throttling halves
 * it, at most once per round of requests already in flight; every success adds back 1/rate, so the
 * rate grows by about one request per second each second, up to the configured ceiling. Waiters
 * already queued follow the new rate: the bucket reads its interval on every refill.
 */
interface Pace {
    limiter: RateLimiter;
    ceiling: number;
    rate: number;
    lastDecrease: number;
}

// Per-process state shared by every task the provider handles: one pace per action, call counts.
export const clientProcessState = () =>
    processSingleton("client", () => ({
        paces: new Map<string, Pace>(),
        stats: { calls: 0, retries: 0, throttled: 0, slowdowns: 0, lowestRate: Infinity },
    }));

function setRate(pace: Pace, rate: number): void {
    pace.rate = rate;
    // One request every 1000/rate ms: a fixed-window bucket would let 2× through across a window edge.
    pace.limiter.tokenBucket.interval = 1000 / rate;
}

function paceFor(action: string, ceiling: number): Pace {
    const { paces } = clientProcessState();
    let pace = paces.get(action);
    if (!pace) {
        pace = { limiter: new RateLimiter({ tokensPerInterval: 1, interval: 1000 / ceiling }), ceiling, rate: ceiling, lastDecrease: 0 };
        paces.set(action, pace);
    }
    if (pace.ceiling !== ceiling) {
        pace.ceiling = ceiling;
        setRate(pace, Math.min(pace.rate, ceiling));
    }
    return pace;
}

function slowDown(pace: Pace, sentAt: number): void {
    // Requests sent before the last decrease were paced at the old rate: their throttling is already answered.
    if (sentAt < pace.lastDecrease) return;
    const stats = clientProcessState().stats;
    pace.lastDecrease = Date.now();
    setRate(pace, Math.max(MIN_RATE, pace.rate / 2));
    stats.slowdowns++;
    stats.lowestRate = Math.min(stats.lowestRate, pace.rate);
}

function speedUp(pace: Pace): void {
    if (pace.rate < pace.ceiling) setRate(pace, Math.min(pace.ceiling, pace.rate + 1 / pace.rate));
}

/**
 * Runs `attempt` until it succeeds, retrying the errors `retryable` accepts with exponential backoff
 * and jitter. Throttling is retried until the time bound (the shared pace slows down, so it ends);
 * other failures also count against the attempt bound. The final error is the last one, saying how
 * long and how often it was tried and which settings bound it.
 */
export async function withRetries<T, E extends ApiError>(
    rules: ErrorRules<E>,
    settings: PacedSettings,
    action: string,
    retryable: (e: E) => boolean,
    attempt: (context: { signal: AbortSignal; attempt: number }) => Promise<T>,
): Promise<T> {
    const r = settings.retry ?? DEFAULT_RETRY;
    const stats = clientProcessState().stats;
    const started = Date.now();
    let last: E | undefined;
    let attempts = 0;
    let throttled = 0;
    const retryPolicy = retry(
        handleWhen((e) => rules.is(e) && retryable(e) && (rules.isThrottled(e) || attempts - throttled < r.maxAttempts)),
        { backoff: new ExponentialBackoff({ initialDelay: r.initialDelayMs, maxDelay: r.maxDelayMs }) },
    );
    retryPolicy.onRetry(() => stats.retries++);
    // No abort once the call has returned: nothing is left to cancel, and each abort builds a DOMException.
    const policy = wrap(timeout(r.maxSeconds * 1000, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }), retryPolicy);
    try {
        return await policy.execute(async ({ signal, attempt: n }) => {
            attempts++;
            try {
                return await attempt({ signal, attempt: n });
            } catch (e) {
                last = rules.from(action, e);
                if (rules.isThrottled(last)) throttled++;
                throw last;
            }
        });
    } catch (e) {
        if (attempts <= 1 && rules.is(e)) throw e;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const base = last ?? rules.make(action, "RequestTimeout", "no answer", "");
        const names = rules.names;
        const bounds = `bounds: ${r.maxAttempts} attempts (${names.maxAttempts}), ${r.maxSeconds}s (${names.retryMaxSeconds})`;
        const hint = throttled
            ? `; throttled ${throttled} times: the service allows fewer requests than ${names.requestsPerSecond} (${settings.requestsPerSecond ?? rules.defaultRequestsPerSecond}/s); lower it or raise ${names.retryMaxSeconds}`
            : "";
        throw rules.make(base.action, base.code, base.apiMessage, base.requestId, `gave up after ${attempts} attempts in ${seconds}s; ${bounds}${hint}`);
    }
}

/** Calls one action at the shared pace; throttling and requests that never left are always retried, other transient failures only when `retryTransient`. */
export function pacedCall<T, E extends ApiError>(rules: ErrorRules<E>, settings: PacedSettings, action: string, retryTransient: boolean, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const stats = clientProcessState().stats;
    const pace = paceFor(action, settings.requestsPerSecond ?? rules.defaultRequestsPerSecond);
    return withRetries(rules, settings, action, (e) => rules.isThrottled(e) || rules.isNotSent(e) || (retryTransient && rules.isTransient(e)), async ({ signal }) => {
        await pace.limiter.removeTokens(1);
        // Stacks deployed side by side share the account's rate: the turn comes from their runner.
        await leaseTurn(action, signal);
        const sentAt = Date.now();
        stats.calls++;
        try {
            const result = await run(signal);
            speedUp(pace);
            return result;
        } catch (e) {
            if (rules.isThrottled(rules.from(action, e))) {
                stats.throttled++;
                slowDown(pace, sentAt);
            }
            throw e;
        }
    });
}
