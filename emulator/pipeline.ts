// The API request pipeline, one named step per stage:
//   (read) → verify → version → action → rate limit → fault → handle → persist → reply.
// Reading the parameters comes first only so that the log shows them for refused requests too; a
// malformed body is refused at the handle step, after the checks that come before it at the service.
// No sockets here: it takes the parts of a request it needs and says what the server should do.
import { randomUUID } from "crypto";
import { type Answers, answerFor } from "./answers";
import { ApiError, apiErrors } from "./errors";
import type { FaultKind, Faults } from "./faults";
import { type Action, type Handled, handle, isAction, writes } from "./handlers";
import type { Model } from "./model";
import type { RateLimit } from "./rate-limit";
import type { RequestLogEntry } from "./types";
import { type Credential, envelope, type Params, parseParams, VERSION, verify, type WireRequest } from "./wire";

export type Outcome =
    | { kind: "reply"; status: number; headers: Record<string, string>; body: string }
    /** Close the connection without an answer, after `afterMs`. */
    | { kind: "destroy"; afterMs: number };

export interface PipelineParts {
    credentials: Credential[];
    model: Model;
    faults: Faults;
    rateLimit: RateLimit;
    answers(): Answers;
    /** Appended to, never replaced. */
    log: RequestLogEntry[];
    /** Brings the model clock up to date before a request is served. */
    tick(): void;
    persist(): void;
}

/** What a gateway in front of the service answers: plain HTTP, an HTML page, no RequestId. */
function gatewayPage(status: 502 | 504): Outcome {
    const title = status === 502 ? "502 Bad Gateway" : "504 Gateway Time-out";
    return { kind: "reply", status, headers: { "Content-Type": "text/html" }, body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n` };
}

/** Each fault's entry in the request log, and what it answers in place of the action (dropAfterCommit acts first). */
const FAULTS: Record<FaultKind, { outcome: string; instead?: () => Outcome | ApiError }> = {
    connectionReset: { outcome: "fault:reset", instead: () => ({ kind: "destroy", afterMs: 0 }) },
    badGateway: { outcome: "fault:502", instead: () => gatewayPage(502) },
    gatewayTimeout: { outcome: "fault:504", instead: () => gatewayPage(504) },
    serviceUnavailable: { outcome: "fault:unavailable", instead: apiErrors.serviceUnavailable },
    internalError: { outcome: "fault:internal", instead: apiErrors.internalError },
    dropAfterCommit: { outcome: "fault:drop" },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPipeline(p: PipelineParts): (req: WireRequest) => Promise<Outcome> {
    const listing = {
        listable: (taskId: number) => p.faults.listable(taskId, Date.now()),
        created: (taskId: number) => p.faults.created(taskId, Date.now()),
        listed: () => p.faults.listed(),
    };

    const steps = {
        read(req: WireRequest, entry: RequestLogEntry): Params | ApiError {
            try {
                const read = parseParams(req);
                entry.params = read.params;
                return read;
            } catch (e) {
                if (e instanceof ApiError) return e;
                throw e;
            }
        },
        verify(req: WireRequest, entry: RequestLogEntry): void {
            entry.secretId = verify(req, p.credentials, Math.floor(Date.now() / 1000)).secretId;
        },
        version(req: WireRequest): void {
            const version = String(req.headers["x-tc-version"] ?? "");
            if (version !== VERSION) throw apiErrors.noSuchVersion(version);
        },
        action(entry: RequestLogEntry): Action {
            if (!isAction(entry.action)) throw apiErrors.invalidAction(entry.action);
            return entry.action;
        },
        rateLimit(action: Action): void {
            const refused = p.rateLimit.admit(action, Date.now());
            if (refused) throw refused;
        },
        /** Drawn only for requests that got this far, so a refused request never uses up a fault. */
        fault: (action: Action): FaultKind | undefined => p.faults.draw(action),
        handle(read: Params | ApiError, action: Action, entry: RequestLogEntry): Handled {
            if (read instanceof ApiError) throw read;
            p.tick();
            entry.clock = p.model.now();
            const handled = handle(p.model, listing, action, read.params, read.fromQuery);
            entry.taskId = handled.taskId;
            return handled;
        },
        persist(action: Action): void {
            if (writes(action)) p.persist();
        },
        /** Every answer waits the injected latency first. */
        async deliver(outcome: Outcome): Promise<Outcome> {
            const latency = p.faults.latencyMs();
            if (latency) await sleep(latency);
            return outcome;
        },
        reply(entry: RequestLogEntry, result: Record<string, unknown> | ApiError): Promise<Outcome> {
            if (result instanceof ApiError && entry.outcome === "ok") entry.outcome = result.code;
            return steps.deliver({ kind: "reply", status: 200, headers: { "Content-Type": "application/json", "X-TC-RequestId": entry.requestId }, body: envelope(entry.requestId, result) });
        },
    };

    return async (req) => {
        const entry: RequestLogEntry = { seq: p.log.length + 1, at: Date.now(), clock: p.model.now(), action: String(req.headers["x-tc-action"] ?? ""), params: undefined, outcome: "ok", requestId: randomUUID() };
        p.log.push(entry);
        try {
            const read = steps.read(req, entry);
            steps.verify(req, entry);
            steps.version(req);
            const action = steps.action(entry);
            steps.rateLimit(action);
            const fault = steps.fault(action);
            if (fault) entry.outcome = FAULTS[fault].outcome;
            const instead = fault && FAULTS[fault].instead?.();
            if (instead instanceof ApiError) return steps.reply(entry, instead);
            if (instead) return instead.kind === "reply" ? steps.deliver(instead) : instead;
            const handled = steps.handle(read, action, entry);
            steps.persist(action);
            if (fault === "dropAfterCommit") return { kind: "destroy", afterMs: p.faults.hangMs() };
            return steps.reply(entry, handled.response);
        } catch (e) {
            if (!(e instanceof ApiError)) {
                entry.outcome = "InternalError";
                return steps.reply(entry, apiErrors.internalError());
            }
            const answer = answerFor(p.answers(), e);
            return steps.reply(entry, answer === "ok" ? {} : answer);
        }
    };
}
