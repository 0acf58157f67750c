// CCC's errors and how every CCC kind reads them: one error shape, the rules for throttled, never
// sent, ambiguous, credentials and refusal, as the shared pacing and retries take them.
import type { ErrorRules } from "../shared/retries";
import { DEFAULT_REQUESTS_PER_SECOND, SETTING_SOURCES } from "./settings";

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

