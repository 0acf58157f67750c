// Tencent CCC as the core sees it: TC3 wire, the auto-callout handlers and model, and the answers
// Tencent does not document, behind the core's Service interface.
import type { Service } from "../core/service";
import { type Answers, answerFor, parseAnswers } from "./answers";
import { ApiError, apiErrors } from "./errors";
import { handle, isAction, writes } from "./handlers";
import type { Model } from "./model";
import { type Credential, envelope, type Params, parseParams, VERSION, verify } from "./wire";

export interface CccService extends Service<Params> {
    setAnswers(a: unknown): void;
    answers(): Answers;
}

export function cccService(model: Model, credentials: Credential[]): CccService {
    let answers: Answers = {};
    const reply = (requestId: string, result: unknown, status = 200) => ({
        status,
        headers: { "Content-Type": "application/json", "X-TC-RequestId": requestId },
        body: envelope(requestId, result as Record<string, unknown> | ApiError),
    });
    return {
        name: "ccc",
        // The default vendor: whatever no other vendor claims (the host ccc.localhost, or a bare address).
        claims: () => true,
        actionOf: (req) => String(req.headers["x-tc-action"] ?? ""),
        read(req) {
            const read = parseParams(req);
            return { params: read, logged: read.params };
        },
        verify: (req, wallNow) => verify(req, credentials, wallNow).secretId,
        version(req) {
            const version = String(req.headers["x-tc-version"] ?? "");
            if (version !== VERSION) throw apiErrors.noSuchVersion(version);
        },
        isAction,
        writes: (action) => writes(action as Parameters<typeof writes>[0]),
        handle: (action, read, listing) => handle(model, listing, action as Parameters<typeof writes>[0], read.params, read.fromQuery),
        answer: (refusal) => (refusal instanceof ApiError ? answerFor(answers, refusal) : refusal),
        errors: {
            invalidAction: apiErrors.invalidAction,
            throttled: apiErrors.requestLimitExceeded,
            unavailable: apiErrors.serviceUnavailable,
            internal: apiErrors.internalError,
        },
        reply: (requestId, result) => reply(requestId, result),
        notServed: (requestId) => reply(requestId, new ApiError("InvalidAction", "Only POST / and GET /?… are served."), 404),
        setAnswers(a) {
            answers = parseAnswers(a);
        },
        answers: () => structuredClone(answers),
    };
}
