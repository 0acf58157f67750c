// The predictive and agent cruise campaign actions of the CCC emulator, through the real SDK over HTTP.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { ccc } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc";
import { type Emulator, type PredictiveCampaign, startEmulator } from "../../../emulator";
import { hash } from "../../../emulator/core/dialer";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../../support/provider-harness";

type Client = InstanceType<typeof ccc.v20200210.Client>;
type CreatePredictive = Parameters<Client["CreatePredictiveDialingCampaign"]>[0];

/** The SDK's client on the emulator; `ccc.localhost` resolved to loopback, whatever the system resolver does. */
function client(emu: Emulator, timeoutSeconds = 5): Client {
    const agent = new http.Agent({ lookup: ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) => (opts.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4))) as never });
    return new ccc.v20200210.Client({
        credential: { secretId: SECRET_ID, secretKey: SECRET_KEY },
        region: "",
        profile: { httpProfile: { protocol: "http://", endpoint: new URL(emu.url).host, reqTimeout: timeoutSeconds, agent } },
    });
}

const CALLEES = ["008613012345678", "008613112345678", "008613212345678"];
const FIRST = 5000001;
/** 10:00 in Shanghai on the first day. */
const TEN = T0 + 2 * 3600;

/** A predictive campaign from T0 + 1h to T0 + 2 days, dialing 10:00–11:00 Shanghai, in order. */
function predictive(overrides: Record<string, unknown> = {}): CreatePredictive {
    return {
        SdkAppId: SDK_APP_ID,
        Name: "p",
        Callees: CALLEES,
        Callers: ["008602012345678"],
        CallOrder: 1,
        SkillGroupId: 7,
        Priority: 2,
        ExpectedAbandonRate: 10,
        RetryInterval: 600,
        StartTime: T0 + 3600,
        EndTime: T0 + 2 * 86400,
        RetryTimes: 1,
        TimeZone: "Asia/Shanghai",
        AvailableTime: [{ StartTime: "10:00:00", EndTime: "11:00:00" }],
        ...overrides,
    } as CreatePredictive;
}

function cruise(overrides: Record<string, unknown> = {}): Parameters<Client["CreateAgentCruiseDialingCampaign"]>[0] {
    return { SdkAppId: SDK_APP_ID, Name: "c", Agent: "agent@example.com", ConcurrencyNumber: 2, StartTime: T0 + 60, EndTime: T0 + 86400, Callees: CALLEES, Callers: ["008602012345678"], CallOrder: 1, ...overrides } as never;
}

/** The update that mirrors `predictive()`, with `overrides`. */
function update(campaignId: number, overrides: Record<string, unknown> = {}): Parameters<Client["UpdatePredictiveDialingCampaign"]>[0] {
    const { TimeZone: _z, AvailableTime: _w, ...rest } = predictive();
    return { ...rest, CampaignId: campaignId, ...overrides } as never;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
    try {
        await p;
    } catch (e: any) {
        return { code: e.code ?? "", message: e.message ?? "" };
    }
    throw new Error("expected the call to fail");
}

const session = (campaignId: number, callee: string, attempt: number) => `session-${campaignId}-${hash(callee).toString(16)}-${attempt}`;
const withoutRequestId = ({ RequestId: _r, ...rest }: { RequestId?: string }) => rest;

describe("CCC emulator: predictive and agent cruise campaigns", () => {
    let emu: Emulator;
    let c: Client;
    const ref = (CampaignId = FIRST) => ({ SdkAppId: SDK_APP_ID, CampaignId });
    const status = async (id = FIRST) => {
        const r = await c.DescribePredictiveDialingCampaign(ref(id));
        return [r.Status, r.StatusReason];
    };

    before(async () => {
        emu = await startTestEmulator();
        c = client(emu);
    });
    after(() => emu.close());
    beforeEach(() => emu.reset());

    describe("predictive: happy path", () => {
        it("creates, describes with exactly the documented fields, and lists with filters", async () => {
            assert.deepEqual(withoutRequestId(await c.CreatePredictiveDialingCampaign(predictive())), { CampaignId: FIRST });
            assert.deepEqual(withoutRequestId(await c.DescribePredictiveDialingCampaign(ref())), {
                CampaignId: FIRST,
                Name: "p",
                CallOrder: 1,
                SkillGroupId: 7,
                IVRId: null,
                Priority: 2,
                ExpectedAbandonRate: 10,
                RetryTimes: 1,
                RetryInterval: 600,
                StartTime: T0 + 3600,
                EndTime: T0 + 2 * 86400,
                Variables: null,
                UUI: null,
                Status: 0,
                StatusReason: 0,
            });
            await c.CreatePredictiveDialingCampaign(predictive({ Name: "second", SkillGroupId: 8 }));
            const item = (id: number, name: string, group: number) => ({ CampaignId: id, Name: name, Status: 0, StatusReason: 0, CalleeCount: 3, FinishedCalleeCount: 0, Priority: 2, SkillGroupId: group });
            const list = (extra = {}) => c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0, ...extra }).then(withoutRequestId);
            assert.deepEqual(await list(), { TotalCount: 2, CampaignList: [item(FIRST, "p", 7), item(FIRST + 1, "second", 8)] });
            assert.deepEqual(await list({ Name: "eco" }), { TotalCount: 1, CampaignList: [item(FIRST + 1, "second", 8)] }, "Name is a keyword");
            assert.deepEqual(await list({ SkillGroupId: 7 }), { TotalCount: 1, CampaignList: [item(FIRST, "p", 7)] });
            assert.deepEqual(await list({ CampaignId: FIRST + 1 }), { TotalCount: 1, CampaignList: [item(FIRST + 1, "second", 8)] });
            assert.deepEqual(await list({ PageSize: 1, PageNumber: 1 }), { TotalCount: 2, CampaignList: [item(FIRST + 1, "second", 8)] }, "pages from 0");
        });

        it("takes GET with the parameters in the query string, as the tasks do", async () => {
            const get = client(emu);
            get.profile.httpProfile!.reqMethod = "GET";
            await get.CreatePredictiveDialingCampaign(predictive({ Variables: [{ Key: "k", Value: "v" }] }));
            assert.deepEqual((emu.campaign(FIRST) as PredictiveCampaign).request, predictive({ Variables: [{ Key: "k", Value: "v" }] }), "integers, arrays and objects read back from text");
            assert.equal((await get.DescribePredictiveDialingCampaign(ref())).Priority, 2);
        });

        it("dials only inside AvailableTime in its time zone, for the skill group's agents, retries, then completes", async () => {
            // Callees 1 and 2 go unanswered twice (the dialer's fixed outcomes); their retries, due an hour later
            // (11:02, 11:03), fall outside the window and wait for the next day's 10:00.
            await c.CreatePredictiveDialingCampaign(predictive({ RetryInterval: 3600 }));
            emu.setClock(TEN - 60);
            assert.deepEqual(await status(), [1, 0], "running from StartTime");
            const sessions = (PageSize = 100, PageNumber = 0) => c.DescribePredictiveDialingSessions({ ...ref(), PageSize, PageNumber }).then(withoutRequestId);
            assert.deepEqual(await sessions(), { TotalCount: 0, SessionList: [] }, "no call before 10:00 Shanghai");
            emu.setClock(TEN);
            const first = CALLEES.map((x) => session(FIRST, x, 1));
            assert.deepEqual(await sessions(), { TotalCount: 2, SessionList: first.slice(0, 2) }, "two agents (the default), callees in order");
            assert.deepEqual(await sessions(1, 1), { TotalCount: 2, SessionList: [first[1]] });
            emu.setClock(TEN + 86400 - 60);
            assert.deepEqual(await status(), [1, 0]);
            assert.deepEqual(await sessions(), { TotalCount: 3, SessionList: first }, "no retry outside the window");
            const list = async () => (await c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 })).CampaignList![0].FinishedCalleeCount;
            assert.equal(await list(), 1, "the answered one is finished; two await their retry");
            emu.setClock(TEN + 86400);
            assert.deepEqual(await sessions(), { TotalCount: 5, SessionList: [...first, session(FIRST, CALLEES[1], 2), session(FIRST, CALLEES[2], 2)] });
            emu.setClock(TEN + 86400 + 5 * 60);
            assert.deepEqual(await status(), [4, 0], "completed, normally");
            assert.equal(await list(), 3);
        });

        it("dials in a fixed shuffle for CallOrder 0, and as many at once as the skill group has agents", async () => {
            emu.setAnswers({ skillGroupAgents: 3 });
            await c.CreatePredictiveDialingCampaign(predictive({ CallOrder: 0 }));
            emu.setClock(TEN);
            const shuffled = [...CALLEES].sort((a, b) => hash(a) - hash(b));
            assert.deepEqual(emu.campaign(FIRST)!.callees.map((x) => x.callee), shuffled);
            assert.deepEqual((await c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 10, PageNumber: 0 })).SessionList, shuffled.map((x) => session(FIRST, x, 1)));
        });

        it("reads AvailableTime in the campaign's TimeZone", async () => {
            // 08:00–09:00 in New York is 13:00–14:00 UTC; T0 is 19:00 the evening before there.
            await c.CreatePredictiveDialingCampaign(predictive({ StartTime: T0, TimeZone: "America/New_York", AvailableTime: [{ StartTime: "08:00:00", EndTime: "09:00:00" }] }));
            emu.setClock(T0 + 13 * 3600 - 60);
            assert.equal(emu.campaign(FIRST)!.sessions.length, 0);
            emu.setClock(T0 + 13 * 3600);
            assert.equal(emu.campaign(FIRST)!.sessions.length, 2);
        });

        it("times out at EndTime: terminated, StatusReason 2, calls hung up", async () => {
            await c.CreatePredictiveDialingCampaign(predictive({ AvailableTime: [{ StartTime: "23:00:00", EndTime: "23:30:00" }], EndTime: T0 + 3 * 3600 }));
            emu.setClock(T0 + 3 * 3600);
            assert.deepEqual(await status(), [3, 2]);
            assert.equal((await c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 10, PageNumber: 0 })).TotalCount, 0, "never inside its window");
        });
    });

    describe("predictive: state transitions", () => {
        it("pauses and resumes before and after the start, aborts by hand, and refuses the rest with InvalidParameterValue", async () => {
            await c.CreatePredictiveDialingCampaign(predictive());
            assert.deepEqual(await refusal(c.ResumePredictiveDialingCampaign(ref())), { code: "InvalidParameterValue", message: `Campaign ${FIRST} is not started (Status 0) and cannot be resumed.` });
            await c.PausePredictiveDialingCampaign(ref());
            assert.deepEqual(await status(), [2, 0]);
            assert.equal((await refusal(c.PausePredictiveDialingCampaign(ref()))).message, `Campaign ${FIRST} is paused (Status 2) and cannot be paused.`);
            await c.ResumePredictiveDialingCampaign(ref());
            assert.deepEqual(await status(), [0, 0], "resumed before StartTime: not started again");
            await c.PausePredictiveDialingCampaign(ref());
            emu.setClock(TEN);
            assert.deepEqual(await status(), [2, 0], "a paused campaign does not start");
            assert.equal(emu.campaign(FIRST)!.sessions.length, 0, "nor dial");
            await c.ResumePredictiveDialingCampaign(ref());
            assert.deepEqual(await status(), [1, 0]);
            emu.advance(60);
            assert.equal(emu.campaign(FIRST)!.sessions.length, 2);
            await c.AbortPredictiveDialingCampaign(ref());
            assert.deepEqual(await status(), [3, 1], "terminated, ended by hand");
            assert.ok(emu.campaign(FIRST)!.callees.every((x) => x.state !== 3), "no call left in progress");
            for (const [op, verb] of [
                [c.PausePredictiveDialingCampaign(ref()), "paused"],
                [c.ResumePredictiveDialingCampaign(ref()), "resumed"],
                [c.AbortPredictiveDialingCampaign(ref()), "aborted"],
            ] as const) {
                assert.deepEqual(await refusal(op), { code: "InvalidParameterValue", message: `Campaign ${FIRST} is terminated (Status 3) and cannot be ${verb}.` });
            }
        });

        it("deletes a campaign that is not running or paused, and refuses one that is", async () => {
            await c.CreatePredictiveDialingCampaign(predictive());
            emu.setClock(TEN);
            assert.deepEqual(await refusal(c.DeletePredictiveDialingCampaign(ref())), { code: "InvalidParameterValue", message: `Campaign ${FIRST} is running (Status 1) and cannot be deleted.` });
            await c.PausePredictiveDialingCampaign(ref());
            assert.equal((await refusal(c.DeletePredictiveDialingCampaign(ref()))).message, `Campaign ${FIRST} is paused (Status 2) and cannot be deleted.`);
            await c.AbortPredictiveDialingCampaign(ref());
            assert.deepEqual(withoutRequestId(await c.DeletePredictiveDialingCampaign(ref())), {});
            assert.deepEqual(await refusal(c.DescribePredictiveDialingCampaign(ref())), { code: "InvalidParameterValue", message: `CampaignId ${FIRST} not found in SdkAppId ${SDK_APP_ID}.` });
            assert.equal((await c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 })).TotalCount, 0);
            await c.CreatePredictiveDialingCampaign(predictive({ StartTime: TEN + 3600, EndTime: TEN + 7200 }));
            await c.DeletePredictiveDialingCampaign(ref(FIRST + 1));
            assert.equal(emu.campaigns().length, 0, "a campaign not yet started is deleted too");
        });

        it("updates before the start (every field Update has), and refuses it after with UnsupportedOperation", async () => {
            await c.CreatePredictiveDialingCampaign(predictive({ IVRId: 4, UUI: "u" }));
            const changed = { Name: "renamed", Callees: [CALLEES[2], "008613312345678"], CallOrder: 0, SkillGroupId: 9, Priority: 5, ExpectedAbandonRate: 5, RetryInterval: 60, StartTime: T0 + 7200, EndTime: T0 + 86400, RetryTimes: 0, Variables: [{ Key: "k", Value: "v" }] };
            assert.deepEqual(withoutRequestId(await c.UpdatePredictiveDialingCampaign(update(FIRST, changed))), {});
            const { Callees: _c, ...described } = changed;
            assert.deepEqual(withoutRequestId(await c.DescribePredictiveDialingCampaign(ref())), { CampaignId: FIRST, ...described, IVRId: null, UUI: null, Status: 0, StatusReason: 0 }, "absent optional fields are cleared");
            const kept = emu.campaign(FIRST) as PredictiveCampaign;
            assert.deepEqual([kept.request.TimeZone, kept.request.AvailableTime, kept.callees.length], ["Asia/Shanghai", [{ StartTime: "10:00:00", EndTime: "11:00:00" }], 2], "Update has no TimeZone or AvailableTime: kept");
            emu.setClock(T0 + 7200);
            assert.deepEqual(await refusal(c.UpdatePredictiveDialingCampaign(update(FIRST))), { code: "UnsupportedOperation", message: `Campaign ${FIRST} is running (Status 1) and cannot be updated.` });
            await c.PausePredictiveDialingCampaign(ref());
            assert.equal((await refusal(c.UpdatePredictiveDialingCampaign(update(FIRST)))).code, "UnsupportedOperation", "paused after the start: started");
            assert.equal(((emu.campaign(FIRST) as PredictiveCampaign).request.Name), "renamed", "nothing changed");
        });
    });

    describe("predictive: validation", () => {
        const cases: [string, Record<string, unknown>, string, RegExp | string][] = [
            ["no Name", { Name: undefined }, "MissingParameter", "The request is missing a required parameter `Name`."],
            ["no SkillGroupId", { SkillGroupId: undefined }, "MissingParameter", "The request is missing a required parameter `SkillGroupId`."],
            ["Priority as text", { Priority: "2" }, "InvalidParameter", "The value type of parameter `Priority` is not valid: expected integer."],
            ["an unknown field", { Description: "x" }, "UnknownParameter", "The parameter `Description` is not recognized."],
            ["an empty Name", { Name: "" }, "InvalidParameterValue", "Name: the text is empty."],
            ["no callee", { Callees: [] }, "InvalidParameterValue", "Callees: the list is empty."],
            ["no caller", { Callers: [] }, "InvalidParameterValue", "Callers: the list is empty."],
            ["CallOrder 2", { CallOrder: 2 }, "InvalidParameterValue", "CallOrder: value 2 is not one of 0, 1."],
            ["Priority 0", { Priority: 0 }, "InvalidParameterValue", "Priority: value 0 out of range [1, 5]."],
            ["Priority 6", { Priority: 6 }, "InvalidParameterValue", "Priority: value 6 out of range [1, 5]."],
            ["ExpectedAbandonRate 51", { ExpectedAbandonRate: 51 }, "InvalidParameterValue", "ExpectedAbandonRate: value 51 out of range [0, 50]."],
            ["RetryInterval 59", { RetryInterval: 59 }, "InvalidParameterValue", "RetryInterval: value 59 out of range [60, 86400]."],
            ["RetryInterval 86401", { RetryInterval: 86401 }, "InvalidParameterValue", "RetryInterval: value 86401 out of range [60, 86400]."],
            ["RetryTimes 3", { RetryTimes: 3 }, "InvalidParameterValue", "RetryTimes: value 3 out of range [0, 2]."],
            ["EndTime before StartTime", { EndTime: T0 + 3600 }, "InvalidParameterValue", "EndTime: must be later than StartTime."],
            ["a made-up time zone", { TimeZone: "Mars/Olympus" }, "InvalidParameterValue", 'TimeZone: "Mars/Olympus" is not an IANA time zone.'],
            ["a window of 25:00", { AvailableTime: [{ StartTime: "09:00:00", EndTime: "25:00:00" }] }, "InvalidParameterValue", 'AvailableTime.0.EndTime: "25:00:00" is not a time in HH:MM:SS format.'],
            ["an unknown app", { SdkAppId: 1 }, "InvalidParameterValue", "SdkAppId 1 does not exist or does not belong to this account."],
        ];
        for (const [what, overrides, code, message] of cases) {
            it(`refuses ${what} on Create: ${code}`, async () => {
                assert.deepEqual(await refusal(c.CreatePredictiveDialingCampaign(predictive(overrides))), { code, message });
                assert.equal(emu.campaigns().length, 0);
            });
        }

        it("takes ExpectedAbandonRate 0 on Create (0–50) but not on Update (5–50), as each page documents", async () => {
            await c.CreatePredictiveDialingCampaign(predictive({ ExpectedAbandonRate: 0 }));
            assert.deepEqual(await refusal(c.UpdatePredictiveDialingCampaign(update(FIRST, { ExpectedAbandonRate: 4 }))), { code: "InvalidParameterValue", message: "ExpectedAbandonRate: value 4 out of range [5, 50]." });
            assert.deepEqual(await refusal(c.UpdatePredictiveDialingCampaign({ ...update(FIRST), TimeZone: "UTC" } as never)), { code: "UnknownParameter", message: "The parameter `TimeZone` is not recognized." });
            assert.deepEqual(await refusal(c.UpdatePredictiveDialingCampaign(update(FIRST, { Priority: 9 }))), { code: "InvalidParameterValue", message: "Priority: value 9 out of range [1, 5]." });
            assert.equal((emu.campaign(FIRST) as PredictiveCampaign).updates, 0);
        });

        it("refuses bad paging of the list (100) and the sessions (1000)", async () => {
            await c.CreatePredictiveDialingCampaign(predictive());
            assert.equal((await refusal(c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 101, PageNumber: 0 }))).message, "PageSize: value 101 out of range [1, 100].");
            assert.equal((await refusal(c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 1001, PageNumber: 0 }))).message, "PageSize: value 1001 out of range [1, 1000].");
            assert.equal((await c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 1000, PageNumber: 0 })).TotalCount, 0);
            assert.equal((await refusal(c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 10, PageNumber: -1 }))).message, "PageNumber: value -1 must not be negative.");
        });
    });

    describe("agent cruise", () => {
        it("creates, describes exactly, dials ConcurrencyNumber at once from StartTime, and completes (State 2)", async () => {
            assert.deepEqual(withoutRequestId(await c.CreateAgentCruiseDialingCampaign(cruise())), { CampaignId: FIRST });
            const describe = () => c.DescribeAgentCruiseDialingCampaign(ref()).then(withoutRequestId);
            const fields = { Name: "c", Agent: "agent@example.com", ConcurrencyNumber: 2, StartTime: T0 + 60, EndTime: T0 + 86400, CallOrder: 1, UUI: null, TotalCalleeCount: 3 };
            assert.deepEqual(await describe(), { ...fields, State: 0, CalledCalleeCount: 0 });
            emu.advance(60);
            assert.deepEqual(await describe(), { ...fields, State: 1, CalledCalleeCount: 2 }, "no window: it dials at once");
            emu.advance(3600);
            assert.deepEqual(await describe(), { ...fields, State: 2, CalledCalleeCount: 3 });
        });

        it("aborts (State 3), refuses a second abort, ends at EndTime, and is not a predictive campaign", async () => {
            await c.CreateAgentCruiseDialingCampaign(cruise());
            await c.CreateAgentCruiseDialingCampaign(cruise({ EndTime: T0 + 120, ConcurrencyNumber: 1 }));
            await c.CreateAgentCruiseDialingCampaign(cruise({ Callees: undefined }));
            await c.AbortAgentCruiseDialingCampaign(ref());
            assert.equal((await c.DescribeAgentCruiseDialingCampaign(ref())).State, 3);
            assert.deepEqual(await refusal(c.AbortAgentCruiseDialingCampaign(ref())), { code: "InvalidParameterValue", message: `Campaign ${FIRST} is terminated (State 3) and cannot be aborted.` });
            emu.advance(120);
            assert.deepEqual(
                [FIRST + 1, FIRST + 2].map((id) => emu.campaign(id)!).map((x) => [x.kind === "agentCruise" && x.state, x.callees.filter((y) => y.attempts).length]),
                [[3, 1], [2, 0]],
                "EndTime reached while calling: terminated; nothing to call: completed at the start",
            );
            assert.equal((await c.DescribeAgentCruiseDialingCampaign(ref(FIRST + 1))).State, 3);
            assert.equal((await refusal(c.DescribePredictiveDialingCampaign(ref()))).message, `CampaignId ${FIRST} not found in SdkAppId ${SDK_APP_ID}.`);
            assert.equal((await refusal(c.DeletePredictiveDialingCampaign(ref()))).code, "InvalidParameterValue");
            assert.equal((await c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 })).TotalCount, 0, "the list holds predictive campaigns only");
        });

        const cases: [string, Record<string, unknown>, string, string][] = [
            ["no Agent", { Agent: undefined }, "MissingParameter", "The request is missing a required parameter `Agent`."],
            ["an empty Agent", { Agent: "" }, "InvalidParameterValue", "Agent: the text is empty."],
            ["ConcurrencyNumber 0", { ConcurrencyNumber: 0 }, "InvalidParameterValue", "ConcurrencyNumber: value 0 out of range [1, 20]."],
            ["ConcurrencyNumber 21", { ConcurrencyNumber: 21 }, "InvalidParameterValue", "ConcurrencyNumber: value 21 out of range [1, 20]."],
            ["CallOrder 3", { CallOrder: 3 }, "InvalidParameterValue", "CallOrder: value 3 is not one of 0, 1."],
            ["a UUI of 1025 characters", { UUI: "x".repeat(1025) }, "InvalidParameterValue", "UUI: 1025 characters, more than 1024."],
            ["EndTime equal to StartTime", { EndTime: T0 + 60 }, "InvalidParameterValue", "EndTime: must be later than StartTime."],
            ["a window (it has none)", { AvailableTime: [] }, "UnknownParameter", "The parameter `AvailableTime` is not recognized."],
        ];
        for (const [what, overrides, code, message] of cases) {
            it(`refuses ${what}: ${code}`, async () => {
                assert.deepEqual(await refusal(c.CreateAgentCruiseDialingCampaign(cruise(overrides))), { code, message });
                assert.equal(emu.campaigns().length, 0);
            });
        }

        it("takes a UUI of exactly 1024 characters", async () => {
            await c.CreateAgentCruiseDialingCampaign(cruise({ UUI: "x".repeat(1024) }));
            assert.equal((await c.DescribeAgentCruiseDialingCampaign(ref())).UUI!.length, 1024);
        });
    });

    describe("undocumented answers, switched", () => {
        it("lets Update through after the start, and keeps omitted fields, when told", async () => {
            emu.setAnswers({ updatable: [0, 1, 2], updateOmitted: "keeps" });
            await c.CreatePredictiveDialingCampaign(predictive({ UUI: "u" }));
            emu.setClock(TEN + 60);
            await c.UpdatePredictiveDialingCampaign(update(FIRST, { Name: "late", Callees: [CALLEES[0], "008613312345678"], UUI: undefined }));
            const r = emu.campaign(FIRST) as PredictiveCampaign;
            assert.deepEqual([r.request.Name, r.request.UUI, r.status], ["late", "u", 1]);
            assert.deepEqual(r.callees.map((x) => [x.callee, x.attempts]), [[CALLEES[0], 1], ["008613312345678", 0]], "a kept number keeps its progress");
        });

        it("deletes a running campaign, when told", async () => {
            emu.setAnswers({ deletable: [1] });
            await c.CreatePredictiveDialingCampaign(predictive());
            assert.equal((await refusal(c.DeletePredictiveDialingCampaign(ref()))).message, `Campaign ${FIRST} is not started (Status 0) and cannot be deleted.`);
            emu.setClock(TEN);
            await c.DeletePredictiveDialingCampaign(ref());
            assert.equal(emu.campaigns().length, 0);
        });

        it("answers an unknown CampaignId and a wrong state as configured, for every action", async () => {
            emu.setAnswers({ notFound: { code: "ResourceNotFound", message: "gone" }, wrongState: "ok" });
            for (const p of [c.DescribePredictiveDialingCampaign(ref()), c.PausePredictiveDialingCampaign(ref()), c.DescribePredictiveDialingSessions({ ...ref(), PageSize: 1, PageNumber: 0 }), c.DescribeAgentCruiseDialingCampaign(ref()), c.AbortAgentCruiseDialingCampaign(ref())]) {
                assert.deepEqual(await refusal(p), { code: "ResourceNotFound", message: "gone" });
            }
            await c.CreatePredictiveDialingCampaign(predictive());
            await c.ResumePredictiveDialingCampaign(ref());
            emu.setClock(TEN);
            await c.UpdatePredictiveDialingCampaign(update(FIRST, { Name: "ignored" }));
            assert.deepEqual([(emu.campaign(FIRST) as PredictiveCampaign).request.Name, await status()], ["p", [1, 0]], '"ok": success, nothing changed');
        });

        it("limits unfinished campaigns per app with LimitExceeded.OutOfCountLimit, when given a limit", async () => {
            emu.setAnswers({ campaignLimit: 1 });
            await c.CreatePredictiveDialingCampaign(predictive());
            assert.deepEqual(await refusal(c.CreateAgentCruiseDialingCampaign(cruise())), { code: "LimitExceeded.OutOfCountLimit", message: "The app already holds 1 unfinished campaigns, the most it may." });
            await c.AbortPredictiveDialingCampaign(ref());
            assert.deepEqual(withoutRequestId(await c.CreateAgentCruiseDialingCampaign(cruise())), { CampaignId: FIRST + 1 });
        });

        it("refuses an unknown switch or a status that does not exist", () => {
            assert.throws(() => emu.setAnswers({ updatable: [5] } as never), /answers: .*updatable/s);
            assert.throws(() => emu.setAnswers({ deleteRunning: true } as never), /answers: .*deleteRunning/s);
        });
    });

    describe("faults, limits and the control plane", () => {
        it("commits a create whose answer is dropped, and changes nothing on an internal error", async () => {
            emu.setFaults({ dropAfterCommit: { actions: ["CreatePredictiveDialingCampaign"], count: 1, hangMs: 1500 } });
            assert.match((await refusal(client(emu, 1).CreatePredictiveDialingCampaign(predictive()))).message, /timeout/i);
            assert.deepEqual(emu.campaigns().map((x) => x.campaignId), [FIRST], "the dropped create committed");
            emu.setFaults({ internalError: { actions: ["UpdatePredictiveDialingCampaign", "CreateAgentCruiseDialingCampaign"], count: 2 } });
            assert.equal((await refusal(c.UpdatePredictiveDialingCampaign(update(FIRST, { Name: "x" })))).code, "InternalError");
            assert.equal((await refusal(c.CreateAgentCruiseDialingCampaign(cruise()))).code, "InternalError");
            assert.deepEqual([emu.campaigns().length, (emu.campaign(FIRST) as PredictiveCampaign).request.Name], [1, "p"]);
            assert.deepEqual(
                emu.requestLog().map((e) => [e.action, e.outcome, e.taskId]),
                [
                    ["CreatePredictiveDialingCampaign", "fault:drop", FIRST],
                    ["UpdatePredictiveDialingCampaign", "fault:internal", undefined],
                    ["CreateAgentCruiseDialingCampaign", "fault:internal", undefined],
                ],
            );
        });

        it("commits an update whose answer is dropped", async () => {
            await c.CreatePredictiveDialingCampaign(predictive());
            emu.setFaults({ dropAfterCommit: { actions: ["UpdatePredictiveDialingCampaign"], count: 1, hangMs: 1500 } });
            assert.match((await refusal(client(emu, 1).UpdatePredictiveDialingCampaign(update(FIRST, { Name: "dropped" })))).message, /timeout/i);
            assert.deepEqual([(await c.DescribePredictiveDialingCampaign(ref())).Name, (emu.campaign(FIRST) as PredictiveCampaign).updates], ["dropped", 1]);
        });

        it("hides a new campaign from the list under list lag, not from Describe", async () => {
            emu.setFaults({ listLag: { listCalls: 1 } });
            await c.CreatePredictiveDialingCampaign(predictive());
            const listed = async () => (await c.DescribePredictiveDialingCampaigns({ SdkAppId: SDK_APP_ID, PageSize: 10, PageNumber: 0 })).TotalCount;
            assert.equal(await listed(), 0);
            assert.equal((await c.DescribePredictiveDialingCampaign(ref())).CampaignId, FIRST);
            assert.equal(await listed(), 1);
        });

        it("throttles past 20 requests per second per action", async () => {
            await c.CreatePredictiveDialingCampaign(predictive());
            const answers = await Promise.allSettled(Array.from({ length: 21 }, () => c.DescribePredictiveDialingCampaign(ref())));
            const codes = answers.map((a) => (a.status === "rejected" ? (a.reason as { code: string }).code : "ok"));
            assert.deepEqual([codes.filter((x) => x === "ok").length, codes.filter((x) => x === "RequestLimitExceeded").length], [20, 1]);
            assert.equal((await c.DescribeAgentCruiseDialingCampaign(ref()).catch((e) => e)).code, "InvalidParameterValue", "another action has its own count");
        });

        it("shows campaigns and acts like a person in the console, over HTTP", async () => {
            const control = async (method: string, route: string) => {
                const r = await fetch(`http://127.0.0.1:${emu.port}/_emulator/ccc${route}`, { method });
                return { status: r.status, body: (await r.json()) as any };
            };
            await c.CreatePredictiveDialingCampaign(predictive());
            await c.CreateAgentCruiseDialingCampaign(cruise());
            assert.deepEqual((await control("GET", "/campaigns")).body.map((x: any) => [x.campaignId, x.kind]), [[FIRST, "predictive"], [FIRST + 1, "agentCruise"]]);
            assert.equal((await control("POST", `/campaigns/${FIRST}/pause`)).body.status, 2);
            assert.equal((await control("POST", `/campaigns/${FIRST}/resume`)).body.status, 0);
            assert.equal((await control("POST", `/campaigns/${FIRST + 1}/abort`)).body.state, 3);
            assert.equal((await control("POST", `/campaigns/${FIRST + 1}/abort`)).status, 409);
            assert.deepEqual((await control("POST", `/campaigns/${FIRST}/remove`)).body, { removed: FIRST });
            assert.deepEqual((await control("GET", `/campaigns/${FIRST}`)), { status: 404, body: { error: `no campaign ${FIRST}` } });
            assert.equal((await refusal(c.DescribePredictiveDialingCampaign(ref()))).code, "InvalidParameterValue");
            await fetch(`http://127.0.0.1:${emu.port}/_emulator/reset`, { method: "POST" });
            assert.deepEqual((await control("GET", "/campaigns")).body, []);
        });

        it("persists campaigns to the state file across restarts, and reads a file from before them", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-campaigns-"));
            const statePath = path.join(dir, "state.json");
            const first = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], sdkAppIds: [SDK_APP_ID], clockStart: T0, statePath });
            try {
                await client(first).CreatePredictiveDialingCampaign(predictive());
            } finally {
                await first.close();
            }
            const second = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], sdkAppIds: [SDK_APP_ID], statePath });
            try {
                assert.equal((await client(second).DescribePredictiveDialingCampaign(ref())).Name, "p");
                assert.deepEqual(withoutRequestId(await client(second).CreateAgentCruiseDialingCampaign(cruise())), { CampaignId: FIRST + 1 });
            } finally {
                await second.close();
            }
            const old = JSON.parse(fs.readFileSync(statePath, "utf8"));
            delete old.campaigns;
            fs.writeFileSync(statePath, JSON.stringify(old));
            const third = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], sdkAppIds: [SDK_APP_ID], statePath });
            try {
                assert.deepEqual(third.campaigns(), []);
            } finally {
                await third.close();
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });
});
