// The narrow client the CalloutTask provider talks through: one method per CCC action it uses,
// built by a factory inside the provider's methods (the provider is closure-serialized, so no live
// client, agent or credential may be captured at module level).
import * as http from "http";
import * as dns from "dns";
import { Client as SdkClient } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import { processSingleton } from "../shared/process";
import { type ErrorRules, pacedCall, type RetrySettings, withRetries as sharedWithRetries } from "../shared/retries";
import { DEFAULT_REQUESTS_PER_SECOND, SETTING_SOURCES } from "./settings";

export { clientProcessState, type RetrySettings } from "../shared/retries";

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
    /** Requests per second per action, shared by every task in the process (default 20, the documented limit); slowed down while throttled. */
    requestsPerSecond?: number;
    /** After a create whose answer was lost, how long to keep looking for the task in the listing before creating again (default 30). */
    createSettleSeconds?: number;
}

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
                // One per process, so that connections are kept alive across provider calls (each makes
                // its own client); remote endpoints use Node's global agent, which keeps them alive too.
                agent: endpoint.loopback ? processSingleton("loopbackAgent", () => new http.Agent({ keepAlive: true, lookup: loopbackLookup as any })) : undefined,
            },
        },
    });
}

// Error predicates, in one place. CCC documents its codes per action but not which code or message a
// missing task or a wrong-state request gets, so none of these reads message text.

/** Throttling: the request was refused before anything happened, so it is always safe to repeat. */
export const isThrottled = (e: CccApiError): boolean => e.code === "RequestLimitExceeded" || e.code.startsWith("RequestLimitExceeded.");

/**
 * A request that never left: the connection was refused or the host did not resolve, so the service
 * cannot have acted and repeating it is always safe. The SDK keeps only the message of the network error
 * (abstract_client.js rethrows `error.message` alone), which carries Node's system error code.
 */
const NOT_SENT = /\b(?:connect (?:ECONNREFUSED|EHOSTUNREACH|ENETUNREACH)|getaddrinfo (?:ENOTFOUND|EAI_AGAIN))\b/;
export const isNotSent = (e: CccApiError): boolean => e.code === "" && NOT_SENT.test(e.apiMessage);

/**
 * Failures after which the service may or may not have acted: its answer was lost (a reset, a hang-up,
 * a timeout or a gateway's page after the request went out: no code), or it answered that it failed
 * (`InternalError*`, `ServiceUnavailable*`, `RequestTimeout`). Nothing documents that such an answer means
 * nothing was done, so repeating a create after one of these can duplicate it.
 */
export const isAmbiguous = (e: CccApiError): boolean =>
    (e.code === "" && !isNotSent(e)) || e.code === "RequestTimeout" || e.code.startsWith("InternalError") || e.code.startsWith("ServiceUnavailable");

/** Failures worth trying again: the ambiguous ones, and a request that never left. */
export const isTransient = (e: CccApiError): boolean => isAmbiguous(e) || isNotSent(e);

/** The credentials or their permissions: nothing about the task can be learnt from it. */
export const isAuthFailure = (e: CccApiError): boolean => e.code.startsWith("AuthFailure") || e.code.startsWith("UnauthorizedOperation");

/**
 * A definite refusal about this request (not throttling, not a transient failure, not credentials):
 * a missing task, a task in the wrong state, or a bad parameter. Which one is not documented, so the
 * caller finds out by looking at the task (its state, or its presence in the listing).
 */
export const isRefusal = (e: CccApiError): boolean => !isThrottled(e) && !isTransient(e) && !isAuthFailure(e);

function toApiError(action: string, e: any): CccApiError {
    if (isCccApiError(e)) return e;
    return cccApiError(action, e?.code ?? "", e?.message ?? String(e), e?.requestId ?? "");
}

/** CCC's errors as the shared pacing and retries read them. */
export const cccErrorRules: ErrorRules<CccApiError> = {
    is: isCccApiError,
    from: toApiError,
    make: cccApiError,
    isThrottled,
    isNotSent,
    isTransient,
    defaultRequestsPerSecond: DEFAULT_REQUESTS_PER_SECOND,
    names: { maxAttempts: SETTING_SOURCES.maxAttempts.config, retryMaxSeconds: SETTING_SOURCES.retryMaxSeconds.config, requestsPerSecond: SETTING_SOURCES.requestsPerSecond.config },
};

/** The shared retries (provider/shared/retries.ts) with CCC's reading of its errors. */
export const withRetries = <T>(settings: ClientSettings, action: string, retryable: (e: CccApiError) => boolean, attempt: (context: { signal: AbortSignal; attempt: number }) => Promise<T>): Promise<T> =>
    sharedWithRetries(cccErrorRules, settings, action, retryable, attempt);

/** Builds the narrow client over the SDK. Create repeats by itself only what cannot have committed: the provider decides the rest. */
export function createCccApi(settings: ClientSettings): CccApi {
    const sdk = createSdkClient(settings);
    const action =
        <Req, Res>(name: string, retryTransient: boolean) =>
        (req: Req): Promise<Res> =>
            pacedCall(cccErrorRules, settings, name, retryTransient, (signal) => sdk.request(name, req, { signal }) as Promise<Res>);
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
