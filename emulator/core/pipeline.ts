// The API request pipeline, one named step per stage, the vendor's own parts plugged in:
//   (read) → verify → version → action → rate limit → fault → handle → persist → reply.
// Reading the parameters comes first only so that the log shows them for refused requests too; a
// malformed request is refused at the handle step, after the checks that come before it at the service.
// No sockets here: it takes the parts of a request it needs and says what the server should do.
import { randomUUID } from "crypto";
import type { FaultKind, Faults } from "./faults";
import type { RateLimit } from "./rate-limit";
import { type Outcome, type Service, ServiceError, type WireRequest } from "./service";

export interface RequestLogEntry<Id = number | string> {
    seq: number;
    /** Wall time, ms. */
    at: number;
    /** Model time, s. */
    clock: number;
    action: string;
    params: any;
    /** "ok", an error Code, or "fault:<kind>" for an injected fault. */
    outcome: string;
    requestId: string;
    secretId?: string;
    taskId?: Id;
}

export interface PipelineParts<P> {
    service: Service<P>;
    faults: Faults;
    rateLimit: RateLimit;
    /** Appended to, never replaced. */
    log: RequestLogEntry[];
    /** Model time, after bringing the clock up to date. */
    now(): number;
    persist(): void;
}

/** What a gateway in front of the service answers: plain HTTP, an HTML page, no RequestId. */
function gatewayPage(status: 502 | 504): Outcome {
    const title = status === 502 ? "502 Bad Gateway" : "504 Gateway Time-out";
    return { kind: "reply", status, headers: { "Content-Type": "text/html" }, body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n` };
}

/** Each fault's entry in the request log, and what it answers in place of the action (the *AfterCommit ones act first). */
const FAULTS: Record<FaultKind, { outcome: string; instead?: (service: Service<unknown>) => Outcome | ServiceError }> = {
    connectionReset: { outcome: "fault:reset", instead: () => ({ kind: "destroy", afterMs: 0 }) },
    badGateway: { outcome: "fault:502", instead: () => gatewayPage(502) },
    gatewayTimeout: { outcome: "fault:504", instead: () => gatewayPage(504) },
    serviceUnavailable: { outcome: "fault:unavailable", instead: (s) => s.errors.unavailable() },
    internalError: { outcome: "fault:internal", instead: (s) => s.errors.internal() },
    dropAfterCommit: { outcome: "fault:drop" },
    internalErrorAfterCommit: { outcome: "fault:internal-after-commit" },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createPipeline<P>(p: PipelineParts<P>): (req: WireRequest) => Promise<Outcome> {
    const { service } = p;
    const listing = {
        listable: (taskId: number | string) => p.faults.listable(taskId, Date.now()),
        created: (taskId: number | string) => p.faults.created(taskId, Date.now()),
        listed: () => p.faults.listed(),
    };

    const steps = {
        read(req: WireRequest, entry: RequestLogEntry): { params: P } | ServiceError {
            try {
                const read = service.read(req);
                entry.params = read.logged;
                return read;
            } catch (e) {
                if (e instanceof ServiceError) return e;
                throw e;
            }
        },
        verify(req: WireRequest, entry: RequestLogEntry): void {
            entry.secretId = service.verify(req, Math.floor(Date.now() / 1000));
        },
        version: (req: WireRequest) => service.version(req),
        action(entry: RequestLogEntry): string {
            if (!service.isAction(entry.action)) throw service.errors.invalidAction(entry.action);
            return entry.action;
        },
        rateLimit(action: string): void {
            const over = p.rateLimit.admit(action, Date.now());
            if (over) throw service.errors.throttled(over.count, over.limit);
        },
        /** Drawn only for requests that got this far, so a refused request never uses up a fault. */
        fault: (action: string): FaultKind | undefined => p.faults.draw(action),
        handle(read: { params: P } | ServiceError, action: string, entry: RequestLogEntry) {
            if (read instanceof ServiceError) throw read;
            entry.clock = p.now();
            const handled = service.handle(action, read.params, listing);
            entry.taskId = handled.taskId;
            return handled;
        },
        persist(action: string): void {
            if (service.writes(action)) p.persist();
        },
        /** Every answer waits the injected latency first. */
        async deliver(outcome: Outcome): Promise<Outcome> {
            const latency = p.faults.latencyMs();
            if (latency) await sleep(latency);
            return outcome;
        },
        reply(entry: RequestLogEntry, result: unknown): Promise<Outcome> {
            if (result instanceof ServiceError && entry.outcome === "ok") entry.outcome = result.code;
            return steps.deliver({ kind: "reply", ...service.reply(entry.requestId, result) });
        },
    };

    return async (req) => {
        const entry: RequestLogEntry = { seq: p.log.length + 1, at: Date.now(), clock: p.now(), action: service.actionOf(req), params: undefined, outcome: "ok", requestId: randomUUID() };
        p.log.push(entry);
        try {
            const read = steps.read(req, entry);
            steps.verify(req, entry);
            steps.version(req);
            const action = steps.action(entry);
            steps.rateLimit(action);
            const fault = steps.fault(action);
            if (fault) entry.outcome = FAULTS[fault].outcome;
            const instead = fault && FAULTS[fault].instead?.(service as Service<unknown>);
            if (instead instanceof ServiceError) return steps.reply(entry, instead);
            if (instead) return instead.kind === "reply" ? steps.deliver(instead) : instead;
            const handled = steps.handle(read, action, entry);
            steps.persist(action);
            if (fault === "dropAfterCommit") return { kind: "destroy", afterMs: p.faults.hangMs() };
            if (fault === "internalErrorAfterCommit") return steps.reply(entry, service.errors.internal());
            return steps.reply(entry, handled.response);
        } catch (e) {
            if (!(e instanceof ServiceError)) {
                entry.outcome = "InternalError";
                return steps.reply(entry, service.errors.internal());
            }
            const answer = service.answer(e);
            return steps.reply(entry, answer === "ok" ? {} : answer);
        }
    };
}
