// The emulator through the real SDK over HTTP (and a hand-made signer where the SDK cannot go).
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type Emulator, startEmulator } from "../../../emulator";
import { createSdkClient } from "../../../provider/ccc";
import { createCccApi } from "../../../provider/callout-task/client";
import { REPO } from "../../../scripts/pulumi-cli";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../../support/provider-harness";
import { rawRequest } from "./raw-request";

/** The package's `ccc-emulator` command, as package.json declares it (compiled by `npm run build`). */
const BIN = path.join(REPO, require("../../../package.json").bin["ccc-emulator"]);

/** A valid create request: IVR task from T0 + 1h to T0 + 2 days, 09:00–12:00 Shanghai. */
function createParams(overrides: Record<string, unknown> = {}): any {
    return {
        SdkAppId: SDK_APP_ID,
        Name: "t",
        NotBefore: T0 + 3600,
        NotAfter: T0 + 2 * 86400,
        Callees: ["008613012345678", "008613112345678", "008613212345678"],
        Callers: ["008602012345678"],
        IvrId: 8,
        Tries: 2,
        TimeZone: "Asia/Shanghai",
        AvailableTime: [{ StartTime: "09:00:00", EndTime: "12:00:00" }],
        ...overrides,
    };
}

async function errorCode(p: Promise<unknown>): Promise<{ code: string; message: string }> {
    try {
        await p;
    } catch (e: any) {
        return { code: e.code ?? "", message: e.message ?? "" };
    }
    throw new Error("expected the call to fail");
}

describe("CCC emulator", () => {
    let emu: Emulator;
    const sdk = (overrides: { secretId?: string; secretKey?: string; securityToken?: string; timeoutSeconds?: number } = {}) =>
        createSdkClient({ credentials: { secretId: overrides.secretId ?? SECRET_ID, secretKey: overrides.secretKey ?? SECRET_KEY, securityToken: overrides.securityToken }, endpoint: emu.url, timeoutSeconds: overrides.timeoutSeconds });
    const raw = (o: Partial<Parameters<typeof rawRequest>[0]> = {}) =>
        rawRequest({ port: emu.port, action: "DescribeAutoCalloutTasks", body: { SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 }, secretId: SECRET_ID, secretKey: SECRET_KEY, ...o });

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(() => emu.reset());

    describe("TC3 signatures", () => {
        it("accepts the SDK's real signature, and a hand-made one", async () => {
            const r = await sdk().DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 });
            assert.equal(r.TotalCount, 0);
            const ok = await raw();
            assert.equal(ok.body.Response.TotalCount, 0);
        });

        it("accepts any set of signed headers, with values lower-cased and trimmed as documented", async () => {
            const r = await raw({ signedHeaders: ["content-type", "host", "x-tc-action", "x-tc-timestamp", "x-tc-version"], contentType: "Application/JSON; Charset=UTF-8" });
            assert.equal(r.body.Response.TotalCount, 0, JSON.stringify(r.body));
        });

        it("accepts GET with the parameters in the query string, from the SDK and by hand", async () => {
            const c = sdk();
            c.profile.httpProfile!.reqMethod = "GET";
            const { TaskId } = await c.CreateAutoCalloutTask(createParams());
            assert.deepEqual(emu.task(TaskId!)!.request, createParams(), "integers, arrays and nested objects read back from the query");
            assert.equal((await c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: TaskId! })).State, 0);
            const byHand = await raw({ method: "GET" });
            assert.deepEqual(byHand.body.Response.Tasks.map((t: any) => t.TaskId), [TaskId]);
            assert.equal((await raw({ method: "GET", body: { SdkAppId: SDK_APP_ID, PageSize: "ten", PageNumber: 0 } })).body.Response.Error.Code, "InvalidParameter");
        });

        const cases: [string, () => Promise<{ status: number; body: any }>, string][] = [
            ["a wrong secret key", () => raw({ secretKey: "not-the-key" }), "AuthFailure.SignatureFailure"],
            ["an unknown SecretId", () => raw({ secretId: "AKIDUNKNOWN" }), "AuthFailure.SecretIdNotFound"],
            ["a timestamp 400 s old", () => raw({ timestamp: Math.floor(Date.now() / 1000) - 400 }), "AuthFailure.SignatureExpire"],
            ["a timestamp 400 s ahead", () => raw({ timestamp: Math.floor(Date.now() / 1000) + 400 }), "AuthFailure.SignatureExpire"],
            ["another service in the scope", () => raw({ service: "cvm" }), "AuthFailure.SignatureFailure"],
            ["a scope date not the timestamp's", () => raw({ date: "2020-01-01" }), "AuthFailure.SignatureFailure"],
            ["a token where none is configured", () => raw({ token: "stray-token" }), "AuthFailure.TokenFailure"],
            ["a malformed Authorization", () => raw({ authorization: "Basic dXNlcjpwYXNz" }), "AuthFailure.InvalidAuthorization"],
            ["a signature without content-type among its headers", () => raw({ signedHeaders: ["host"] }), "AuthFailure.InvalidAuthorization"],
            ["header values signed as sent, not lower-cased", () => raw({ signedHeaders: ["content-type", "host", "x-tc-action"], canonicalValue: (v) => v }), "AuthFailure.SignatureFailure"],
            ["a wrong version", () => raw({ version: "2017-03-12" }), "NoSuchVersion"],
            ["an unknown action", () => raw({ action: "DeleteAutoCalloutTask" }), "InvalidAction"],
            ["an action named like an object's own property", () => raw({ action: "constructor" }), "InvalidAction"],
        ];
        for (const [what, call, code] of cases) {
            it(`refuses ${what} with ${code}, in the error envelope with HTTP 200`, async () => {
                const r = await call();
                assert.equal(r.status, 200);
                assert.equal(r.body.Response.Error.Code, code, JSON.stringify(r.body));
                assert.ok(r.body.Response.Error.Message.length > 10);
                assert.match(r.body.Response.RequestId, /^[0-9a-f-]{36}$/);
            });
        }

        it("checks the session token of temporary credentials", async () => {
            await emu.close();
            emu = await startEmulator({ credentials: [{ secretId: "AKIDTEMP", secretKey: "temp-key", token: "session-token" }], sdkAppIds: [SDK_APP_ID], clockStart: T0 });
            const list = { SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 };
            assert.equal((await sdk({ secretId: "AKIDTEMP", secretKey: "temp-key", securityToken: "session-token" }).DescribeAutoCalloutTasks(list)).TotalCount, 0);
            assert.equal((await errorCode(sdk({ secretId: "AKIDTEMP", secretKey: "temp-key" }).DescribeAutoCalloutTasks(list))).code, "AuthFailure.TokenFailure");
            assert.equal((await errorCode(sdk({ secretId: "AKIDTEMP", secretKey: "temp-key", securityToken: "other" }).DescribeAutoCalloutTasks(list))).code, "AuthFailure.TokenFailure");
            await emu.close();
            emu = await startTestEmulator();
        });
    });

    describe("parameters", () => {
        const bad: [string, Record<string, unknown>, string, RegExp][] = [
            ["missing SdkAppId", { SdkAppId: undefined }, "MissingParameter", /SdkAppId/],
            ["missing Callers", { Callers: undefined }, "MissingParameter", /Callers/],
            ["an unknown field", { Priority: 1 }, "UnknownParameter", /Priority/],
            ["an unknown nested field", { AvailableTime: [{ StartTime: "09:00:00", EndTime: "10:00:00", Zone: "x" }] }, "UnknownParameter", /AvailableTime\.0\.Zone/],
            ["Tries as a string", { Tries: "2" }, "InvalidParameter", /Tries/],
            ["Tries 4", { Tries: 4 }, "InvalidParameterValue", /Tries: value 4 out of range \[1, 3\]/],
            ["RetryInterval 100", { RetryInterval: 100 }, "InvalidParameterValue", /RetryInterval: value 100 out of range \[600, 86400\]/],
            ["both IvrId and AIAgentId", { AIAgentId: 5 }, "InvalidParameterValue", /exactly one/],
            ["neither IvrId nor AIAgentId", { IvrId: undefined }, "InvalidParameterValue", /exactly one/],
            ["a time without seconds", { AvailableTime: [{ StartTime: "9:00", EndTime: "12:00:00" }] }, "InvalidParameterValue", /AvailableTime\.0\.StartTime/],
            ["a range ending before it starts", { AvailableTime: [{ StartTime: "12:00:00", EndTime: "09:00:00" }] }, "InvalidParameterValue", /AvailableTime\.0: StartTime must be earlier/],
            ["an unknown time zone", { TimeZone: "Mars/Base" }, "InvalidParameterValue", /TimeZone/],
            ["an unknown DayType", { AvailableTime: undefined, AvailableWorkTimeConfig: [{ DayType: "Weekend", TimeRanges: [] }] }, "InvalidParameterValue", /DayType/],
            ["DaysOfWeek with EveryDay", { AvailableTime: undefined, AvailableWorkTimeConfig: [{ DayType: "EveryDay", DaysOfWeek: ["Monday"] }] }, "InvalidParameterValue", /DaysOfWeek: only allowed when DayType is Custom/],
            ["an unknown SdkAppId", { SdkAppId: 1400000000 }, "InvalidParameterValue", /SdkAppId 1400000000/],
            ["NotAfter before NotBefore", { NotAfter: T0 }, "InvalidParameterValue", /NotAfter/],
        ];
        for (const [what, change, code, message] of bad) {
            it(`refuses ${what}: ${code}`, async () => {
                const e = await errorCode(sdk().CreateAutoCalloutTask(createParams(change)));
                assert.equal(e.code, code, e.message);
                assert.match(e.message, message);
                assert.equal(emu.tasks().length, 0, "nothing may be half-created");
            });
        }

        it("refuses an unknown TaskId and bad paging", async () => {
            assert.match((await errorCode(sdk().DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: 42 }))).message, /TaskId 42 not found/);
            assert.equal((await errorCode(sdk().DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 500, PageNumber: 0 }))).code, "InvalidParameterValue");
        });
    });

    describe("task state", () => {
        it("moves through pause, resume and stop, refusing what the service refuses", async () => {
            const c = sdk();
            const { TaskId } = await c.CreateAutoCalloutTask(createParams());
            const ref = { SdkAppId: SDK_APP_ID, TaskId: TaskId! };
            const state = async () => (await c.DescribeAutoCalloutTask(ref)).State;
            assert.equal(await state(), 0);
            assert.match((await errorCode(c.ResumeAutoCalloutTask(ref))).code, /UnsupportedOperation/);
            await c.PauseAutoCalloutTask(ref);
            assert.equal(await state(), 5);
            await c.ResumeAutoCalloutTask(ref);
            assert.equal(await state(), 0, "resumed before NotBefore: initial again");
            emu.advance(3600);
            assert.equal(await state(), 1);
            await c.StopAutoCalloutTask(ref);
            assert.equal(await state(), 4);
            for (const op of [c.PauseAutoCalloutTask(ref), c.ResumeAutoCalloutTask(ref), c.StopAutoCalloutTask(ref)]) {
                const e = await errorCode(op);
                assert.equal(e.code, "UnsupportedOperation");
                assert.match(e.message, /terminated \(State 4\)/);
            }
        });

        it("dials only inside the task's window in its time zone, and completes", async () => {
            const c = sdk();
            // 08:00–09:00 in New York; the task starts at T0 + 1h, 20:00 on Nov 30 there (09:00 in Shanghai).
            const { TaskId } = await c.CreateAutoCalloutTask(createParams({ TimeZone: "America/New_York", AvailableTime: [{ StartTime: "08:00:00", EndTime: "09:00:00" }] }));
            const ref = { SdkAppId: SDK_APP_ID, TaskId: TaskId! };
            emu.advance(3 * 3600); // 11:00 Shanghai, but 22:00 in New York
            const early = await c.DescribeAutoCalloutTask(ref);
            assert.equal(early.State, 1);
            assert.ok(early.Callees!.every((x) => x.Sessions.length === 0), "dialed outside the window");
            emu.setClock(Date.UTC(2027, 10, 30, 13, 1) / 1000); // 08:01 in New York
            const during = await c.DescribeAutoCalloutTask(ref);
            assert.ok(during.Callees!.some((x) => x.Sessions.length > 0), "no call inside the window");
            emu.setClock(Date.UTC(2027, 10, 30, 14, 0) / 1000);
            const done = await c.DescribeAutoCalloutTask(ref);
            assert.ok(done.Callees!.every((x) => [1, 2, 4].includes(x.State)), JSON.stringify(done.Callees));
        });

        it("ends a task at NotAfter, and reports exactly the documented fields", async () => {
            const c = sdk();
            // Sundays only, from Tuesday to Thursday: it never dials.
            const sundays = [{ DayType: "Custom", DaysOfWeek: ["Sunday"], TimeRanges: [{ StartTime: "10:00:00", EndTime: "11:00:00" }] }];
            const { TaskId } = await c.CreateAutoCalloutTask(createParams({ AvailableTime: undefined, AvailableWorkTimeConfig: sundays }));
            emu.advance(3 * 86400);
            const r: any = await c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: TaskId! });
            assert.equal(r.State, 4);
            assert.deepEqual(Object.keys(r).sort(), ["Callees", "Callers", "Description", "IvrId", "MaxRingTimeoutSecond", "Name", "NotAfter", "NotBefore", "RequestId", "State"]);
        });

        it("lists tasks page by page from page 0", async () => {
            const c = sdk();
            for (let i = 0; i < 5; i++) await c.CreateAutoCalloutTask(createParams({ Name: `t${i}` }));
            const p0 = await c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 2, PageNumber: 0 });
            const p2 = await c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 2, PageNumber: 2 });
            assert.equal(p0.TotalCount, 5);
            assert.deepEqual(p0.Tasks!.map((t) => t.Name), ["t0", "t1"]);
            assert.deepEqual(p2.Tasks!.map((t) => [t.Name, t.CalleeCount]), [["t4", 3]]);
        });
    });

    describe("limits and faults", () => {
        it("throttles past 20 requests per second per action, with the service's message, and no other action", async () => {
            const c = sdk();
            const list = () => c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 1, PageNumber: 0 }).then(() => "ok", (e) => e.code);
            const results = await Promise.all([...Array.from({ length: 25 }, list), errorCode(c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: 1 })).then((e) => e.code)]);
            assert.ok(results.filter((r) => r === "RequestLimitExceeded").length >= 5, results.join(","));
            assert.equal(results[25], "InvalidParameterValue", "another action was throttled");
            const refused = emu.requestLog().find((e) => e.outcome === "RequestLimitExceeded")!;
            assert.ok(refused);
            assert.match(
                (await errorCode(c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 1, PageNumber: 0 }))).message,
                /^Your current request times equals to `\d+` in a second, which exceeds the frequency limit `20` for a second\. Please reduce the frequency of calls\.$/,
            );
        });

        it("injects internal errors, resets, dropped answers and latency, and logs them", async () => {
            const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url, timeoutSeconds: 1, retry: { maxAttempts: 1, maxSeconds: 5, initialDelayMs: 1, maxDelayMs: 1 } });
            const c = sdk({ timeoutSeconds: 1 });
            emu.setFaults({ internalError: { count: 1 } });
            assert.equal((await errorCode(c.CreateAutoCalloutTask(createParams()))).code, "InternalError");
            assert.equal(emu.tasks().length, 0);
            emu.setFaults({ connectionReset: { count: 1 } });
            const reset = await errorCode(api.createTask(createParams()));
            assert.equal(reset.code, "", "a network error has no API code");
            assert.equal(emu.tasks().length, 0);
            emu.setFaults({ dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1, hangMs: 1500 } });
            assert.match((await errorCode(c.CreateAutoCalloutTask(createParams()))).message, /timeout/i);
            assert.equal(emu.tasks().length, 1, "the dropped create committed");
            emu.setFaults({ latencyMs: 300 });
            const started = Date.now();
            await c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 1, PageNumber: 0 });
            assert.ok(Date.now() - started >= 300);
            assert.deepEqual(
                emu.requestLog().map((e) => [e.action, e.outcome]),
                [["CreateAutoCalloutTask", "fault:internal"], ["CreateAutoCalloutTask", "fault:reset"], ["CreateAutoCalloutTask", "fault:drop"], ["DescribeAutoCalloutTasks", "ok"]],
            );
            assert.deepEqual(emu.requestLog().slice(0, 3).map((e) => e.params.Name), ["t", "t", "t"], "the log shows what a faulted request asked for");
        });
    });

    describe("more faults", () => {
        it("answers InternalError after committing, under internalErrorAfterCommit", async () => {
            const c = sdk({ timeoutSeconds: 1 });
            emu.setFaults({ internalErrorAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1 } });
            assert.equal((await errorCode(c.CreateAutoCalloutTask(createParams()))).code, "InternalError");
            assert.equal(emu.tasks().length, 1, "the create committed although it answered an error");
            assert.deepEqual(emu.requestLog().map((e) => [e.action, e.outcome]), [["CreateAutoCalloutTask", "fault:internal-after-commit"]]);
        });

        for (const [kind, status, text] of [["badGateway", 502, "502 Bad Gateway"], ["gatewayTimeout", 504, "504 Gateway Time-out"]] as const) {
            it(`answers ${kind} like a gateway: plain HTTP ${status}, an HTML page, nothing done`, async () => {
                emu.setFaults({ [kind]: { count: 2 } });
                const r = await raw({ action: "CreateAutoCalloutTask", body: createParams() });
                assert.equal(r.status, status);
                assert.match(r.contentType, /^text\/html/);
                assert.match(r.body, new RegExp(`<title>${text}</title>`));
                const e = await errorCode(sdk().CreateAutoCalloutTask(createParams()));
                assert.equal(e.code, "", "no API code: the answer is not the API's");
                assert.equal(emu.tasks().length, 0);
                assert.deepEqual(emu.requestLog().map((x) => x.outcome), [`fault:${status}`, `fault:${status}`]);
            });
        }

        it("answers ServiceUnavailable without touching state", async () => {
            emu.setFaults({ serviceUnavailable: { actions: ["CreateAutoCalloutTask"], count: 1 } });
            const e = await errorCode(sdk().CreateAutoCalloutTask(createParams()));
            assert.equal(e.code, "ServiceUnavailable");
            assert.equal(emu.tasks().length, 0);
            await sdk().CreateAutoCalloutTask(createParams());
            assert.equal(emu.tasks().length, 1);
        });

        it("refuses an unknown fault kind or a bad rule, in process and over HTTP", async () => {
            assert.throws(() => emu.setFaults({ timeout: { count: 1 } } as never), (e: Error) => e instanceof TypeError && /timeout/.test(e.message));
            const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator/faults`, { method: "POST", body: JSON.stringify({ internalError: { probability: 2 } }) });
            assert.equal(r.status, 400);
            assert.match(((await r.json()) as any).error, /internalError\.probability/);
            assert.deepEqual(emu.faults(), {}, "a refused configuration changes nothing");
        });

        it("shows what is left of each rule when read back", async () => {
            emu.setFaults({ internalError: { count: 2, after: 1 } });
            assert.deepEqual(emu.faults(), { internalError: { count: 2, after: 1, remaining: 2, afterLeft: 1 } });
            const list = () => raw().then((r) => r.body.Response.Error?.Code ?? "ok");
            assert.deepEqual([await list(), await list()], ["ok", "InternalError"]);
            const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator/faults`);
            assert.deepEqual(await r.json(), { internalError: { count: 2, after: 1, remaining: 1, afterLeft: 0 } });
        });

        it("spends a one-shot fault only on a request that reached the action", async () => {
            await emu.close();
            emu = await startTestEmulator({ rateLimitPerSecond: 1 });
            try {
                emu.setFaults({ internalError: { count: 1 } });
                const refused = [await raw({ secretKey: "not-the-key" }), await raw({ version: "2017-03-12" }), await raw({ action: "DeleteAutoCalloutTask" })];
                assert.deepEqual(refused.map((r) => r.body.Response.Error.Code), ["AuthFailure.SignatureFailure", "NoSuchVersion", "InvalidAction"]);
                assert.equal(emu.faults().internalError!.remaining, 1);
                // Two at once under a limit of one: the one let through gets the fault, the throttled one does not.
                const both = await Promise.all([raw(), raw()]);
                assert.deepEqual(both.map((r) => r.body.Response.Error?.Code ?? "ok").sort(), ["InternalError", "RequestLimitExceeded"]);
                assert.equal(emu.faults().internalError!.remaining, 0);
            } finally {
                await emu.close();
                emu = await startTestEmulator();
            }
        });
    });

    describe("clock", () => {
        const control = async (method: string, body?: unknown) => (await fetch(`http://127.0.0.1:${emu.port}/_emulator/clock`, { method, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

        it("stands still unless moved, follows wall time once switched, and stops again", async () => {
            assert.deepEqual(await control("GET"), { now: T0, mode: "manual" });
            await sleep(1100);
            assert.equal(emu.now(), T0);
            assert.deepEqual(await control("POST", { mode: "wall" }), { now: T0, mode: "wall" });
            await sleep(1100);
            assert.ok(emu.now() >= T0 + 1, `still ${emu.now() - T0} s after T0`);
            emu.advance(3600);
            assert.ok(emu.now() >= T0 + 3601, "advance moves a wall clock too");
            const stopped = (await control("POST", { mode: "manual" })).now;
            await sleep(1100);
            assert.equal(emu.now(), stopped);
        });

        it("starts a task on time with no one moving the clock, under the wall-clock option", async () => {
            await emu.close();
            emu = await startTestEmulator({ clock: "wall" });
            try {
                const c = sdk();
                const { TaskId } = await c.CreateAutoCalloutTask(createParams({ NotBefore: emu.now() + 1 }));
                assert.equal((await c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: TaskId! })).State, 0);
                await sleep(2100);
                assert.equal((await c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: TaskId! })).State, 1);
            } finally {
                await emu.close();
                emu = await startTestEmulator();
            }
        });
    });

    describe("list lag", () => {
        const list = (c: ReturnType<typeof sdk>) => c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 }).then((r) => r.Tasks!.map((t) => t.TaskId));

        it("hides a new task from the listing until enough listings were answered, not from Describe", async () => {
            const c = sdk();
            const { TaskId: before } = await c.CreateAutoCalloutTask(createParams());
            emu.setFaults({ listLag: { listCalls: 2 } });
            const { TaskId: lagging } = await c.CreateAutoCalloutTask(createParams());
            assert.equal((await c.DescribeAutoCalloutTask({ SdkAppId: SDK_APP_ID, TaskId: lagging! })).State, 0, "Describe by id sees it at once");
            assert.deepEqual(await list(c), [before]);
            const second = await c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 });
            assert.deepEqual([second.TotalCount, second.Tasks!.map((t) => t.TaskId)], [1, [before]], "hidden from TotalCount too");
            assert.deepEqual(await list(c), [before, lagging]);
            emu.clearFaults();
            const { TaskId: after } = await c.CreateAutoCalloutTask(createParams());
            assert.deepEqual(await list(c), [before, lagging, after], "a task created after the fault is cleared shows at once");
        });

        it("keeps a task hidden for the given wall seconds, and for both conditions when both are given", async () => {
            const c = sdk();
            emu.setFaults({ listLag: { seconds: 0.4 } });
            const { TaskId: timed } = await c.CreateAutoCalloutTask(createParams());
            emu.setFaults({ listLag: { seconds: 0.4, listCalls: 3 } });
            const { TaskId: both } = await c.CreateAutoCalloutTask(createParams());
            assert.deepEqual(await list(c), []);
            await new Promise((r) => setTimeout(r, 450));
            assert.deepEqual(await list(c), [timed], "time passed, but one listing answered of the three");
            assert.deepEqual(await list(c), [timed], "two of three");
            assert.deepEqual(await list(c), [timed, both]);
        });

        it("is set and read back through the control plane, and cleared by reset", async () => {
            const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator/faults`, { method: "POST", body: JSON.stringify({ listLag: { listCalls: 1 } }) });
            assert.deepEqual(await r.json(), { listLag: { listCalls: 1 } });
            const c = sdk();
            await c.CreateAutoCalloutTask(createParams());
            assert.deepEqual(await list(c), []);
            emu.reset();
            const { TaskId } = await c.CreateAutoCalloutTask(createParams());
            assert.deepEqual(await list(c), [TaskId]);
        });
    });

    describe("undocumented answers", () => {
        const ref = async (c: ReturnType<typeof sdk>) => ({ SdkAppId: SDK_APP_ID, TaskId: (await c.CreateAutoCalloutTask(createParams())).TaskId! });

        it("answers an unknown TaskId with the configured error, for every action that takes one", async () => {
            const c = sdk();
            emu.setAnswers({ notFound: { code: "ResourceNotFound", message: "The task does not exist." } });
            const missing = { SdkAppId: SDK_APP_ID, TaskId: 42 };
            for (const call of [c.DescribeAutoCalloutTask(missing), c.PauseAutoCalloutTask(missing), c.ResumeAutoCalloutTask(missing), c.StopAutoCalloutTask(missing)]) {
                assert.deepEqual(await errorCode(call), { code: "ResourceNotFound", message: "The task does not exist." });
            }
            assert.equal((await errorCode(c.DescribeAutoCalloutTasks({ SdkAppId: 1400000000, PageSize: 1, PageNumber: 0 }))).code, "InvalidParameterValue", "an unknown SdkAppId is not a missing task");
        });

        it("answers a wrong-state Pause/Resume/Stop with the configured error", async () => {
            const c = sdk();
            const task = await ref(c);
            emu.setAnswers({ wrongState: { code: "FailedOperation", message: "Task state does not allow it." } });
            assert.deepEqual(await errorCode(c.ResumeAutoCalloutTask(task)), { code: "FailedOperation", message: "Task state does not allow it." });
        });

        it('answers a wrong-state Pause/Resume/Stop with success and no change under "ok"', async () => {
            const c = sdk();
            const task = await ref(c);
            await c.StopAutoCalloutTask(task);
            emu.setAnswers({ wrongState: "ok" });
            await c.PauseAutoCalloutTask(task);
            await c.ResumeAutoCalloutTask(task);
            await c.StopAutoCalloutTask(task);
            assert.equal((await c.DescribeAutoCalloutTask(task)).State, 4);
            assert.deepEqual(emu.requestLog().slice(-4).map((e) => e.outcome), ["ok", "ok", "ok", "ok"]);
        });

        it("is set over HTTP, refuses what it does not know, and is cleared by reset", async () => {
            const post = (body: unknown) => fetch(`http://127.0.0.1:${emu.port}/_emulator/answers`, { method: "POST", body: JSON.stringify(body) });
            const r = await post({ wrongState: "ok" });
            assert.deepEqual([r.status, await r.json()], [200, { wrongState: "ok" }]);
            const bad = await post({ gone: "ok" });
            assert.equal(bad.status, 400);
            assert.match(((await bad.json()) as any).error, /gone/);
            assert.throws(() => emu.setAnswers({ wrongState: "fine" } as never), /wrongState/);
            emu.reset();
            assert.deepEqual(await (await fetch(`http://127.0.0.1:${emu.port}/_emulator/answers`)).json(), {});
            const c = sdk();
            assert.equal((await errorCode(c.ResumeAutoCalloutTask(await ref(c)))).code, "UnsupportedOperation");
        });
    });

    describe("control plane over HTTP", () => {
        const control = async (method: string, route: string, body?: unknown) => {
            const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
            return { status: r.status, body: (await r.json()) as any };
        };

        it("moves the clock, sets faults, shows the log and tasks, and acts like a person in the console", async () => {
            const { TaskId } = await sdk().CreateAutoCalloutTask(createParams());
            assert.equal((await control("GET", "/clock")).body.now, T0);
            assert.equal((await control("POST", "/clock", { advance: 3600 })).body.now, T0 + 3600);
            assert.equal((await control("GET", `/tasks/${TaskId}`)).body.state, 1);
            assert.equal((await control("POST", `/tasks/${TaskId}/pause`)).body.state, 5);
            assert.equal((await control("POST", `/tasks/${TaskId}/stop`)).body.state, 4);
            assert.equal((await control("POST", `/tasks/${TaskId}/pause`)).status, 409);
            assert.deepEqual((await control("POST", "/faults", { latencyMs: 5 })).body, { latencyMs: 5 });
            assert.deepEqual((await control("GET", "/log")).body.map((e: any) => e.action), ["CreateAutoCalloutTask"]);
            await control("POST", `/tasks/${TaskId}/remove`);
            assert.deepEqual((await control("GET", "/tasks")).body, []);
            assert.equal((await control("POST", "/clock", { set: T0 })).status, 409, "the clock went backwards");
            await control("POST", "/reset");
            assert.deepEqual((await control("GET", "/log")).body, []);
        });
    });

    describe("standalone", () => {
        it("prints its usage for --help and exits 0", async function () {
            this.timeout(60_000);
            const child = spawn(process.execPath, [BIN, "--help"], { cwd: REPO });
            let out = "";
            child.stdout.on("data", (d) => (out += d));
            const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
            assert.equal(code, 0);
            assert.match(out, /^Usage: ccc-emulator/);
            assert.match(out, /--clock manual\|wall/);
        });

        it("persists tasks to a JSON file across restarts", async () => {
            const statePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccc-emu-")), "state.json");
            const first = await startEmulator({ statePath, credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], clockStart: T0 });
            const c = createSdkClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: first.url });
            const { TaskId } = await c.CreateAutoCalloutTask(createParams());
            await first.close();
            const second = await startEmulator({ statePath, credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }] });
            try {
                assert.equal(second.task(TaskId!)?.name, "t");
                assert.equal(second.now(), T0);
            } finally {
                await second.close();
            }
        });

        it("runs as a command: prints its URL first, serves the SDK, stops on SIGTERM", async function () {
            this.timeout(60_000);
            const child = spawn(process.execPath, [BIN, "--port", "0", "--credentials", `${SECRET_ID}:${SECRET_KEY}`, "--clock", "wall"], { cwd: REPO });
            const url = await new Promise<string>((resolve, reject) => {
                child.stdout.once("data", (d) => resolve(String(d).split("\n")[0]));
                child.once("exit", (code) => reject(new Error(`exited ${code}`)));
            });
            assert.match(url, /^http:\/\/ccc\.localhost:\d+$/);
            const c = createSdkClient({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: url });
            assert.equal((await c.DescribeAutoCalloutTasks({ SdkAppId: SDK_APP_ID, PageSize: 1, PageNumber: 0 })).TotalCount, 0);
            const clock = (await (await fetch(`${url.replace("ccc.localhost", "127.0.0.1")}/_emulator/clock`)).json()) as any;
            assert.equal(clock.mode, "wall");
            assert.ok(Math.abs(clock.now - Date.now() / 1000) < 5, "a wall clock with no start is now");
            const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            assert.equal(await exit, 0);
        });
    });
});
