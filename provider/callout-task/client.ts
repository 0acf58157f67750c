// The narrow client the CalloutTask provider talks through: one method per CCC action it uses,
// built by a factory inside the provider's methods (the provider is closure-serialized, so no live
// client, agent or credential may be captured at module level).
import * as http from "http";
import * as dns from "dns";
import { ExponentialBackoff, handleWhen, retry, TimeoutStrategy, timeout, wrap } from "cockatiel";
import { RateLimiter } from "limiter";
import { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";

export const DEFAULT_ENDPOINT = "https://ccc.tencentcloudapi.com";

export interface Credentials {
    secretId: string;
    secretKey: string;
    securityToken?: string;
}

export interface ClientSettings {
    credentials: Credentials;
    region?: string;
    /** `https://ccc.tencentcloudapi.com` (default), `ccc.intl.tencentcloudapi.com`, or `http://ccc.localhost:PORT` for a local emulator. */
    endpoint?: string;
    /** Seconds before one HTTP request is abandoned (default 30). */
    timeoutSeconds?: number;
    retry?: RetrySettings;
    /** Requests per second per action, shared by every task in the process (default 20, the documented limit). */
    requestsPerSecond?: number;
}

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

/** An error the CCC API (or the network on the way to it) returned, with everything needed to report it. */
export interface CccApiError extends Error {
    readonly name: "CccApiError";
    readonly action: string;
    /** The API's error code; empty for a network failure. */
    readonly code: string;
    readonly apiMessage: string;
    readonly requestId: string;
}

// A plain Error with fields rather than a subclass: the provider is closure-serialized, and a
// serialized subclass of Error loses its message and stack.
export function cccApiError(action: string, code: string, apiMessage: string, requestId: string, note = ""): CccApiError {
    const message = `${action} failed: ${code || "NetworkError"}: ${apiMessage}${note ? ` (${note})` : ""}${requestId ? ` (RequestId ${requestId})` : ""}`;
    return Object.assign(new Error(message), { name: "CccApiError" as const, action, code, apiMessage, requestId });
}

export const isCccApiError = (e: unknown): e is CccApiError => e instanceof Error && e.name === "CccApiError";

export interface CccApi {
    readonly settings: ClientSettings;
    createTask(req: models.CreateAutoCalloutTaskRequest): Promise<models.CreateAutoCalloutTaskResponse>;
    describeTask(req: models.DescribeAutoCalloutTaskRequest): Promise<models.DescribeAutoCalloutTaskResponse>;
    listTasks(req: models.DescribeAutoCalloutTasksRequest): Promise<models.DescribeAutoCalloutTasksResponse>;
    pauseTask(req: models.PauseAutoCalloutTaskRequest): Promise<models.PauseAutoCalloutTaskResponse>;
    resumeTask(req: models.ResumeAutoCalloutTaskRequest): Promise<models.ResumeAutoCalloutTaskResponse>;
    stopTask(req: models.StopAutoCalloutTaskRequest): Promise<models.StopAutoCalloutTaskResponse>;
}

export interface ParsedEndpoint {
    protocol: "http://" | "https://";
    /** host[:port], as the SDK wants it */
    host: string;
    hostname: string;
    loopback: boolean;
}

/** RFC 6761: `localhost` and every name under `.localhost` are loopback; so are 127/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
    const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "::1";
}

/**
 * Parses the endpoint setting. The SDK signs with the first label of the host as the service name,
 * so the host must start with `ccc.`; plain HTTP is allowed only to loopback hosts.
 */
export function parseEndpoint(endpoint: string = DEFAULT_ENDPOINT): ParsedEndpoint {
    const withScheme = /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new Error(`endpoint: "${endpoint}" is not a valid URL or host name`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new Error(`endpoint: protocol must be https (or http to a loopback host), got ${url.protocol}`);
    }
    if (url.pathname !== "/" || url.search || url.username || url.password) {
        throw new Error(`endpoint: must be a bare host such as ${DEFAULT_ENDPOINT}, without path, query or user info`);
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol === "http:" && !loopback) {
        throw new Error(`endpoint: plain http is allowed only to a loopback host (localhost, *.localhost, 127.0.0.0/8); use https for ${url.hostname}`);
    }
    if (url.hostname.split(".")[0] !== "ccc") {
        throw new Error(
            `endpoint: host must start with "ccc." (the Tencent SDK signs requests with the first label of the host as the service name), got ${url.hostname}; for a local emulator use http://ccc.localhost:PORT`,
        );
    }
    return { protocol: url.protocol === "http:" ? "http://" : "https://", host: url.host, hostname: url.hostname, loopback };
}

/** Resolves `*.localhost` to the loopback address without asking DNS (most resolvers do not, although RFC 6761 says they should). */
function loopbackLookup(hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void): void {
    if (isLoopbackHost(hostname) && !/^[\d.:[\]]+$/.test(hostname)) {
        if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
        else callback(null, "127.0.0.1", 4);
        return;
    }
    dns.lookup(hostname, options, callback);
}

/** The official SDK client, pointed at the configured endpoint. */
export function createSdkClient(settings: ClientSettings): SdkClient {
    const endpoint = parseEndpoint(settings.endpoint);
    return new SdkClient({
        credential: {
            secretId: settings.credentials.secretId,
            secretKey: settings.credentials.secretKey,
            token: settings.credentials.securityToken,
        },
        region: settings.region ?? "",
        profile: {
            httpProfile: {
                protocol: endpoint.protocol,
                endpoint: endpoint.host,
                reqTimeout: settings.timeoutSeconds ?? 30,
                // An explicit agent also stops the SDK from honouring a stray `http_proxy` for loopback traffic.
                agent: endpoint.loopback ? new http.Agent({ keepAlive: true, lookup: loopbackLookup as any }) : undefined,
            },
        },
    });
}

/** Throttling: the request was refused before anything happened, so it is always safe to repeat. */
export const isThrottled = (e: CccApiError): boolean => e.code === "RequestLimitExceeded" || e.code.startsWith("RequestLimitExceeded.");

/**
 * Failures after which the service may or may not have acted: a network error (no code), a timeout,
 * an internal error or an unavailable service. Repeating a create after one of these can duplicate it.
 */
export const isAmbiguous = (e: CccApiError): boolean =>
    e.code === "" || e.code.startsWith("InternalError") || e.code.startsWith("ServiceUnavailable") || e.code === "RequestTimeout";

// Per-process state shared by every task the provider handles: one limiter per action, retry counts.
const PROCESS_KEY = "__pulumiTencentCloudCccClient";
interface ClientProcessState {
    limiters: Map<string, RateLimiter>;
    stats: { calls: number; retries: number; throttled: number };
}
export function clientProcessState(): ClientProcessState {
    const g = globalThis as Record<string, any>;
    if (!g[PROCESS_KEY]) g[PROCESS_KEY] = { limiters: new Map(), stats: { calls: 0, retries: 0, throttled: 0 } };
    return g[PROCESS_KEY];
}

function limiterFor(action: string, perSecond: number): RateLimiter {
    const { limiters } = clientProcessState();
    const key = `${action}@${perSecond}`;
    let l = limiters.get(key);
    if (!l) {
        // One request every 1000/perSecond ms: a fixed-window bucket would let 2× through across a window edge.
        l = new RateLimiter({ tokensPerInterval: 1, interval: Math.ceil(1000 / perSecond) });
        limiters.set(key, l);
    }
    return l;
}

function toApiError(action: string, e: any): CccApiError {
    if (isCccApiError(e)) return e;
    return cccApiError(action, e?.code ?? "", e?.message ?? String(e), e?.requestId ?? "");
}

/**
 * Runs `attempt` until it succeeds, retrying the CccApiErrors `retryable` accepts with exponential
 * backoff and jitter, bounded by the settings' attempts and total time. The final error is the last
 * CccApiError, saying how long and how often it was tried.
 */
export async function withRetries<T>(
    settings: ClientSettings,
    action: string,
    retryable: (e: CccApiError) => boolean,
    attempt: (context: { signal: AbortSignal; attempt: number }) => Promise<T>,
): Promise<T> {
    const r = settings.retry ?? DEFAULT_RETRY;
    const stats = clientProcessState().stats;
    const started = Date.now();
    let last: CccApiError | undefined;
    let attempts = 0;
    const retryPolicy = retry(
        handleWhen((e) => isCccApiError(e) && retryable(e)),
        { maxAttempts: r.maxAttempts - 1, backoff: new ExponentialBackoff({ initialDelay: r.initialDelayMs, maxDelay: r.maxDelayMs }) },
    );
    retryPolicy.onRetry(() => stats.retries++);
    const policy = wrap(timeout(r.maxSeconds * 1000, TimeoutStrategy.Aggressive), retryPolicy);
    try {
        return await policy.execute(async ({ signal, attempt: n }) => {
            attempts++;
            try {
                return await attempt({ signal, attempt: n });
            } catch (e) {
                last = toApiError(action, e);
                throw last;
            }
        });
    } catch (e) {
        if (attempts <= 1 && isCccApiError(e)) throw e;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const base = last ?? cccApiError(action, "RequestTimeout", "no answer", "");
        throw cccApiError(base.action, base.code, base.apiMessage, base.requestId, `gave up after ${attempts} attempts in ${seconds}s; bounds: ${r.maxAttempts} attempts, ${r.maxSeconds}s`);
    }
}

/** Calls one action through the shared rate limiter; throttling is always retried, ambiguous failures only when `retryAmbiguous`. */
function call<T>(settings: ClientSettings, action: string, retryAmbiguous: boolean, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const stats = clientProcessState().stats;
    const limiter = limiterFor(action, settings.requestsPerSecond ?? 20);
    return withRetries(settings, action, (e) => isThrottled(e) || (retryAmbiguous && isAmbiguous(e)), async ({ signal }) => {
        await limiter.removeTokens(1);
        stats.calls++;
        try {
            return await run(signal);
        } catch (e) {
            if (isThrottled(toApiError(action, e))) stats.throttled++;
            throw e;
        }
    });
}

/** Builds the narrow client over the SDK. Create never repeats an ambiguous failure by itself: the provider decides. */
export function createCccApi(settings: ClientSettings): CccApi {
    const sdk = createSdkClient(settings);
    const action =
        <Req, Res>(name: string, retryAmbiguous: boolean) =>
        (req: Req): Promise<Res> =>
            call(settings, name, retryAmbiguous, (signal) => sdk.request(name, req, { signal }) as Promise<Res>);
    return {
        settings,
        createTask: action("CreateAutoCalloutTask", false),
        describeTask: action("DescribeAutoCalloutTask", true),
        listTasks: action("DescribeAutoCalloutTasks", true),
        pauseTask: action("PauseAutoCalloutTask", true),
        resumeTask: action("ResumeAutoCalloutTask", true),
        stopTask: action("StopAutoCalloutTask", true),
    };
}
