// AICCS refusals. Gateway refusals (signature, action, version, parameter shape, throttling, faults)
// are Alibaba's common error codes with their HTTP status: the SDK raises ClientError on 4xx,
// ServerError on 5xx and ThrottlingError when the code names throttling. Business refusals (a value
// out of range, an unknown task, a wrong state, a taken name) are undocumented in code and delivery:
// they come as `business` errors, which answers.ts may reword or move to HTTP 400.
import { ServiceError } from "../core/service";

/** Business refusals whose code, message and HTTP status Alibaba does not document (answers.ts). */
export type Business = "invalidValue" | "notFound" | "wrongState" | "duplicateName";

export class AcsError extends ServiceError {
    constructor(
        code: string,
        message: string,
        /** The HTTP status of a gateway refusal; a business refusal's comes from the answers. */
        readonly status: number,
        readonly business?: Business,
    ) {
        super(code, message);
        this.name = "AcsError";
    }
}

const gateway = (status: number) => (code: string, message: string) => new AcsError(code, message, status);
const badRequest = gateway(400);
const business = (kind: Business, code: string) => (message: string) => new AcsError(code, message, 200, kind);

export const acsErrors = {
    incompleteSignature: (why: string) => badRequest("IncompleteSignature", `The request signature does not conform to Alibaba Cloud standards: ${why}.`),
    accessKeyNotFound: () => gateway(404)("InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    signatureMismatch: (why: string) => badRequest("SignatureDoesNotMatch", `Specified signature does not match our calculation: ${why}.`),
    timestampExpired: (date: string) => badRequest("InvalidTimeStamp.Expired", `Specified time stamp or date value is expired: ${date}.`),
    nonceUsed: () => badRequest("SignatureNonceUsed", "Specified signature nonce was used already."),
    securityTokenInvalid: () => badRequest("InvalidSecurityToken.Mismatch", "Specified SecurityToken does not match the AccessKey."),
    invalidAction: (action: string) => gateway(404)("InvalidAction.NotFound", `Specified api is not found, please check your url and method: ${action || "(no x-acs-action)"}.`),
    invalidVersion: (version: string) => badRequest("InvalidVersion", `Specified parameter Version is not valid: ${version || "(no x-acs-version)"}.`),
    missingParameter: (name: string) => badRequest("MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`),
    invalidParameter: (name: string, why: string) => badRequest("InvalidParameter", `The specified parameter "${name}" is not valid: ${why}.`),
    throttled: () => badRequest("Throttling.User", "Request was denied due to user flow control."),
    internalError: () => gateway(500)("InternalError", "The request processing has failed due to some unknown error, exception or failure."),
    serviceUnavailable: () => gateway(503)("ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
    invalidValue: business("invalidValue", "InvalidParameter"),
    taskNotFound: (taskId: string) => business("notFound", "Task.NotFound")(`Task ${taskId} does not exist.`),
    wrongState: business("wrongState", "Task.StatusError"),
    duplicateName: (name: string) => business("duplicateName", "Task.NameDuplicate")(`A task named "${name}" already exists in this account.`),
};
