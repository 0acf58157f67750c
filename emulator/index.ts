// A local emulator of the Tencent Cloud Contact Center (CCC) API, version 2020-02-10, auto callout
// tasks. The official SDK talks to it over HTTP, unpatched, at http://ccc.localhost:PORT (the SDK
// signs with the first label of the host as the service name; `*.localhost` is loopback).
//
// Sources: [API] Tencent Cloud API reference pages CreateAutoCalloutTask, DescribeAutoCalloutTask,
// PauseAutoCalloutTask, ResumeAutoCalloutTask (copies in the project's seeds; Describe and Pause/Resume
// list their error codes); [SDK] the field comments of tencentcloud-sdk-nodejs ccc_models.d.ts (the
// same reference, in Chinese); [3.0] the API 3.0 pages "Signature v3", "Common Error Codes"; the
// project's notes (ccc-api.md) keep what was checked. Everything not marked documented is inferred.
//
// Documented, and followed:
// - TC3-HMAC-SHA256 [3.0]: canonical header names and values lower-cased and trimmed; content-type and
//   host signed at least, any others too; POST with a JSON body or GET with the parameters in the query
//   string (`Callees.0=…`); timestamps within 300 s of the server's (wall) time; the AuthFailure codes.
// - 20 requests per second per action [API], answered RequestLimitExceeded with the service's message.
// - Parameters and ranges [API][SDK]: required fields, Tries 1–3, RetryInterval 600–86400, exactly one of
//   IvrId / AIAgentId, AvailableTime wins over AvailableWorkTimeConfig, TimeZone an IANA name, PageSize
//   at most 100; Describe returns exactly the documented fields (NotAfter may be null).
// - Task states 0 initial … 5 paused, callee states 0–4 [API]; error codes per action [API]: an unknown
//   TaskId is InvalidParameterValue at least by its code list, Pause/Resume may be UnsupportedOperation.
//
// Inferred (not documented; the tests can switch the first two, see answers.ts):
// - The answer to an unknown or deleted TaskId: InvalidParameterValue "TaskId … not found …" (the code is
//   in the list, the message is invented). The answer to Pause/Resume/Stop in a state that does not allow
//   it: UnsupportedOperation. Transitions: Pause from initial/running, Resume from paused (to running, or
//   initial before NotBefore), Stop from initial/running/paused; a stopped task reports 4 (terminated).
// - DescribeAutoCalloutTasks pages with a 0-based PageNumber (other CCC listings document "从 0 开始";
//   this one does not), oldest task first; a new task shows at once unless the listLag fault is set.
// - The rate limit's window (sliding, one second of wall time, refused requests count too).
// - Calls are simulated on the model clock, which moves through the control plane (and with wall time
//   under `clock: "wall"`): calls start and end on minute steps, last one to three minutes, and about one
//   in three goes unanswered, the same ones every run. BusinessDay means Monday–Friday and Holiday
//   Saturday–Sunday (the real service follows the Chinese public-holiday calendar). Default time zone
//   Asia/Shanghai, default concurrency 2.
// - Only the six auto-callout actions exist; every other action is InvalidAction. Create-only fields
//   (TimeZone, Tries, AIAgentId, windows, variables, …) are kept and visible through the control plane.
// - The signed host may be sent with or without the port (the SDK signs it without).
// - No quotas (LimitExceeded), permissions (UnauthorizedOperation) or experience-account limits.
//
// Layout: server.ts (HTTP, routing) → pipeline.ts (the request's steps) → handlers.ts (per action) →
// model.ts (state, no HTTP) → errors.ts; wire.ts (signatures, envelope), rate-limit.ts, faults.ts,
// answers.ts, clock.ts; control.ts (the control plane) knows only types.ts. This file wires them.
import * as fs from "fs";
import { type Answers, parseAnswers } from "./answers";
import { Clock } from "./clock";
import { controlRoute } from "./control";
import { Faults } from "./faults";
import { Model, type ModelSnapshot } from "./model";
import { createPipeline } from "./pipeline";
import { RateLimit } from "./rate-limit";
import { serve } from "./server";
import type { Emulator, EmulatorOptions, RequestLogEntry } from "./types";
import type { Credential } from "./wire";

export type { Answers } from "./answers";
export type { FaultConfig, FaultRule, FaultState } from "./faults";
export type { CalleeRecord, TaskRecord } from "./model";
export { TaskState, CalleeState } from "./model";
export type { ClockMode, Emulator, EmulatorOptions, RequestLogEntry } from "./types";

export const DEFAULT_CREDENTIALS: Credential[] = [{ secretId: "AKIDEMULATOR", secretKey: "emulator-secret-key" }];
export const DEFAULT_SDK_APP_ID = 1400123455;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const clockStart = options.clockStart ?? Math.floor(Date.now() / 1000);
    const model = new Model(clockStart, options.sdkAppIds ?? [DEFAULT_SDK_APP_ID]);
    if (options.statePath && fs.existsSync(options.statePath)) model.restore(JSON.parse(fs.readFileSync(options.statePath, "utf8")) as ModelSnapshot);
    // A wall clock with no given start catches up with the time the emulator was down.
    if (options.clock === "wall" && options.clockStart === undefined && model.now() < clockStart) model.setClock(clockStart);
    const clock = new Clock(model, options.clock ?? "manual");
    const faults = new Faults();
    const rateLimit = new RateLimit(options.rateLimitPerSecond ?? 20);
    let answers: Answers = {};
    const log: RequestLogEntry[] = [];

    const persist = () => {
        if (!options.statePath) return;
        const tmp = `${options.statePath}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(model.snapshot()), { mode: 0o600 }); // the tasks' callee numbers
        fs.renameSync(tmp, options.statePath);
    };
    const tick = () => {
        if (clock.sync()) persist();
    };
    const changed = <T>(result: T): T => {
        persist();
        return result;
    };
    /** A console action: on the task's own app, at the current time. */
    const byConsole = (change: "pause" | "resume" | "stop") => (taskId: number) => {
        tick();
        changed(model[change](model.task(taskId)?.sdkAppId ?? -1, taskId));
    };

    const emulator: Emulator = {
        url: "",
        port: 0,
        close: () => server.close(),
        reset: () => {
            model.restore({ clock: clockStart, nextTaskId: 1000001, tasks: [] });
            clock.restarted();
            faults.reset();
            answers = {};
            rateLimit.reset();
            log.length = 0;
            persist();
        },
        now: () => {
            tick();
            return model.now();
        },
        setClock: (t) => changed(clock.set(t)),
        advance: (s) => changed(clock.set(emulator.now() + s)),
        clockMode: () => clock.mode(),
        setClockMode: (mode) => clock.setMode(mode),
        setFaults: (f) => faults.set(f),
        clearFaults: () => faults.set({}),
        faults: () => faults.current(),
        setAnswers: (a) => {
            answers = parseAnswers(a);
        },
        answers: () => structuredClone(answers),
        requestLog: () => log.map((e) => ({ ...e })),
        tasks: () => {
            tick();
            return model.snapshot().tasks;
        },
        task: (id) => emulator.tasks().find((t) => t.taskId === id),
        console: {
            pause: byConsole("pause"),
            resume: byConsole("resume"),
            stop: byConsole("stop"),
            remove: (id) => changed(model.remove(id)),
        },
    };

    const api = createPipeline({ credentials: options.credentials ?? DEFAULT_CREDENTIALS, model, faults, rateLimit, answers: () => answers, log, tick, persist });
    const server = await serve(options.port ?? 0, { api, control: (method, path, input) => controlRoute(emulator, method, path, input) });
    emulator.port = server.port;
    emulator.url = `http://ccc.localhost:${emulator.port}`;
    return emulator;
}
