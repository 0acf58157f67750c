// The AICCS emulator through Alibaba's own SDK runtime (@alicloud/openapi-core) over HTTP, unpatched,
// and a hand-made ACS3 signer where the SDK cannot go.
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { ClientError, ServerError, ThrottlingError } from "@alicloud/openapi-core";
import { AICCS_WINDOW_ZONE, type Emulator, startEmulator } from "../../../emulator";
import { REPO } from "../../../scripts/pulumi-cli";
import { SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../../support/provider-harness";
import { type AccessKey, aiccsClient, call, callTimes, jsonArray, type Query } from "./client";
import { rawAcsRequest } from "./raw-request";

/** A client that keeps 64-bit ids as text, as the provider must (openapi-core's own parse is JSON.parse). */
const bigints: { parse(text: string): any } = require("json-bigint")({ storeAsString: true });
/** Plain objects (json-bigint makes them without a prototype), every id as text. */
const lossless = { parse: (text: string) => JSON.parse(JSON.stringify(bigints.parse(text))) };

const KEY: AccessKey = { accessKeyId: SECRET_ID, accessKeySecret: SECRET_KEY };
/** The ids the emulator hands out, in order (18 digits, above 2^53, like the documentation's examples). */
const ID = (n: number) => String(118712345678900000n + BigInt(n));
const BIN = path.join(REPO, require("../../../package.json").bin["ccc-emulator"]);

/** A valid task: IMMEDIATE, Tuesdays and Wednesdays 09:00–12:00 (T0 is Tuesday 08:00 in Shanghai), one retry after 10 min. */
function taskQuery(over: Query = {}): Query {
    return {
        TaskName: "campaign",
        AgentId: "agent-1",
        VirtualNumber: "057100000000",
        StartType: "IMMEDIATE",
        CallTime: callTimes([["09:00:00", "12:00:00"]]),
        CallDay: jsonArray("CallDay", ["TUESDAY", "WEDNESDAY"]),
        MissCallRetry: true,
        CallRetryReason: jsonArray("CallRetryReason", ["NO_ANSWER"]),
        CallRetryTimes: 1,
        CallRetryInterval: 10,
        TaskCps: 2,
        ...over,
    };
}

const numbers = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ calleeNumber: `1380000${String(from + i).padStart(4, "0")}`, outId: `callee-${from + i}`, name: `N${from + i}` }));

async function failure(p: Promise<unknown>): Promise<{ name: string; code: string; statusCode?: number; message: string; sdk: boolean }> {
    try {
        await p;
    } catch (e: any) {
        return { name: e.name, code: e.code ?? "", statusCode: e.statusCode, message: e.message ?? "", sdk: e instanceof ClientError || e instanceof ServerError || e instanceof ThrottlingError };
    }
    throw new Error("expected the call to fail");
}

describe("AICCS emulator", () => {
    let emu: Emulator;
    const client = (key: AccessKey = KEY, timeoutMs?: number) => aiccsClient(emu.aiccs.endpoint, key, timeoutMs);
    const act = (action: string, query: Query, body?: Record<string, string>) => call(client(), action, query, body);
    /** The answer as text, read by a client that keeps ids intact. */
    const exact = async (action: string, query: Query, body?: Record<string, string>) => lossless.parse(await call(client(), action, query, body, "string"));
    const create = async (over: Query = {}): Promise<string> => (await exact("CreateAiCallTask", taskQuery(over))).Data;
    const importNumbers = async (taskId: string, list: Record<string, unknown>[]): Promise<string> => (await exact("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: jsonArray("PhoneNumberList", list) })).Data;
    const list = async (query: Query = {}) => (await act("QueryAiCallTaskPage", { PageNo: 1, PageSize: 20, ...query })).Data;
    const details = async (taskId: string, status: 0 | 1 | 2) => (await exact("QueryAiCallDetailPage", { TaskId: taskId, Status: status, PageNo: 1, PageSize: 100 })).Data.List as any[];
    const raw = (o: Partial<Parameters<typeof rawAcsRequest>[0]> = {}) => rawAcsRequest({ port: emu.port, action: "QueryAiCallTaskPage", query: { PageNo: "1" }, ...KEY, ...o });

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(() => emu.reset());

    describe("actions through the SDK", () => {
        it("creates a task: the envelope, and its 64-bit id as the JSON number the service writes", async () => {
            const text: string = await call(client(), "CreateAiCallTask", taskQuery(), undefined, "string");
            assert.match(text, new RegExp(`"Data":${ID(1)}[,}]`), "written as a number, digit for digit");
            const body = lossless.parse(text);
            assert.deepEqual(Object.keys(body).sort(), ["Code", "Data", "Message", "RequestId", "Success"]);
            assert.deepEqual([body.Code, body.Success, body.Data], ["OK", true, ID(1)]);
            assert.match(body.RequestId, /^[0-9a-f-]{36}$/);
            // What a client that parses with plain JSON.parse gets: another number.
            const naive = await act("CreateAiCallTask", taskQuery({ TaskName: "second" }));
            assert.notEqual(String(naive.Data), ID(2));
            assert.equal(Number.isSafeInteger(naive.Data), false);
        });

        it("reads a task back with the read API's names, ids as text", async () => {
            const taskId = await create();
            const r = await act("QueryAiCallTaskDetail", { TaskId: taskId });
            assert.deepEqual(r.Data, {
                TaskId: ID(1),
                TaskName: "campaign",
                AgentId: "agent-1",
                AgentName: "agent-1",
                StartType: "IMMEDIATE",
                RealStartTime: T0 * 1000,
                CallerNumber: "057100000000",
                CallTimes: [{ StartTime: "09:00:00", EndTime: "12:00:00" }],
                CallDays: ["TUESDAY", "WEDNESDAY"],
                RetryEnable: true,
                RetryCount: 1,
                RetryInterval: 10,
                RetryReasons: ["NO_ANSWER"],
                ConcurrentCount: 2,
            });
        });

        it("lists tasks newest first, filters by fuzzy name, status and id, and pages from 1", async () => {
            const a = await create({ TaskName: "spring sale" });
            const b = await create({ TaskName: "autumn sale", StartType: "SCHEDULE", TaskStartTime: (T0 + 86400) * 1000 });
            await create({ TaskName: "reminder" });
            const all = await list();
            assert.deepEqual([all.Total, all.PageNo, all.PageSize, all.List.map((t: any) => t.TaskName)], [3, 1, 20, ["reminder", "autumn sale", "spring sale"]]);
            assert.deepEqual(all.List[1], { TaskId: b, TaskName: "autumn sale", AgentId: "agent-1", AgentName: "agent-1", Status: 0, CreateTime: T0 * 1000, StartTime: (T0 + 86400) * 1000, ConcurrentCount: 2, TotalCount: 0, CallingCount: 0, SucceedCount: 0, FailedCount: 0 });
            assert.deepEqual((await list({ TaskName: "sale" })).List.map((t: any) => t.TaskId), [b, a]);
            assert.deepEqual((await list({ Status: "INIT" })).List.map((t: any) => t.TaskId), [b]);
            assert.deepEqual((await list({ TaskId: a })).List.map((t: any) => t.TaskName), ["spring sale"]);
            const page2 = await list({ PageNo: 2, PageSize: 2 });
            assert.deepEqual([page2.Total, page2.List.map((t: any) => t.TaskName)], [3, ["spring sale"]]);
        });

        it("stops, updates and starts a task, answering Data true", async () => {
            const taskId = await create();
            assert.deepEqual((await act("StopAiCallTask", { TaskId: taskId })).Data, true);
            assert.equal((await list()).List[0].Status, 2);
            const updated = await act("UpdateAiCallTask", { TaskId: taskId, TaskName: "renamed", CallRetryInterval: 120, CallTime: callTimes([["10:00:00", "11:00:00"], ["14:00:00", "15:30:00"]]), TaskCps: 5 });
            assert.deepEqual([updated.Code, updated.Success, updated.Data], ["OK", true, true]);
            const d = (await act("QueryAiCallTaskDetail", { TaskId: taskId })).Data;
            assert.deepEqual([d.TaskName, d.RetryInterval, d.CallTimes, d.ConcurrentCount, d.CallDays], ["renamed", 120, [{ StartTime: "10:00:00", EndTime: "11:00:00" }, { StartTime: "14:00:00", EndTime: "15:30:00" }], 5, ["TUESDAY", "WEDNESDAY"]]);
            assert.deepEqual((await act("StartAiCallTask", { TaskId: taskId })).Data, true);
            assert.equal((await list()).List[0].Status, 1);
        });

        it("imports callees as a batch (the list in the form body), and lists them with their ids as text", async () => {
            const taskId = await create();
            const batchId = await importNumbers(taskId, numbers(2));
            assert.equal(batchId, ID(2));
            const pending = await details(taskId, 0);
            assert.deepEqual(pending, [
                { DetailId: ID(3), TaskId: taskId, BatchId: ID(2), CalledNumber: "13800000000", OutId: "callee-0", Status: 1, ImportedTime: T0 * 1000 },
                { DetailId: ID(4), TaskId: taskId, BatchId: ID(2), CalledNumber: "13800000001", OutId: "callee-1", Status: 1, ImportedTime: T0 * 1000 },
            ]);
            assert.equal(emu.aiccs.requestLog().at(-2)!.params.PhoneNumberList, jsonArray("PhoneNumberList", numbers(2)), "the list arrived as one JSON parameter");
            assert.deepEqual(emu.aiccs.task(taskId)!.callees[0].variables, { name: "N0" }, "other keys are the callee's variables");
            const byOutId = await exact("QueryAiCallDetailPage", { TaskId: taskId, Status: 0, OutId: "callee-1" });
            assert.deepEqual(byOutId.Data.List.map((x: any) => x.DetailId), [ID(4)]);
        });

        it("imports one callee, the same record again for the same OutId", async () => {
            const taskId = await create();
            const first = await exact("ImportOneTaskPhoneNumber", { TaskId: taskId, PhoneNumber: "13900000000", OutId: "o-1", Variables: JSON.stringify({ name: "Li" }) });
            assert.deepEqual(first.Data, { DetailId: ID(3) });
            assert.deepEqual((await exact("ImportOneTaskPhoneNumber", { TaskId: taskId, PhoneNumber: "13900000000", OutId: "o-1" })).Data, { DetailId: ID(3) });
            assert.equal(emu.aiccs.task(taskId)!.callees.length, 1);
            const bad = await act("ImportOneTaskPhoneNumber", { TaskId: taskId, PhoneNumber: "call me" });
            assert.deepEqual([bad.Success, bad.Code, bad.Message], [false, "InvalidParameter", 'PhoneNumber: "call me" is not a phone number.']);
        });

        it("cancels pending records of a stopped task, not those queued in a running one", async () => {
            const taskId = await create();
            await importNumbers(taskId, numbers(3));
            const [one, two] = (await details(taskId, 0)).map((r) => r.DetailId);
            const queued = await exact("CancelAiCallDetails", { TaskId: taskId, DetailIdList: jsonArray("DetailIdList", [one]) });
            assert.deepEqual(queued.Data, { TotalCount: 1, SucceedCount: 0, FailedCount: 1, FailedDetails: { [one]: "the record is not pending (Status 1)" }, ResultCode: "PARTIAL" });
            await act("StopAiCallTask", { TaskId: taskId });
            const cancelled = await exact("CancelAiCallDetails", { TaskId: taskId, DetailIdList: jsonArray("DetailIdList", [one, two]) });
            assert.deepEqual(cancelled.Data, { TotalCount: 2, SucceedCount: 2, FailedCount: 0, FailedDetails: {}, ResultCode: "SUCCESS" });
            assert.deepEqual((await details(taskId, 0)).map((r) => r.Status), [0], "the one left waits, initialising, while stopped");
            assert.deepEqual((await details(taskId, 2)).map((r) => [r.DetailId, r.Status, r.FailedReason]), [[one, 5, "已取消"], [two, 5, "已取消"]]);
        });

        it("cancels by batch and phone numbers", async () => {
            const taskId = await create({ StartType: "SCHEDULE", TaskStartTime: (T0 + 86400) * 1000 });
            const batch = await importNumbers(taskId, numbers(3));
            const r = await exact("CancelAiCallDetails", { TaskId: taskId, BatchId: batch, PhoneNumbers: jsonArray("PhoneNumbers", ["13800000001"]) });
            assert.deepEqual([r.Data.TotalCount, r.Data.SucceedCount], [1, 1]);
            assert.deepEqual((await details(taskId, 0)).map((x) => x.CalledNumber), ["13800000000", "13800000002"]);
        });
    });

    describe("documented limits", () => {
        /** A business refusal, as delivered by default: HTTP 200, Success false (the SDK does not throw). */
        const refused = async (action: string, query: Query, body?: Record<string, string>) => {
            const r = await act(action, query, body);
            assert.equal(r.Success, false, JSON.stringify(r));
            return { code: r.Code as string, message: r.Message as string };
        };
        const bad: [string, Query, RegExp][] = [
            ["4 retries", { CallRetryTimes: 4 }, /CallRetryTimes: 4 is out of range \[0, 3\]/],
            ["a retry interval of 721 minutes", { CallRetryInterval: 721 }, /CallRetryInterval: 721 is out of range \[1, 720\]/],
            ["TaskCps 501", { TaskCps: 501 }, /TaskCps: 501 is out of range \[1, 500\]/],
            ["TaskCps 0", { TaskCps: 0 }, /TaskCps: 0 is out of range/],
            ["SCHEDULE without a start time", { StartType: "SCHEDULE" }, /TaskStartTime: required when StartType is SCHEDULE/],
            ["a start time in seconds", { StartType: "SCHEDULE", TaskStartTime: T0 + 3600 }, /TaskStartTime: \d+ is not a timestamp in milliseconds/],
            ["an unknown StartType", { StartType: "LATER" }, /StartType: "LATER" is not one of IMMEDIATE, SCHEDULE/],
            ["a day name not the API's", { CallDay: jsonArray("CallDay", ["Monday"]) }, /CallDay: "Monday" is not one of MONDAY/],
            ["no days", { CallDay: jsonArray("CallDay", []) }, /CallDay: the list is empty/],
            ["a day twice", { CallDay: jsonArray("CallDay", ["MONDAY", "MONDAY"]) }, /CallDay: a day is listed twice/],
            ["a window without seconds", { CallTime: callTimes([["9:00", "12:00:00"]]) }, /CallTime\.0\.startTime: "9:00" is not a time in HH:mm:ss/],
            ["a window ending before it starts", { CallTime: callTimes([["12:00:00", "09:00:00"]]) }, /CallTime\.0: startTime must be earlier than endTime/],
            ["no windows", { CallTime: jsonArray("CallTime", []) }, /CallTime: the list is empty/],
            ["an unknown retry reason", { CallRetryReason: jsonArray("CallRetryReason", ["TIRED"]) }, /CallRetryReason: "TIRED" is not one of CALL_REJECTED/],
        ];
        for (const [what, change, message] of bad) {
            it(`refuses ${what}, and creates nothing`, async () => {
                const e = await refused("CreateAiCallTask", taskQuery(change));
                assert.equal(e.code, "InvalidParameter");
                assert.match(e.message, message);
                assert.deepEqual(emu.aiccs.tasks(), []);
            });
        }

        it("refuses a second task of the same name in the account", async () => {
            await create();
            assert.deepEqual(await refused("CreateAiCallTask", taskQuery()), { code: "Task.NameDuplicate", message: 'A task named "campaign" already exists in this account.' });
            const other = await create({ TaskName: "other" });
            await act("StopAiCallTask", { TaskId: other });
            assert.equal((await refused("UpdateAiCallTask", { TaskId: other, TaskName: "campaign" })).code, "Task.NameDuplicate");
        });

        it("allows a 720-minute retry interval on create, at most 120 on update", async () => {
            const taskId = await create({ CallRetryInterval: 720 });
            await act("StopAiCallTask", { TaskId: taskId });
            assert.match((await refused("UpdateAiCallTask", { TaskId: taskId, CallRetryInterval: 121 })).message, /CallRetryInterval: 121 is out of range \[1, 120\]/);
            assert.match((await refused("UpdateAiCallTask", { TaskId: taskId, StartType: "SCHEDULE" })).message, /TaskStartTime: required when StartType is SCHEDULE/);
        });

        it("updates and starts only a stopped task, stops only a running one", async () => {
            const taskId = await create();
            assert.deepEqual(await refused("UpdateAiCallTask", { TaskId: taskId, TaskCps: 3 }), { code: "Task.StatusError", message: `Task ${taskId} is not stopped (Status 1) and cannot be updated.` });
            assert.equal((await refused("StartAiCallTask", { TaskId: taskId })).code, "Task.StatusError");
            await act("StopAiCallTask", { TaskId: taskId });
            assert.deepEqual(await refused("StopAiCallTask", { TaskId: taskId }), { code: "Task.StatusError", message: `Task ${taskId} is not running (Status 2) and cannot be stopped.` });
        });

        it("imports at most 1,000 numbers a call, each a phone number", async () => {
            const taskId = await create();
            const tooMany = await refused("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: jsonArray("PhoneNumberList", numbers(1001)) });
            assert.match(tooMany.message, /PhoneNumberList length: 1001 is out of range \[1, 1000\]/);
            assert.match((await refused("ImportTaskNumberDatas", { TaskId: taskId, DataType: "JSON" }, { PhoneNumberList: jsonArray("PhoneNumberList", [{ calleeNumber: "not-a-number" }]) })).message, /PhoneNumberList\.0\.calleeNumber/);
            assert.match((await refused("ImportTaskNumberDatas", { TaskId: taskId, DataType: "EXCEL" }, { PhoneNumberList: jsonArray("PhoneNumberList", numbers(1)) })).message, /DataType: "EXCEL" is not one of JSON/);
            assert.equal(emu.aiccs.task(taskId)!.callees.length, 0);
            await importNumbers(taskId, numbers(1000));
            assert.equal(emu.aiccs.task(taskId)!.callees.length, 1000);
        });

        it("answers an unknown task with a business refusal, on every action that takes one", async () => {
            const missing = "118700000000000042";
            for (const action of ["QueryAiCallTaskDetail", "StartAiCallTask", "StopAiCallTask", "UpdateAiCallTask"]) {
                assert.deepEqual(await refused(action, { TaskId: missing }), { code: "Task.NotFound", message: `Task ${missing} does not exist.` });
            }
        });

        it("refuses a missing or malformed parameter at the gateway: HTTP 400, the SDK's ClientError", async () => {
            const { TaskName: _n, ...noName } = taskQuery();
            const cases: [Query, string, RegExp][] = [
                [noName, "MissingParameter", /"TaskName" that is mandatory/],
                [taskQuery({ CallRetryTimes: "two" }), "InvalidParameter", /"CallRetryTimes" is not valid: expected an integer/],
                [taskQuery({ MissCallRetry: "yes" }), "InvalidParameter", /"MissCallRetry" is not valid/],
                [taskQuery({ CallTime: "09:00-12:00" }), "InvalidParameter", /"CallTime" is not valid/],
                [taskQuery({ CallTime: JSON.stringify([{ startTime: "09:00:00", endTime: "12:00:00" }]) }), "InvalidParameter", /"CallTime.0" is not valid: expected a JSON string per window/],
                [taskQuery({ Priority: 1 }), "InvalidParameter", /"Priority" is not valid: not a parameter of this action/],
            ];
            for (const [query, code, message] of cases) {
                const e = await failure(act("CreateAiCallTask", query));
                assert.deepEqual([e.name, e.statusCode, e.code], ["ClientError", 400, code], e.message);
                assert.match(e.message, message);
            }
            assert.deepEqual(emu.aiccs.tasks(), []);
        });
    });

    describe("ACS3 signatures", () => {
        it("accepts the SDK's signature and a hand-made one from the spec", async () => {
            assert.equal((await list()).Total, 0);
            const r = await raw();
            assert.deepEqual([r.status, r.body.Success, r.body.Data.Total], [200, true, 0]);
        });

        it("refuses a wrong secret and an unknown AccessKey, as ClientErrors", async () => {
            const wrong = await failure(call(client({ accessKeyId: SECRET_ID, accessKeySecret: "not-the-secret" }), "QueryAiCallTaskPage", {}));
            assert.deepEqual([wrong.name, wrong.statusCode, wrong.code], ["ClientError", 400, "SignatureDoesNotMatch"]);
            const unknown = await failure(call(client({ accessKeyId: "LTAIunknown", accessKeySecret: SECRET_KEY }), "QueryAiCallTaskPage", {}));
            assert.deepEqual([unknown.name, unknown.statusCode, unknown.code], ["ClientError", 404, "InvalidAccessKeyId.NotFound"]);
        });

        const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
            ["a body changed after signing", () => raw({ action: "CreateAiCallTask", query: {}, form: { TaskName: "a" }, sendForm: { TaskName: "b" } }), 400, "SignatureDoesNotMatch"],
            ["a date 20 minutes old", () => raw({ date: new Date(Date.now() - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z") }), 400, "InvalidTimeStamp.Expired"],
            ["a date 20 minutes ahead", () => raw({ date: new Date(Date.now() + 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z") }), 400, "InvalidTimeStamp.Expired"],
            ["a date not in ISO 8601 UTC", () => raw({ date: new Date().toUTCString() }), 400, "IncompleteSignature"],
            ["x-acs-date left unsigned", () => raw({ unsigned: ["x-acs-date"] }), 400, "IncompleteSignature"],
            ["another version", () => raw({ version: "2020-07-01" }), 400, "InvalidVersion"],
            ["an unknown action", () => raw({ action: "DeleteAiCallTask" }), 404, "InvalidAction.NotFound"],
            ["an action named like an object's own property", () => raw({ action: "constructor" }), 404, "InvalidAction.NotFound"],
        ];
        for (const [what, send, status, code] of cases) {
            it(`refuses ${what}: HTTP ${status} ${code}`, async () => {
                const r = await send();
                assert.deepEqual([r.status, r.body.Code], [status, code], JSON.stringify(r.body));
                assert.deepEqual(Object.keys(r.body).sort(), ["Code", "HostId", "Message", "RequestId"]);
                assert.deepEqual(emu.aiccs.tasks(), []);
            });
        }

        it("refuses a reused nonce (a replay)", async () => {
            assert.equal((await raw({ nonce: "nonce-1" })).status, 200);
            const again = await raw({ nonce: "nonce-1" });
            assert.deepEqual([again.status, again.body.Code], [400, "SignatureNonceUsed"]);
        });

        it("checks the security token of temporary credentials", async () => {
            await emu.close();
            emu = await startTestEmulator({ credentials: [{ secretId: "STS.temp", secretKey: "temp-secret", token: "session-token" }] });
            try {
                const ok = await call(client({ accessKeyId: "STS.temp", accessKeySecret: "temp-secret", securityToken: "session-token" }), "QueryAiCallTaskPage", {});
                assert.equal(ok.Success, true);
                const e = await failure(call(client({ accessKeyId: "STS.temp", accessKeySecret: "temp-secret", securityToken: "other" }), "QueryAiCallTaskPage", {}));
                assert.deepEqual([e.statusCode, e.code], [400, "InvalidSecurityToken.Mismatch"]);
            } finally {
                await emu.close();
                emu = await startTestEmulator();
            }
        });
    });

    describe("calls on the model clock", () => {
        /** Every call placed, in Shanghai time: weekday and HH:mm. */
        const placed = (taskId: string) =>
            emu.aiccs
                .task(taskId)!
                .callees.filter((c) => c.callingAt !== undefined)
                .map((c) => DateTime.fromMillis(c.callingAt!, { zone: AICCS_WINDOW_ZONE }))
                .map((t) => [t.weekday, t.toFormat("HH:mm")] as const);

        it("dials only inside CallTime on a CallDay, China time, retrying as configured", async () => {
            // Wednesdays only: T0 is Tuesday 08:00.
            const taskId = await create({ CallDay: jsonArray("CallDay", ["WEDNESDAY"]), CallTime: callTimes([["09:00:00", "10:00:00"]]) });
            await importNumbers(taskId, numbers(5));
            emu.advance(6 * 3600); // Tuesday 14:00
            assert.deepEqual(placed(taskId), [], "dialled on a Tuesday");
            emu.setClock(T0 + 24 * 3600 + 3600 - 60); // Wednesday 08:59
            assert.deepEqual(placed(taskId), []);
            emu.advance(120); // 09:01
            assert.ok(placed(taskId).length >= 2, "no calls inside the window");
            assert.deepEqual((await details(taskId, 0)).filter((r) => r.Status === 3).length, 2, "TaskCps 2: two at once");
            emu.advance(3 * 3600); // 12:01
            const times = placed(taskId);
            assert.ok(times.every(([day, hhmm]) => day === 3 && hhmm >= "09:00" && hhmm < "10:00"), JSON.stringify(times));
            const done = [...(await details(taskId, 1)), ...(await details(taskId, 2))];
            assert.equal(done.length, 5, "every callee ended or failed within the window");
            assert.ok(emu.aiccs.task(taskId)!.callees.every((c) => c.attempts === 1 || (c.attempts === 2 && c.state !== "retrying")));
        });

        it("starts a SCHEDULE task at TaskStartTime, and a stopped task dials no one", async () => {
            const start = (T0 + 3 * 3600) * 1000; // Tuesday 11:00
            const scheduled = await create({ TaskName: "scheduled", StartType: "SCHEDULE", TaskStartTime: start });
            const stopped = await create({ TaskName: "stopped" });
            await act("StopAiCallTask", { TaskId: stopped });
            await importNumbers(scheduled, numbers(2));
            await importNumbers(stopped, numbers(2, 10));
            emu.advance(2 * 3600 + 1800); // 10:30: inside the window, before the start time
            assert.deepEqual([placed(scheduled), (await list({ TaskId: scheduled })).List[0].Status], [[], 0]);
            emu.advance(1800 + 60); // 11:01
            assert.equal((await list({ TaskId: scheduled })).List[0].Status, 1);
            assert.deepEqual((await act("QueryAiCallTaskDetail", { TaskId: scheduled })).Data.RealStartTime, start);
            assert.ok(placed(scheduled).length > 0);
            assert.deepEqual(placed(stopped), []);
        });
    });

    describe("undocumented answers, switched", () => {
        const answers = (body: unknown) => fetch(`http://127.0.0.1:${emu.port}/_emulator/aiccs/answers`, { method: "POST", body: JSON.stringify(body) });

        it("delivers business refusals as HTTP 400 ClientErrors, with other codes and messages", async () => {
            emu.aiccs.setAnswers({ businessStatus: 400, notFound: { code: "TaskNotExist", message: "任务不存在" }, duplicateName: { code: "Task.Exists" } });
            const e = await failure(act("QueryAiCallTaskDetail", { TaskId: "118700000000000042" }));
            assert.deepEqual([e.name, e.statusCode, e.code], ["ClientError", 400, "TaskNotExist"]);
            assert.match(e.message, /任务不存在/);
            await create();
            const dup = await failure(act("CreateAiCallTask", taskQuery()));
            assert.deepEqual([dup.code, dup.statusCode], ["Task.Exists", 400]);
            assert.match(dup.message, /already exists/, "the emulator's message when none is given");
        });

        it("starts an IMMEDIATE task at creation by default, on its first import, or fails it while empty", async () => {
            const status = async (taskId: string) => (await list({ TaskId: taskId })).List[0];
            const atCreate = await create({ TaskName: "default" });
            assert.equal((await status(atCreate)).Status, 1);
            emu.aiccs.setAnswers({ immediateStart: "onFirstImport" });
            const waits = await create({ TaskName: "waits" });
            assert.equal((await status(waits)).Status, 0);
            await importNumbers(waits, numbers(1));
            assert.equal((await status(waits)).Status, 1);
            emu.aiccs.setAnswers({ immediateStart: "failsWhenEmpty" });
            const fails = await create({ TaskName: "fails" });
            assert.deepEqual([(await status(fails)).Status, (await status(fails)).StartFailedReason], [3, "任务没有可呼叫的号码"]);
            await importNumbers(fails, numbers(1));
            await act("StartAiCallTask", { TaskId: fails });
            assert.equal((await status(fails)).Status, 1);
        });

        it("is set over HTTP, refuses what it does not know, and is cleared by reset", async () => {
            const r = await answers({ immediateStart: "onFirstImport" });
            assert.deepEqual([r.status, await r.json()], [200, { immediateStart: "onFirstImport" }]);
            const bad = await answers({ immediateStart: "never" });
            assert.equal(bad.status, 400);
            assert.match(((await bad.json()) as any).error, /immediateStart/);
            emu.reset();
            assert.deepEqual(emu.aiccs.answers(), {});
        });
    });

    describe("faults", () => {
        it("hides a new task from the list until enough listings were answered, not from the detail", async () => {
            const before = await create({ TaskName: "before" });
            emu.aiccs.setFaults({ listLag: { listCalls: 1 } });
            const lagging = await create({ TaskName: "lagging" });
            assert.equal((await act("QueryAiCallTaskDetail", { TaskId: lagging })).Data.TaskName, "lagging");
            assert.deepEqual((await list()).List.map((t: any) => t.TaskId), [before]);
            assert.deepEqual((await list()).List.map((t: any) => t.TaskId), [lagging, before]);
        });

        it("throttles past the rate limit per action: the SDK's ThrottlingError, and no other action", async () => {
            const c = client();
            const outcome = (p: Promise<unknown>) => p.then(() => "ok", (e) => (e instanceof ThrottlingError ? `throttled ${e.statusCode} ${e.code}` : `${e.name} ${e.code}`));
            const results = await Promise.all([...Array.from({ length: 25 }, () => outcome(call(c, "QueryAiCallTaskPage", {}))), outcome(call(c, "QueryAiCallTaskDetail", { TaskId: "1" }))]);
            const throttled = results.filter((r) => r === "throttled 400 Throttling.User").length;
            assert.ok(throttled >= 5, results.join(","));
            assert.equal(results.filter((r) => r === "ok").length, 26 - throttled, results.join(","));
            assert.equal(emu.aiccs.requestLog().filter((e) => e.outcome === "Throttling.User").length, throttled);
        });

        it("injects internal errors, unavailability, resets and dropped answers, and logs them", async () => {
            emu.aiccs.setFaults({ internalError: { count: 1 } });
            const internal = await failure(act("CreateAiCallTask", taskQuery()));
            assert.deepEqual([internal.name, internal.statusCode, internal.code], ["ServerError", 500, "InternalError"]);
            emu.aiccs.setFaults({ serviceUnavailable: { count: 1 } });
            const unavailable = await failure(act("CreateAiCallTask", taskQuery()));
            assert.deepEqual([unavailable.name, unavailable.statusCode, unavailable.code], ["ServerError", 503, "ServiceUnavailable"]);
            emu.aiccs.setFaults({ connectionReset: { count: 1 } });
            const reset = await failure(act("CreateAiCallTask", taskQuery()));
            assert.deepEqual([reset.sdk, reset.statusCode], [false, undefined], "a network error, not an answer");
            assert.deepEqual(emu.aiccs.tasks(), [], "nothing was done");
            emu.aiccs.setFaults({ dropAfterCommit: { actions: ["CreateAiCallTask"], count: 1, hangMs: 1500 } });
            const dropped = await failure(call(client(KEY, 800), "CreateAiCallTask", taskQuery()));
            assert.deepEqual([dropped.sdk, dropped.statusCode], [false, undefined], "no answer came");
            assert.equal(emu.aiccs.tasks().length, 1, "the dropped create committed");
            assert.deepEqual(
                emu.aiccs.requestLog().map((e) => [e.action, e.outcome]),
                [["CreateAiCallTask", "fault:internal"], ["CreateAiCallTask", "fault:unavailable"], ["CreateAiCallTask", "fault:reset"], ["CreateAiCallTask", "fault:drop"]],
            );
            assert.equal(emu.aiccs.requestLog()[3].taskId, ID(1));
            assert.deepEqual(emu.requestLog(), [], "CCC's log is its own");
        });

        it("answers like a gateway under badGateway: HTTP 502, an HTML page, nothing done", async () => {
            emu.aiccs.setFaults({ badGateway: { count: 1 } });
            const e = await failure(act("CreateAiCallTask", taskQuery()));
            assert.deepEqual([e.sdk, e.name], [false, "SyntaxError"], "the SDK reads an error body as JSON, and this is HTML");
            assert.deepEqual([emu.aiccs.tasks(), emu.aiccs.requestLog().map((x) => x.outcome)], [[], ["fault:502"]]);
        });

        it("keeps each vendor's faults to itself", async () => {
            emu.setFaults({ internalError: { count: 5 } });
            assert.equal((await list()).Total, 0);
            assert.deepEqual(emu.aiccs.faults(), {});
        });
    });

    describe("control plane and process", () => {
        const control = async (method: string, route: string, body?: unknown) => {
            const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
            return { status: r.status, body: (await r.json()) as any };
        };

        it("shows tasks and the log, sets faults, and acts in the console under /_emulator/aiccs/", async () => {
            const taskId = await create();
            assert.equal((await control("GET", `/aiccs/tasks/${taskId}`)).body.status, 1);
            assert.equal((await control("POST", `/aiccs/tasks/${taskId}/stop`)).body.status, 2);
            assert.equal((await control("POST", `/aiccs/tasks/${taskId}/stop`)).status, 409);
            assert.equal((await control("POST", `/aiccs/tasks/${taskId}/start`)).body.status, 1);
            assert.deepEqual((await control("POST", "/aiccs/faults", { latencyMs: 5 })).body, { latencyMs: 5 });
            assert.deepEqual((await control("GET", "/faults")).body, {}, "the top-level routes stay CCC's");
            assert.deepEqual((await control("GET", "/aiccs/log")).body.map((e: any) => e.action), ["CreateAiCallTask"]);
            await control("POST", `/aiccs/tasks/${taskId}/remove`);
            assert.deepEqual((await control("GET", "/aiccs/tasks")).body, []);
            assert.equal((await control("GET", `/aiccs/tasks/${taskId}`)).status, 404);
            await control("POST", "/reset");
            assert.deepEqual([(await control("GET", "/aiccs/log")).body, (await control("GET", "/aiccs/faults")).body], [[], {}]);
        });

        it("keeps AICCS tasks in the state file beside CCC's, and loads a file written before AICCS existed", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aiccs-emu-"));
            const statePath = path.join(dir, "state.json");
            const credentials = [{ secretId: SECRET_ID, secretKey: SECRET_KEY }];
            const first = await startEmulator({ statePath, credentials, clockStart: T0 });
            const created = lossless.parse(await call(aiccsClient(first.aiccs.endpoint, KEY), "CreateAiCallTask", taskQuery(), undefined, "string")).Data;
            await first.close();
            assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(statePath, "utf8"))).sort(), ["aiccs", "campaigns", "clock", "nextTaskId", "tasks"]);
            const second = await startEmulator({ statePath, credentials });
            try {
                assert.equal(second.aiccs.task(created)?.settings.TaskName, "campaign");
                const next = lossless.parse(await call(aiccsClient(second.aiccs.endpoint, KEY), "CreateAiCallTask", taskQuery({ TaskName: "next" }), undefined, "string")).Data;
                assert.equal(next, ID(2), "ids go on from the saved state");
            } finally {
                await second.close();
            }
            const before = path.join(dir, "before-aiccs.json");
            fs.writeFileSync(before, JSON.stringify({ clock: T0 + 60, nextTaskId: 1000005, tasks: [] }));
            const third = await startEmulator({ statePath: before, credentials });
            try {
                assert.deepEqual([third.now(), third.tasks(), third.aiccs.tasks()], [T0 + 60, [], []]);
            } finally {
                await third.close();
            }
        });

        it("serves both vendors from the command, printing how to reach each", async function () {
            this.timeout(60_000);
            const child = spawn(process.execPath, [BIN, "--port", "0", "--credentials", `${SECRET_ID}:${SECRET_KEY}`], { cwd: REPO });
            const exit = new Promise((resolve) => child.once("exit", resolve));
            try {
                const lines = await new Promise<string[]>((resolve, reject) => {
                    let out = "";
                    child.stdout.on("data", (d) => {
                        out += d;
                        if (out.split("\n").length > 2) resolve(out.split("\n"));
                    });
                    void exit.then((code) => reject(new Error(`exited ${code}`)));
                });
                assert.match(lines[0], /^http:\/\/ccc\.localhost:\d+$/);
                const [, endpoint] = /^aiccs (127\.0\.0\.1:\d+)$/.exec(lines[1]) ?? [];
                assert.ok(endpoint, lines[1]);
                assert.equal((await call(aiccsClient(endpoint, KEY), "QueryAiCallTaskPage", {})).Data.Total, 0);
            } finally {
                child.kill("SIGTERM");
            }
            assert.equal(await exit, 0);
        });
    });
});
