// A local emulator of the Tencent Cloud Contact Center (CCC) API, version 2020-02-10, auto callout
// tasks. The official SDK talks to it over HTTP, unpatched, at http://ccc.localhost:PORT (the SDK
// signs with the first label of the host as the service name; `*.localhost` is loopback).
//
// Known differences from the real service:
// - Only the six auto-callout actions exist; every other action is InvalidAction.
// - Task transitions are inferred from the API docs (Pause from initial/running, Resume from paused,
//   Stop from initial/running/paused; anything else UnsupportedOperation). An unknown TaskId is
//   InvalidParameterValue, as the docs list; the real message text differs.
// - Calls are simulated on the model clock, which moves only through the control plane: calls start
//   and end on minute steps, last one to three minutes, and about one in three goes unanswered, the
//   same ones every run. BusinessDay means Monday–Friday and Holiday Saturday–Sunday (the real service
//   follows the Chinese public-holiday calendar). Default time zone Asia/Shanghai, default
//   concurrency 2 (the real defaults are not documented).
// - Signature timestamps are checked against wall time (not the model clock), within 300 s.
// - The rate limit is a sliding one-second window of wall time per action over all callers; the
//   service's exact window is not documented. Rejected requests count too.
// - Describe returns only the documented fields; create-only fields (TimeZone, Tries, AIAgentId,
//   windows, variables, …) are kept and visible through the control plane.
// - DescribeAutoCalloutTasks pages with a 0-based PageNumber, oldest task first; PageSize 1–100.
// - No quotas (LimitExceeded), permissions (UnauthorizedOperation) or experience-account limits.
import * as fs from "fs";
import * as http from "http";
import { randomUUID } from "crypto";
import type { AddressInfo } from "net";
import { z } from "zod";
import { type Answers, answerFor, answersSchema } from "./answers";
import { controlRoute } from "./control";
import { ApiError, apiErrors } from "./errors";
import { type FaultConfig, Faults, RateLimit } from "./faults";
import { ACTIONS, handle } from "./handlers";
import { Model, type ModelSnapshot, type TaskRecord } from "./model";
import { type Credential, envelope, parseParams, VERSION, verify } from "./wire";

export type { Answers } from "./answers";
export type { FaultConfig, FaultRule } from "./faults";
export type { CalleeRecord, TaskRecord } from "./model";
export { TaskState, CalleeState } from "./model";

export interface EmulatorOptions {
    /** 0 (default) picks a free port. */
    port?: number;
    credentials?: Credential[];
    sdkAppIds?: number[];
    /** Per action, per second (default 20, as documented). */
    rateLimitPerSecond?: number;
    /** Model clock start, Unix seconds (default: now). */
    clockStart?: number;
    /** JSON file to load at start and save after every change. */
    statePath?: string;
}

export interface RequestLogEntry {
    seq: number;
    /** Wall time, ms. */
    at: number;
    /** Model time, s. */
    clock: number;
    action: string;
    params: any;
    /** "ok", an error Code, or "fault:reset" | "fault:internal" | "fault:drop". */
    outcome: string;
    requestId: string;
    secretId?: string;
    taskId?: number;
}

export const DEFAULT_CREDENTIALS: Credential[] = [{ secretId: "AKIDEMULATOR", secretKey: "emulator-secret-key" }];
export const DEFAULT_SDK_APP_ID = 1400123455;

export interface Emulator {
    url: string;
    port: number;
    close(): Promise<void>;
    reset(): void;
    now(): number;
    setClock(unixSeconds: number): void;
    advance(seconds: number): void;
    /** Throws a TypeError for an unknown fault kind or a malformed rule. */
    setFaults(f: FaultConfig): void;
    clearFaults(): void;
    /** Replaces answers Tencent does not document (see answers.ts); throws a TypeError when malformed. */
    setAnswers(a: Answers): void;
    answers(): Answers;
    requestLog(): RequestLogEntry[];
    tasks(): TaskRecord[];
    task(taskId: number): TaskRecord | undefined;
    /** What a person can do in the CCC console; `remove` makes the task vanish. */
    console: { pause(taskId: number): void; resume(taskId: number): void; stop(taskId: number): void; remove(taskId: number): void };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
    const clockStart = options.clockStart ?? Math.floor(Date.now() / 1000);
    const model = new Model(clockStart, options.sdkAppIds ?? [DEFAULT_SDK_APP_ID]);
    const faults = new Faults();
    const rateLimit = new RateLimit(options.rateLimitPerSecond ?? 20);
    let answers: Answers = {};
    let log: RequestLogEntry[] = [];
    const sockets = new Set<import("net").Socket>();

    if (options.statePath && fs.existsSync(options.statePath)) model.restore(JSON.parse(fs.readFileSync(options.statePath, "utf8")) as ModelSnapshot);
    const persist = () => {
        if (!options.statePath) return;
        const tmp = `${options.statePath}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(model.snapshot()));
        fs.renameSync(tmp, options.statePath);
    };
    const changed = <T>(result: T): T => {
        persist();
        return result;
    };

    async function api(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
        const requestId = randomUUID();
        const action = String(req.headers["x-tc-action"] ?? "");
        const entry: RequestLogEntry = { seq: log.length + 1, at: Date.now(), clock: model.now(), action, params: undefined, outcome: "ok", requestId };
        log.push(entry);
        const reply = async (result: Record<string, unknown> | ApiError) => {
            if (result instanceof ApiError && entry.outcome === "ok") entry.outcome = result.code;
            if (faults.latencyMs()) await sleep(faults.latencyMs());
            res.writeHead(200, { "Content-Type": "application/json", "X-TC-RequestId": requestId });
            res.end(envelope(requestId, result));
        };
        try {
            entry.params = parseParams(body);
            entry.secretId = verify(req.headers, body, credentials, Math.floor(Date.now() / 1000)).secretId;
            const version = String(req.headers["x-tc-version"] ?? "");
            if (version !== VERSION) throw apiErrors.noSuchVersion(version);
            if (!ACTIONS.includes(action)) throw apiErrors.invalidAction(action);
            const limited = rateLimit.admit(action, Date.now());
            if (limited) throw limited;
            const fault = faults.draw(action);
            if (fault === "connectionReset") {
                entry.outcome = "fault:reset";
                req.socket.destroy();
                return;
            }
            if (fault === "internalError") {
                entry.outcome = "fault:internal";
                return reply(apiErrors.internalError());
            }
            const handled = handle(model, action, entry.params, (id) => faults.listable(id, Date.now()));
            entry.taskId = handled.taskId;
            if (action === "CreateAutoCalloutTask") faults.created(handled.taskId!, Date.now());
            if (action === "DescribeAutoCalloutTasks") faults.listed();
            if (action !== "DescribeAutoCalloutTask" && action !== "DescribeAutoCalloutTasks") persist();
            if (fault === "dropAfterCommit") {
                entry.outcome = "fault:drop";
                await sleep(faults.hangMs());
                req.socket.destroy();
                return;
            }
            return reply(handled.response);
        } catch (e) {
            if (e instanceof ApiError) {
                const answer = answerFor(answers, e);
                return reply(answer === "ok" ? {} : answer);
            }
            entry.outcome = "InternalError";
            return reply(apiErrors.internalError());
        }
    }

    const emulator: Emulator = {
        url: "",
        port: 0,
        close: () =>
            new Promise<void>((resolve) => {
                for (const s of sockets) s.destroy();
                server.close(() => resolve());
            }),
        reset: () => {
            model.restore({ clock: clockStart, nextTaskId: 1000001, tasks: [] });
            faults.reset();
            answers = {};
            rateLimit.reset();
            log = [];
            persist();
        },
        now: () => model.now(),
        setClock: (t) => changed(model.setClock(t)),
        advance: (s) => changed(model.setClock(model.now() + s)),
        setFaults: (f) => faults.set(f),
        clearFaults: () => faults.set({}),
        setAnswers: (a) => {
            const parsed = answersSchema.safeParse(a);
            if (!parsed.success) throw new TypeError(`answers: ${z.prettifyError(parsed.error)}`);
            answers = parsed.data;
        },
        answers: () => structuredClone(answers),
        requestLog: () => log.map((e) => ({ ...e })),
        tasks: () => model.snapshot().tasks,
        task: (id) => model.snapshot().tasks.find((t) => t.taskId === id),
        console: {
            pause: (id) => changed(model.pause(model.task(id)?.sdkAppId ?? -1, id)),
            resume: (id) => changed(model.resume(model.task(id)?.sdkAppId ?? -1, id)),
            stop: (id) => changed(model.stop(model.task(id)?.sdkAppId ?? -1, id)),
            remove: (id) => changed(model.remove(id)),
        },
    };

    const server = http.createServer(async (req, res) => {
        try {
            const body = await readBody(req);
            if (req.url?.startsWith("/_emulator/")) return controlRoute(emulator, faults, req, res, body);
            if (req.method !== "POST" || req.url !== "/") {
                res.writeHead(404, { "Content-Type": "application/json" });
                return void res.end(envelope(randomUUID(), new ApiError("InvalidAction", "Only POST / is served.")));
            }
            await api(req, res, body);
        } catch {
            if (!res.headersSent) res.writeHead(500);
            res.end();
        }
    });
    server.on("connection", (s) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
    });
    emulator.port = (server.address() as AddressInfo).port;
    emulator.url = `http://ccc.localhost:${emulator.port}`;
    return emulator;
}
