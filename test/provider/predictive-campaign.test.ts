// The PredictiveDialingCampaign provider against the CCC emulator, through the real SDK over HTTP:
// create once by name, update in place before the start and replace after it, pause/resume, abort
// then delete, drift on refresh, adoption and the plugin's import read, the redial guard, bad input
// with no API call, and N creates through faults giving exactly N campaigns.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { clientProcessState } from "../../provider/ccc";
import { operationStats } from "../../provider/shared/create-once";
import { resetProcessState } from "../../provider/shared/process";
import { PredictiveCampaignProvider } from "../../provider/predictive-campaign/provider";
import { predictiveCampaign, SDK_APP_ID, stackConfig, startTestEmulator, T0 } from "../support/provider-harness";

const HOUR = 3600;
const number = (i: number) => `+86138${String(i).padStart(8, "0")}`;

/** Callees +8613800000001…, one retry. */
const predictive = (over: Record<string, unknown> = {}) => predictiveCampaign({ callees: [number(1), number(2), number(3)], retryTimes: 1, ...over });

describe("PredictiveDialingCampaign provider (CCC emulator, tencentcloud-sdk-nodejs)", function () {
    this.timeout(120_000);
    let emu: Emulator;
    let provider: PredictiveCampaignProvider;

    const configure = async (extra: Record<string, string> = {}) => {
        resetProcessState();
        provider = new PredictiveCampaignProvider(async () => undefined);
        await provider.configure({ config: stackConfig(emu, { "tencentcloud:cccCreateSettleSeconds": "3", ...extra }) });
    };
    const checked = async (props: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
        const r = await provider.check(olds, props);
        assert.deepEqual(r.failures ?? [], []);
        return r.inputs!;
    };
    const create = async (props = predictive()) => provider.create(await checked(props));
    const actions = (since = 0) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Describe"));
    const record = (id: string) => emu.campaign(Number(id)) as Extract<ReturnType<Emulator["campaigns"]>[number], { kind: "predictive" }>;

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(async () => {
        emu.reset();
        await configure();
    });

    it("creates one campaign with every declared field, and reads it back as declared", async () => {
        const { id, outs } = await create(predictive({ ivrId: 8, uui: "u-1", variables: { plan: "gold" } }));
        assert.deepEqual(actions(), ["CreatePredictiveDialingCampaign"]);
        const c = record(id);
        assert.deepEqual(
            { ...c.request },
            {
                SdkAppId: SDK_APP_ID, Name: "winter-predictive", Callees: ["008613800000001", "008613800000002", "008613800000003"], Callers: ["008602012345678"],
                CallOrder: 1, SkillGroupId: 7, Priority: 2, ExpectedAbandonRate: 10, RetryInterval: 600, StartTime: T0 + HOUR, EndTime: T0 + 3 * 24 * HOUR + 12 * HOUR,
                IVRId: 8, RetryTimes: 1, Variables: [{ Key: "plan", Value: "gold" }], UUI: "u-1", TimeZone: "Asia/Shanghai", AvailableTime: [{ StartTime: "09:00:00", EndTime: "12:00:00" }],
            },
        );
        assert.deepEqual([outs.campaignId, outs.status, outs.statusName, outs.statusReason, outs.progress], [Number(id), 0, "notStarted", "normal", { callees: 3, finishedCallees: 0, sessions: 0 }]);
        const read = await provider.read(id, outs);
        assert.deepEqual(read.props, outs);
    });

    it("updates in place before the start, and replaces once started", async () => {
        const { id, outs } = await create();
        const news = await checked(predictive({ priority: 1, name: "winter-predictive-2", callees: [number(1), number(4)] }), outs);
        const diff = await provider.diff(id, outs, news);
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
        const before = emu.requestLog().length;
        const { outs: updated } = await provider.update(id, outs, news);
        assert.deepEqual(actions(before), ["UpdatePredictiveDialingCampaign"]);
        assert.deepEqual([record(id).request.Priority, record(id).request.Name, record(id).request.Callees, record(id).updates], [1, "winter-predictive-2", ["008613800000001", "008613800000004"], 1]);
        assert.equal(updated.name, "winter-predictive-2");
        // The zone and the windows are not in Update: they replace it, started or not.
        assert.deepEqual((await provider.diff(id, updated, await checked(predictive({ availableTime: [{ start: "10:00", end: "12:00" }] }), updated))).replaces, ["availableTime"]);
        emu.advance(HOUR + 60); // 09:01 Shanghai: running
        // (redial: everyone, as a callee may have finished already: the guard has its own test.)
        const started = await checked(predictive({ priority: 3, redial: "everyone" }), updated);
        assert.deepEqual((await provider.diff(id, updated, started)).replaces, ["name", "callees", "priority"]);
    });

    it("refuses an update that meets a campaign started since the preview, naming the fields", async () => {
        const { id, outs } = await create();
        const news = await checked(predictive({ priority: 4 }), outs);
        assert.deepEqual((await provider.diff(id, outs, news)).replaces, []);
        emu.advance(HOUR + 60);
        await assert.rejects(provider.update(id, outs, news), /^Error: priority: campaign \d+ started after the preview \(Status 1\), and CCC updates a campaign only before it starts; run `pulumi up` again to replace it$/);
        assert.equal(record(id).updates, 0);
    });

    it("pauses and resumes in place, and sees a pause from the console on refresh", async () => {
        const { id, outs } = await create();
        emu.advance(HOUR + 60);
        const before = emu.requestLog().length;
        const paused = (await provider.update(id, outs, await checked(predictive({ paused: true }), outs))).outs;
        assert.deepEqual([record(id).status, paused.paused, paused.statusName], [2, true, "paused"]);
        const resumed = (await provider.update(id, paused, await checked(predictive({ paused: false }), paused))).outs;
        assert.deepEqual(actions(before), ["PausePredictiveDialingCampaign", "ResumePredictiveDialingCampaign"]);
        assert.deepEqual([record(id).status, resumed.paused], [1, false]);
        emu.campaignConsole.pause(Number(id));
        const refreshed = (await provider.read(id, resumed)).props!;
        assert.deepEqual([refreshed.paused, refreshed.statusName], [true, "paused"]);
        assert.deepEqual((await provider.diff(id, refreshed, await checked(predictive(), refreshed))).replaces, []);
    });

    it("sees a campaign deleted in the console as gone on refresh", async () => {
        const { id, outs } = await create();
        emu.campaignConsole.remove(Number(id));
        assert.deepEqual(await provider.read(id, outs), {});
    });

    it("aborts a running campaign then deletes it, and only deletes a finished one", async () => {
        const running = await create();
        emu.advance(HOUR + 60);
        let before = emu.requestLog().length;
        await provider.delete(running.id, running.outs);
        assert.deepEqual(actions(before), ["AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign"]);
        assert.equal(emu.campaign(Number(running.id)), undefined);
        const ended = await create(predictive({ name: "ends" }));
        emu.campaignConsole.abort(Number(ended.id));
        before = emu.requestLog().length;
        await provider.delete(ended.id, ended.outs);
        assert.deepEqual(actions(before), ["DeletePredictiveDialingCampaign"]);
        // Gone already counts as deleted: nothing but a look.
        before = emu.requestLog().length;
        await provider.delete(ended.id, ended.outs);
        assert.deepEqual(actions(before), []);
    });

    it("refuses a name a live campaign of the application already has, and adopts that campaign with adoptCampaignId", async () => {
        const first = await create();
        await configure(); // another stack, or a state that lost the campaign
        await assert.rejects(create(), /^Error: name: "winter-predictive" is the name of live campaign \d+ in SdkAppId 1400123455; .* adoptCampaignId: \d+$/);
        assert.equal(emu.campaigns().length, 1);
        const wrong = await checked(predictive({ adoptCampaignId: Number(first.id), priority: 5 }));
        await assert.rejects(provider.create(wrong), /adoptCampaignId: campaign \d+ does not match the declared inputs, so it was not adopted: priority is 2$/);
        const adopted = await provider.create(await checked(predictive({ adoptCampaignId: Number(first.id) })));
        assert.equal(adopted.id, first.id);
        assert.equal(emu.campaigns().length, 1);
    });

    it("reads an import ID SDKAPPID/CAMPAIGNID with no properties (the plugin's import) into the inputs CCC returns", async () => {
        const { id } = await create();
        const read = await provider.read(`${SDK_APP_ID}/${id}`, {});
        assert.equal(read.id, id);
        const { progress, ...props } = read.props!;
        assert.deepEqual(props, {
            sdkAppId: SDK_APP_ID, name: "winter-predictive", callOrder: 1, skillGroupId: 7, priority: 2, expectedAbandonRate: 10, retryInterval: 600,
            startTime: T0 + HOUR, endTime: T0 + 3 * 24 * HOUR + 12 * HOUR, retryTimes: 1, paused: false, campaignId: Number(id), status: 0, statusName: "notStarted", statusReason: "normal",
        });
        assert.deepEqual(progress, { callees: 3, finishedCallees: 0, sessions: 0 });
        await assert.rejects(provider.read("42", {}), /import ID "42": must be SDKAPPID\/CAMPAIGNID/);
    });

    it("refuses a replacement that would call finished callees again, unless redial is everyone", async () => {
        const { id, outs } = await create(predictive({ lineage: "0123456789abcdef" }));
        emu.advance(HOUR + 10 * 60); // ten minutes of dialing: some callees finish
        const refreshed = (await provider.read(id, outs)).props!;
        const finished = (refreshed.progress as { finishedCallees: number }).finishedCallees;
        assert.ok(finished > 0, "no callee finished: the test means nothing");
        const news = await checked(predictive({ timeZone: "Asia/Hong_Kong", lineage: "0123456789abcdef" }), refreshed);
        await assert.rejects(provider.diff(id, refreshed, news), new RegExp(`^Error: redial: the campaign "winter-predictive" replaces has ${finished} finished callee\\(s\\)`));
        // The engine deletes before it creates: the create refuses too, from what the delete saw.
        await provider.delete(id, refreshed);
        const before = emu.requestLog().length;
        await assert.rejects(provider.create(news), /^Error: redial: /);
        assert.deepEqual(actions(before), []);
        const again = await provider.create(await checked(predictive({ timeZone: "Asia/Hong_Kong", lineage: "0123456789abcdef", redial: "everyone" })));
        assert.deepEqual(record(again.id).request.Callees.length, 3);
    });

    describe("bad input: every problem in one pass, naming the field, with no API call", () => {
        const table: [string, Record<string, unknown>, string[]][] = [
            ["a missing required field", { skillGroupId: undefined }, ["skillGroupId: is required"]],
            ["an empty name", { name: " " }, ["name: must not be empty"]],
            ["a bad callee", { callees: [number(1), "12"] }, ["callees[1]"]],
            ["a callee listed twice", { callees: [number(1), number(1)] }, ["callees[1]: +86*********01 is listed more than once (it would be called twice)"]],
            ["a call order out of the API's", { callOrder: 2 }, ["callOrder: must be 0 (random) or 1 (in order)"]],
            ["a priority out of 1–5", { priority: 6 }, ["priority: must be 1–5"]],
            ["an abandon rate under Update's 5", { expectedAbandonRate: 3 }, ["expectedAbandonRate: must be 5–50 percent"]],
            ["a retry interval under 60 s", { retryInterval: 30 }, ["retryInterval: must be 60–86400 seconds"]],
            ["three retries", { retryTimes: 3 }, ["retryTimes: must be 0–2"]],
            ["an end before the start", { endTime: "2027-11-30T08:00:00+08:00" }, ["endTime: must be after startTime"]],
            ["an end already passed", { startTime: 1, endTime: 2 }, ["endTime: 1970-01-01T00:00:02Z has already passed"]],
            ["a zone that is not IANA", { timeZone: "China" }, ["timeZone: must be an IANA time zone such as Asia/Shanghai"]],
            ["overlapping windows", { availableTime: [{ start: "09:00", end: "12:00" }, { start: "11:00", end: "13:00" }] }, ["availableTime[1]: 11:00–13:00 overlaps 09:00–12:00 (window [0]): windows must not overlap"]],
            ["an attribute for a number not called", { calleeAttributes: [{ callee: number(9), uui: "x" }] }, ["calleeAttributes[0].callee: +86*********09 is not in callees"]],
            ["a misspelt input", { skilGroupId: 7 }, ["skilGroupId: is not a PredictiveDialingCampaign input (check the spelling; inputs are camelCase)"]],
        ];
        for (const [what, over, expected] of table) {
            it(`refuses ${what}`, async () => {
                const { failures } = await provider.check({}, predictive(over));
                assert.deepEqual(failures!.map((f) => `${f.property}: ${f.reason}`).map((m, i) => (expected[i]?.includes(":") ? m.slice(0, expected[i].length) : m.split(":")[0])), expected);
                assert.equal(emu.requestLog().length, 0, "an API call was made");
            });
        }
        it("reports several problems at once", async () => {
            const { failures } = await provider.check({}, predictive({ priority: 0, callOrder: "random", callees: ["+8613800000001", "+8613800000001"], timezone: "UTC", endTime: "2027-11-30T08:00:00+08:00" }));
            assert.deepEqual(failures!.map((f) => f.property), ["timezone", "callOrder", "priority", "endTime", "callees[1]"]);
            assert.equal(emu.requestLog().length, 0);
        });
        it("never shows a full callee number in an error", async () => {
            const { failures } = await provider.check({}, predictive({ callees: [number(5), number(5)], calleeAttributes: [{ callee: number(6) }] }));
            assert.doesNotMatch(JSON.stringify(failures), /13800000005|13800000006/);
        });
    });

    it("updates, pauses, resumes, aborts and deletes through an answer lost after each committed", async () => {
        await configure({ "tencentcloud:cccTimeoutSeconds": "1" });
        const { id, outs } = await create();
        const drop = (action: string) => emu.setFaults({ dropAfterCommit: { actions: [action], count: 1, hangMs: 1500 } });
        drop("UpdatePredictiveDialingCampaign");
        const updated = (await provider.update(id, outs, await checked(predictive({ priority: 4 }), outs))).outs;
        assert.deepEqual([record(id).request.Priority, record(id).updates], [4, 2]); // the repeat is the same update
        emu.advance(HOUR + 60);
        drop("PausePredictiveDialingCampaign");
        const paused = (await provider.update(id, updated, await checked(predictive({ priority: 4, paused: true }), updated))).outs;
        drop("ResumePredictiveDialingCampaign");
        await provider.update(id, paused, await checked(predictive({ priority: 4 }), paused));
        assert.equal(record(id).status, 1);
        drop("AbortPredictiveDialingCampaign");
        await provider.delete(id, paused);
        drop("DeletePredictiveDialingCampaign");
        const other = await create(predictive({ name: "second" }));
        await provider.delete(other.id, other.outs);
        emu.clearFaults();
        assert.deepEqual(emu.campaigns(), []);
        assert.equal(emu.requestLog().filter((e) => e.outcome === "fault:drop").length, 5);
    });

    it("makes exactly one campaign per resource through dropped answers, resets, internal errors, list lag and throttling", async () => {
        const N = 20;
        await emu.close();
        emu = await startTestEmulator({ rateLimitPerSecond: 20 });
        await configure({ "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccMaxAttempts": "12", "tencentcloud:cccRequestsPerSecond": "40", "tencentcloud:cccCreateSettleSeconds": "5" });
        emu.setFaults({
            latencyMs: 15,
            listLag: { listCalls: 2, seconds: 2 },
            dropAfterCommit: { actions: ["CreatePredictiveDialingCampaign"], probability: 0.3, hangMs: 1500, seed: 7 },
            connectionReset: { probability: 0.08, seed: 11 },
            internalErrorAfterCommit: { actions: ["CreatePredictiveDialingCampaign"], probability: 0.1, seed: 17 },
            internalError: { probability: 0.05, seed: 13 },
        });
        const inputs = await Promise.all(Array.from({ length: N }, (_, i) => checked(predictive({ name: `campaign-${i}` }))));
        const results = await Promise.allSettled(inputs.map((i) => provider.create(i)));
        emu.clearFaults();
        const log = emu.requestLog();
        const count = (outcome: string) => log.filter((e) => e.outcome === outcome).length;
        const ops = operationStats();
        const figures = {
            declared: N,
            campaigns: emu.campaigns().length,
            faults: { dropped: count("fault:drop"), reset: count("fault:reset"), internal: count("fault:internal"), throttled: count("RequestLimitExceeded") },
            settle: { searches: ops.settles, found: ops.settledFound },
            retries: clientProcessState().stats.retries,
        };
        console.log(`      figures: ${JSON.stringify(figures)}`);
        assert.deepEqual(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)), []);
        assert.ok(figures.faults.dropped >= 3, `too few dropped answers (${figures.faults.dropped}) for the test to mean anything`);
        const names = emu.campaigns().map((c) => (c.request as { Name: string }).Name).sort();
        assert.deepEqual(names, Array.from({ length: N }, (_, i) => `campaign-${i}`).sort());
        const ids = results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id).sort();
        assert.deepEqual(ids, emu.campaigns().map((c) => String(c.campaignId)).sort(), "a campaign is not tracked (orphan)");
    });
});
