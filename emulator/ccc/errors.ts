// Typed API errors: each becomes {"Response": {"Error": {"Code", "Message"}, "RequestId"}} on the wire.
import { ServiceError } from "../core/service";

/** Refusals whose code and message Tencent does not document; the control plane can change them (answers.ts). */
export type Undocumented = "notFound" | "wrongState";

export class ApiError extends ServiceError {
    constructor(
        code: string,
        message: string,
        readonly undocumented?: Undocumented,
    ) {
        super(code, message);
        this.name = "ApiError";
    }
}

export const apiErrors = {
    invalidAuthorization: (why: string) => new ApiError("AuthFailure.InvalidAuthorization", `Authorization header is invalid: ${why}.`),
    secretIdNotFound: () => new ApiError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct."),
    signatureExpire: (ts: number, now: number) =>
        new ApiError("AuthFailure.SignatureExpire", `Signature expired. Timestamp:${ts}, server current timestamp:${now}, the gap is more than 300 seconds.`),
    signatureFailure: (why: string) => new ApiError("AuthFailure.SignatureFailure", `The provided credentials could not be validated: ${why}.`),
    tokenFailure: () => new ApiError("AuthFailure.TokenFailure", "The provided token is invalid."),
    invalidAction: (action: string) => new ApiError("InvalidAction", `The action \`${action}\` is not found in version 2020-02-10 of service ccc.`),
    noSuchVersion: (version: string) => new ApiError("NoSuchVersion", `The version \`${version}\` of service ccc is not supported.`),
    missingParameter: (name: string) => new ApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`),
    unknownParameter: (name: string) => new ApiError("UnknownParameter", `The parameter \`${name}\` is not recognized.`),
    invalidParameter: (name: string, expected: string) => new ApiError("InvalidParameter", `The value type of parameter \`${name}\` is not valid: expected ${expected}.`),
    malformedBody: (why: string) => new ApiError("InvalidParameter", `The request body ${why}.`),
    invalidParameterValue: (message: string) => new ApiError("InvalidParameterValue", message),
    taskNotFound: (taskId: number, sdkAppId: number) => new ApiError("InvalidParameterValue", `TaskId ${taskId} not found in SdkAppId ${sdkAppId}.`, "notFound"),
    wrongState: (message: string) => new ApiError("UnsupportedOperation", message, "wrongState"),
    campaignNotFound: (campaignId: number, sdkAppId: number) => new ApiError("InvalidParameterValue", `CampaignId ${campaignId} not found in SdkAppId ${sdkAppId}.`, "notFound"),
    /** Pause, Resume, Abort and Delete list no UnsupportedOperation: InvalidParameterValue is the code their pages allow. */
    campaignWrongState: (message: string) => new ApiError("InvalidParameterValue", message, "wrongState"),
    outOfCountLimit: (limit: number) => new ApiError("LimitExceeded.OutOfCountLimit", `The app already holds ${limit} unfinished campaigns, the most it may.`),
    requestLimitExceeded: (count: number, limit: number) =>
        new ApiError(
            "RequestLimitExceeded",
            `Your current request times equals to \`${count}\` in a second, which exceeds the frequency limit \`${limit}\` for a second. Please reduce the frequency of calls.`,
        ),
    serviceUnavailable: () => new ApiError("ServiceUnavailable", "Service is unavailable now, please try again later."),
    internalError: () => new ApiError("InternalError", "An internal error has occurred. Retry your request, but if the problem persists, contact us."),
};
