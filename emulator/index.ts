// A local emulator of two vendors' outbound call-task APIs, in one process on one port, for their
// official SDKs over HTTP, unpatched:
// - Tencent Cloud Contact Center (CCC) 2020-02-10, auto callout tasks, predictive and agent cruise
//   dialing campaigns: `http://ccc.localhost:PORT`
//   (the SDK signs with the first label of the host as the service name; `*.localhost` is loopback).
// - Alibaba Cloud AICCS 2019-10-15, AI call tasks: `@alicloud/openapi-core` with `protocol: "HTTP"` and
//   `endpoint: "127.0.0.1:PORT"` (the SDK makes the endpoint both the URL's host and the Host header;
//   `aiccs.localhost:PORT` works too where the resolver maps `*.localhost`).
// A request goes to AICCS when its host is aiccs.… or it is ACS3-signed, to CCC otherwise.
// What each emulates, and how it differs from the real service (documented apart from inferred):
// ccc/README.md, aiccs/README.md.
//
// Layout (after moto): core/ is what every vendor shares: server.ts (HTTP, routing by vendor) →
// pipeline.ts (the request's steps) with the vendor's Service (service.ts) plugged in; clock.ts (one
// model clock for all), dialer.ts (simulated calls), faults.ts, rate-limit.ts, control.ts (the
// control plane). ccc/ and aiccs/ are each a vendor: wire, handlers, model, errors, answers (what the
// vendor does not document, switchable), service. This file wires them; types.ts is the public shape.
import * as fs from "fs";
import { Model as AiccsModel, type ModelSnapshot as AiccsSnapshot } from "./aiccs/model";
import { aiccsService } from "./aiccs/service";
import { FIRST_TASK_ID, Model, type ModelSnapshot } from "./ccc/model";
import { cccService } from "./ccc/service";
import type { Credential } from "./ccc/wire";
import { Clock } from "./core/clock";
import { controlRoute, taskRoutes, type VendorControls } from "./core/control";
import { Faults } from "./core/faults";
import { createPipeline, type RequestLogEntry as LogEntry } from "./core/pipeline";
import { RateLimit } from "./core/rate-limit";
import { serve } from "./core/server";
import type { Service } from "./core/service";
import type { AiccsEmulator, Emulator, EmulatorOptions } from "./types";

export type { Answers as AiccsAnswers } from "./aiccs/answers";
export type { CalleeRecord as AiccsCalleeRecord, TaskRecord as AiccsTaskRecord } from "./aiccs/model";
export { DetailStatus, TaskStatus as AiccsTaskStatus, WINDOW_ZONE as AICCS_WINDOW_ZONE } from "./aiccs/model";
export type { Answers } from "./ccc/answers";
export type { CalleeRecord } from "./ccc/calls";
export type { CampaignRecord, CruiseCampaign, PredictiveCampaign } from "./ccc/campaigns";
export { CampaignStatus, campaignMayDial, CruiseState, StatusReason } from "./ccc/campaigns";
export { CalleeState } from "./ccc/calls";
export type { TaskRecord } from "./ccc/model";
export { TaskState } from "./ccc/model";
export type { FaultConfig, FaultRule, FaultState } from "./core/faults";
export type { AiccsEmulator, ClockMode, Emulator, EmulatorOptions, RequestLogEntry, VendorEmulator } from "./types";

export const DEFAULT_CREDENTIALS: Credential[] = [{ secretId: "AKIDEMULATOR", secretKey: "emulator-secret-key" }];
export const DEFAULT_SDK_APP_ID = 1400123455;
/** Tencent documents 20 per second per action; Alibaba documents none for these actions. */
const DEFAULT_RATE_LIMIT = 20;

/** The state file: CCC's snapshot at the top (its format before AICCS), the clock, and AICCS's. */
interface StateFile extends ModelSnapshot {
    clock: number;
    aiccs?: AiccsSnapshot;
}

/** One vendor's request handling: its pipeline, faults, rate limit and log. */
function vendor<P, S extends Service<P> & { setAnswers(a: unknown): void }>(service: S, rateLimitPerSecond: number, now: () => number, persist: () => void) {
    const faults = new Faults();
    const rateLimit = new RateLimit(rateLimitPerSecond);
    const log: LogEntry[] = [];
    return {
        service,
        faults,
        log,
        api: createPipeline({ service, faults, rateLimit, log, now, persist }),
        reset() {
            faults.reset();
            service.setAnswers({});
            rateLimit.reset();
            log.length = 0;
        },
    };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const clockStart = options.clockStart ?? Math.floor(Date.now() / 1000);
    const saved: StateFile | undefined = options.statePath && fs.existsSync(options.statePath) ? JSON.parse(fs.readFileSync(options.statePath, "utf8")) : undefined;
    const now = (): number => clock.now();
    const cccModel: Model = new Model(now, options.sdkAppIds ?? [DEFAULT_SDK_APP_ID], () => cccApi.answers());
    const aiccsModel: AiccsModel = new AiccsModel(now, () => aiccsApi.immediateStart());
    const clock: Clock = new Clock(saved?.clock ?? clockStart, options.clock ?? "manual", [cccModel, aiccsModel]);
    if (saved) cccModel.restore(saved);
    if (saved?.aiccs) aiccsModel.restore(saved.aiccs);
    // A wall clock with no given start catches up with the time the emulator was down.
    if (options.clock === "wall" && options.clockStart === undefined && clock.now() < clockStart) clock.set(clockStart);

    const persist = () => {
        if (!options.statePath) return;
        const tmp = `${options.statePath}.tmp`;
        const state: StateFile = { clock: clock.now(), ...cccModel.snapshot(), aiccs: aiccsModel.snapshot() };
        fs.writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 }); // the tasks' callee numbers
        fs.renameSync(tmp, options.statePath);
    };
    const tick = () => {
        if (clock.sync()) persist();
    };
    const modelNow = () => {
        tick();
        return clock.now();
    };
    const changed = <T>(result: T): T => {
        persist();
        return result;
    };
    /** A console action at the current time. */
    const byConsole =
        <Id>(act: (id: Id) => void) =>
        (id: Id) => {
            tick();
            changed(act(id));
        };

    const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
    const rate = options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT;
    const cccApi = cccService(cccModel, credentials);
    const aiccsApi = aiccsService(aiccsModel, credentials.map((c) => ({ accessKeyId: c.secretId, accessKeySecret: c.secretKey, securityToken: c.token })));
    const ccc = vendor(cccApi, rate, modelNow, persist);
    const aiccs = vendor(aiccsApi, rate, modelNow, persist);

    /** A vendor as tests and the control plane see it: faults, answers, log and its tasks, up to date. */
    const surface = <Id, T, A>(v: { faults: Faults; log: LogEntry[]; service: { setAnswers(a: unknown): void; answers(): A } }, tasks: () => T[], idOf: (t: T) => Id) => {
        const vendorTasks = () => {
            tick();
            return tasks();
        };
        return {
            setFaults: (f: unknown) => v.faults.set(f),
            clearFaults: () => v.faults.set({}),
            faults: () => v.faults.current(),
            setAnswers: (a: unknown) => v.service.setAnswers(a),
            answers: () => v.service.answers(),
            requestLog: () => v.log.map((e) => ({ ...e })) as LogEntry<Id>[],
            tasks: vendorTasks,
            task: (id: Id) => vendorTasks().find((t) => idOf(t) === id),
        };
    };

    const aiccsSurface: AiccsEmulator = {
        endpoint: "",
        ...surface(aiccs, () => aiccsModel.snapshot().tasks, (t) => t.taskId),
        console: {
            stop: byConsole((id: string) => aiccsModel.stop(id)),
            start: byConsole((id: string) => aiccsModel.start(id)),
            remove: (id) => changed(aiccsModel.remove(id)),
        },
    };

    const emulator: Emulator = {
        url: "",
        port: 0,
        close: () => server.close(),
        reset: () => {
            clock.restore(clockStart);
            cccModel.restore({ nextTaskId: FIRST_TASK_ID, tasks: [] });
            aiccsModel.reset();
            ccc.reset();
            aiccs.reset();
            persist();
        },
        now: modelNow,
        setClock: (t) => changed(clock.set(t)),
        advance: (s) => changed(clock.set(emulator.now() + s)),
        clockMode: () => clock.mode(),
        setClockMode: (mode) => clock.setMode(mode),
        ...surface(ccc, () => cccModel.snapshot().tasks, (t) => t.taskId),
        /** On the task's own app, at the current time. */
        console: {
            pause: byConsole((id: number) => cccModel.pause(cccModel.task(id)?.sdkAppId ?? -1, id)),
            resume: byConsole((id: number) => cccModel.resume(cccModel.task(id)?.sdkAppId ?? -1, id)),
            stop: byConsole((id: number) => cccModel.stop(cccModel.task(id)?.sdkAppId ?? -1, id)),
            remove: (id) => changed(cccModel.remove(id)),
        },
        campaigns: () => {
            tick();
            return cccModel.campaigns.snapshot().campaigns;
        },
        campaign: (id) => emulator.campaigns().find((c) => c.campaignId === id),
        /** Either kind, by id, on the campaign's own app, at the current time. */
        campaignConsole: {
            pause: byConsole((id: number) => cccModel.campaigns.pause(cccModel.campaigns.get(id)?.sdkAppId ?? -1, id)),
            resume: byConsole((id: number) => cccModel.campaigns.resume(cccModel.campaigns.get(id)?.sdkAppId ?? -1, id)),
            abort: byConsole((id: number) => {
                const c = cccModel.campaigns.get(id);
                cccModel.campaigns.abort(c?.kind ?? "predictive", c?.sdkAppId ?? -1, id);
            }),
            remove: (id) => changed(cccModel.campaigns.remove(id)),
        },
        aiccs: aiccsSurface,
    };

    const controls = (surface: Emulator | AiccsEmulator, idOf: (digits: string) => number | string): VendorControls => ({
        setFaults: (f) => surface.setFaults(f as never),
        faults: () => surface.faults(),
        setAnswers: (a) => surface.setAnswers(a as never),
        answers: () => surface.answers(),
        requestLog: () => surface.requestLog(),
        route: (method, path) =>
            taskRoutes(surface as never, idOf, method, path) ??
            ("campaignConsole" in surface ? taskRoutes({ tasks: surface.campaigns, task: surface.campaign, console: surface.campaignConsole }, Number, method, path, "campaigns") : undefined),
    });
    const server = await serve(options.port ?? 0, {
        apis: [aiccs, ccc],
        control: (method, path, input) =>
            controlRoute(
                { ...emulator, vendors: { ccc: controls(emulator, Number), aiccs: controls(aiccsSurface, String) }, defaultVendor: "ccc" },
                method,
                path,
                input,
            ),
    });
    emulator.port = server.port;
    emulator.url = `http://ccc.localhost:${emulator.port}`;
    aiccsSurface.endpoint = `127.0.0.1:${emulator.port}`;
    return emulator;
}
