// The narrow client the AiCallTask provider talks through: Alibaba's SDK runtime (@alicloud/openapi-core)
// with its generic `callApi` per action, as the product client (@alicloud/aiccs20191015, not served by
// this registry) calls it: RPC, parameters in the query, PhoneNumberList in the form body, ACS3 signature.
// Answers are read as text and parsed here, keeping every 64-bit id as a string: the SDK's own parse
// is JSON.parse, which corrupts ids above 2^53.
import Credential, { Config as CredentialConfig } from "@alicloud/credentials";
import Client, { $OpenApiUtil, OpenApiUtil } from "@alicloud/openapi-core";
import { RuntimeOptions } from "@darabonba/typescript";
import { type ApiError, type ErrorRules, pacedCall } from "../shared/retries";
import { type AiccsSettings, DEFAULT_REQUESTS_PER_SECOND, SETTING_SOURCES } from "./settings";

const VERSION = "2019-10-15";
const lossless: { parse(text: string): any } = require("json-bigint")({ storeAsString: true });

export interface AiccsApiError extends ApiError {
    readonly name: "AiccsApiError";
}

// A plain Error with fields: the provider is closure-serialized, and a serialized subclass loses its message.
export function aiccsApiError(action: string, code: string, apiMessage: string, requestId: string, note = ""): AiccsApiError {
    const message = `${action} failed: ${code || "NetworkError"}: ${apiMessage}${note ? ` (${note})` : ""}${requestId ? ` (RequestId ${requestId})` : ""}`;
    return Object.assign(new Error(message), { name: "AiccsApiError" as const, action, code, apiMessage, requestId });
}

export const isAiccsApiError = (e: unknown): e is AiccsApiError => e instanceof Error && e.name === "AiccsApiError";

/** The SDK's errors (ClientError, ServerError, ThrottlingError carry `code`, `data`, `requestId`); anything else is the network's. */
function fromSdk(action: string, e: any): AiccsApiError {
    if (isAiccsApiError(e)) return e;
    if (e && typeof e.statusCode === "number" && typeof e.code === "string" && e.code && e.code !== "undefined") {
        return aiccsApiError(action, e.code, String(e.data?.Message ?? e.data?.message ?? e.message), String(e.requestId ?? ""));
    }
    return aiccsApiError(action, "", [e?.code, e?.message ?? String(e)].filter(Boolean).join(" "), "");
}

// Error predicates. Alibaba documents its common codes (Throttling*, InternalError, ServiceUnavailable)
// but not the codes of business refusals (a missing task, a wrong state): none of these reads them.
export const isThrottled = (e: AiccsApiError): boolean => e.code.startsWith("Throttling");
/** The connection was refused or the host did not resolve: the service cannot have acted. */
export const isNotSent = (e: AiccsApiError): boolean => e.code === "" && /\b(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/.test(e.apiMessage);
/**
 * The service may have acted: the answer was lost after the request went out (a reset, a timeout, a
 * gateway's page), or it answered that it failed (InternalError, ServiceUnavailable: nothing documents
 * that such an answer means nothing was done).
 */
export const isAmbiguous = (e: AiccsApiError): boolean => (e.code === "" && !isNotSent(e)) || e.code.startsWith("InternalError") || e.code.startsWith("ServiceUnavailable");
export const isTransient = (e: AiccsApiError): boolean => isAmbiguous(e) || isNotSent(e);
const isAuthFailure = (e: AiccsApiError): boolean => /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|Forbidden)/.test(e.code);
/** A definite answer about this request (a missing task, a wrong state, a bad value): which one, the caller finds out by looking. */
export const isRefusal = (e: AiccsApiError): boolean => !isThrottled(e) && !isTransient(e) && !isAuthFailure(e);

export const aiccsErrorRules: ErrorRules<AiccsApiError> = {
    is: isAiccsApiError,
    from: fromSdk,
    make: aiccsApiError,
    isThrottled,
    isNotSent,
    isTransient,
    defaultRequestsPerSecond: DEFAULT_REQUESTS_PER_SECOND,
    names: { maxAttempts: SETTING_SOURCES.maxAttempts.config, retryMaxSeconds: SETTING_SOURCES.retryMaxSeconds.config, requestsPerSecond: SETTING_SOURCES.requestsPerSecond.config },
};

export type Query = Record<string, string | number | boolean | undefined>;

export interface AiccsApi {
    readonly settings: AiccsSettings;
    /** One action; `Data` of its answer, ids as text. Only what cannot have committed is repeated unless `retryTransient`. */
    call(action: string, query: Query, body?: Record<string, string>): Promise<any>;
}

/** Actions that change nothing, or converge (the provider checks the outcome): repeated after any transient failure. */
const SAFE_TO_REPEAT = new Set(["QueryAiCallTaskDetail", "QueryAiCallTaskPage", "QueryAiCallDetailPage", "StartAiCallTask", "StopAiCallTask", "UpdateAiCallTask", "CancelAiCallDetails"]);

export function createAiccsApi(settings: AiccsSettings): AiccsApi {
    const { accessKeyId, accessKeySecret, securityToken } = settings.credentials;
    const credential = new Credential(new CredentialConfig(securityToken ? { type: "sts", accessKeyId, accessKeySecret, securityToken } : { type: "access_key", accessKeyId, accessKeySecret }));
    const timeout = settings.timeoutSeconds * 1000;
    const sdk = new Client(new $OpenApiUtil.Config({ credential, endpoint: settings.endpoint.host, protocol: settings.endpoint.protocol, readTimeout: timeout, connectTimeout: timeout }));
    return {
        settings,
        call: (action, query, body) =>
            pacedCall(aiccsErrorRules, settings, action, SAFE_TO_REPEAT.has(action), async () => {
                const params = new $OpenApiUtil.Params({ action, version: VERSION, protocol: settings.endpoint.protocol, pathname: "/", method: "POST", authType: "AK", style: "RPC", reqBodyType: "formData", bodyType: "string" });
                const defined = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
                const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(defined), body: body && OpenApiUtil.parseToMap(body) });
                // The SDK's own retries are off: the shared retries decide what may be repeated.
                const answer = await sdk.callApi(params, request, new RuntimeOptions({ autoretry: false }));
                let parsed: any;
                try {
                    parsed = lossless.parse(String(answer.body));
                } catch {
                    throw aiccsApiError(action, "", `the answer is not JSON (HTTP ${answer.statusCode})`, "");
                }
                // [I] A business refusal may come as HTTP 200 with Success false: the envelope decides, not the status.
                if (parsed.Success === false || (parsed.Code !== undefined && parsed.Code !== "OK")) throw aiccsApiError(action, String(parsed.Code ?? "Unknown"), String(parsed.Message ?? ""), String(parsed.RequestId ?? ""));
                return parsed.Data;
            }),
    };
}
