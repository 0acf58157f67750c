// Alibaba Cloud AICCS as the core sees it: the ACS3 wire, the call-task handlers and model, and the
// answers Alibaba does not document, behind the core's Service interface.
import type { Service, WireRequest } from "../core/service";
import { type Answers, answerFor, type ImmediateStart, parseAnswers } from "./answers";
import { AcsError, acsErrors } from "./errors";
import { handle, isAction, writes } from "./handlers";
import type { Model } from "./model";
import type { Action } from "./params";
import { type AcsCredential, envelope, Nonces, parseParams, VERSION, verify } from "./wire";

export interface AiccsService extends Service<Record<string, string>> {
    setAnswers(a: unknown): void;
    answers(): Answers;
    immediateStart(): ImmediateStart;
}

/** Addressed to AICCS: the host aiccs.localhost (or any host named aiccs.…), or an ACS3-signed request. */
function claims(req: WireRequest): boolean {
    return String(req.headers.host ?? "").startsWith("aiccs.") || req.headers["x-acs-action"] !== undefined || String(req.headers.authorization ?? "").startsWith("ACS3-");
}

export function aiccsService(model: Model, credentials: AcsCredential[]): AiccsService {
    let answers: Answers = {};
    const nonces = new Nonces();
    return {
        name: "aiccs",
        claims,
        actionOf: (req) => String(req.headers["x-acs-action"] ?? ""),
        read(req) {
            const params = parseParams(req);
            return { params, logged: params };
        },
        verify: (req, wallNow) => verify(req, credentials, nonces, wallNow),
        version(req) {
            const version = String(req.headers["x-acs-version"] ?? "");
            if (version !== VERSION) throw acsErrors.invalidVersion(version);
        },
        isAction,
        writes: (action) => writes(action as Action),
        handle: (action, params, listing) => handle(model, listing, action as Action, params),
        answer: (refusal) => (refusal instanceof AcsError ? answerFor(answers, refusal) : refusal),
        errors: {
            invalidAction: acsErrors.invalidAction,
            throttled: acsErrors.throttled,
            unavailable: acsErrors.serviceUnavailable,
            internal: acsErrors.internalError,
        },
        reply: envelope,
        notServed: (requestId) => envelope(requestId, acsErrors.invalidAction("only POST / and GET /?… are served")),
        setAnswers(a) {
            answers = parseAnswers(a);
        },
        answers: () => structuredClone(answers),
        immediateStart: () => answers.immediateStart ?? "atCreate",
    };
}
