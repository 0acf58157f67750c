// The AgentCruiseDialingCampaign provider against the CCC emulator, through the real SDK over HTTP:
// bad input (every problem at once, no call), the lifecycle (create, drift on read, adopt, abort on
// delete), the replacement's redial, and creates through lost answers (exactly one campaign each).
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { AgentCruiseCampaignProvider } from "../../provider/agent-cruise-campaign/provider";
import { processSingleton, resetProcessState } from "../../provider/shared/process";
import { resourceLineage } from "../../provider/shared/lineage";
import { actions, SDK_APP_ID, stackConfig, startTestEmulator, T0 } from "../support/provider-harness";

const number = (i: number) => `+86138${String(i).padStart(8, "0")}`;
const LINEAGE = resourceLineage("p", "s", "cruise");
/** Starts at T0 (Tuesday 08:00 in Shanghai), ends the same day at 18:00. */
function campaign(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        sdkAppId: SDK_APP_ID,
        name: "agent-cruise",
        agent: "agent1@example.com",
        concurrencyNumber: 2,
        startTime: T0,
        endTime: "2027-11-30T18:00:00+08:00",
        callees: [1, 2, 3, 4, 5].map(number),
        callers: ["008602012345678"],
        callOrder: 1,
        ...over,
    };
}

describe("AgentCruiseDialingCampaign provider (CCC emulator, tencentcloud-sdk-nodejs)", function () {
    this.timeout(120_000);
    let emu: Emulator;
    let provider: AgentCruiseCampaignProvider;
    let warnings: string[];

    const configure = async () => {
        resetProcessState();
        warnings = [];
        provider = new AgentCruiseCampaignProvider(async (_urn, m) => void warnings.push(m));
        await provider.configure({ config: stackConfig(emu, { "tencentcloud:cccCreateSettleSeconds": "2" }) });
    };
    const checked = async (props: Record<string, unknown>) => {
        const r = await provider.check({}, { ...props, lineage: LINEAGE });
        assert.deepEqual(r.failures ?? [], []);
        return r.inputs!;
    };
    const create = async (props = campaign()) => provider.create(await checked(props));

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(async () => {
        emu.reset();
        await configure();
    });

    describe("bad input: the field and the rule, every problem in one pass, no API call", () => {
        const rows: [string, Record<string, unknown>, [string, RegExp][]][] = [
            ["no name", { name: "" }, [["name", /must not be empty/]]],
            ["no agent", { agent: undefined }, [["agent", /is required/]]],
            ["concurrency above the documented 20", { concurrencyNumber: 21 }, [["concurrencyNumber", /at most 20/]]],
            ["concurrency 0", { concurrencyNumber: 0 }, [["concurrencyNumber", /./]]],
            ["an end before the start", { endTime: T0 - 60 }, [["endTime", /must be after startTime/]]],
            ["an end already passed", { startTime: 1_000_000, endTime: 1_000_600 }, [["endTime", /has already passed/]]],
            ["a time without a zone", { startTime: "2027-11-30T09:00:00" }, [["startTime", /ISO-8601 with a time zone offset/]]],
            ["no callees", { callees: [] }, [["callees", /./]]],
            ["a callee twice", { callees: [number(1), number(1)] }, [["callees[1]", /\+86\*+01 is listed more than once/]]],
            ["a callee that is no number", { callees: [number(1), "+86 12"] }, [["callees[1]", /too short|not a valid/]]],
            ["a call order CCC does not know", { callOrder: 2 }, [["callOrder", /./]]],
            ["a UUI above 1024 characters", { uui: "x".repeat(1025) }, [["uui", /at most 1024/]]],
            ["a misspelt input", { concurrency: 2 }, [["concurrency", /is not an AgentCruiseDialingCampaign input/]]],
            ["paused (CCC cannot pause these)", { paused: true }, [["paused", /is not an AgentCruiseDialingCampaign input/]]],
            [
                "four problems at once",
                { name: " ", concurrencyNumber: 50, callees: ["12345"], uui: "x".repeat(2000) },
                [
                    ["name", /must not be empty/],
                    ["concurrencyNumber", /at most 20/],
                    ["callees[0]", /country code/],
                    ["uui", /at most 1024/],
                ],
            ],
        ];
        for (const [what, over, expected] of rows) {
            it(what, async () => {
                const r = await provider.check({}, campaign(over));
                assert.deepEqual(
                    (r.failures ?? []).map((f) => f.property),
                    expected.map(([p]) => p),
                );
                expected.forEach(([, reason], i) => assert.match(r.failures![i].reason, reason));
                // Callee numbers are masked in messages.
                assert.doesNotMatch(JSON.stringify(r.failures), /13800000001/);
                assert.deepEqual(actions(emu), []);
            });
        }
    });

    it("creates the campaign as declared: E.164 callees, 00… callers, state from Describe", async () => {
        const { id, outs } = await create();
        const c = emu.campaign(Number(id))!;
        assert.equal(c.kind, "agentCruise");
        assert.deepEqual(c.request, {
            SdkAppId: SDK_APP_ID,
            Name: "agent-cruise",
            Agent: "agent1@example.com",
            ConcurrencyNumber: 2,
            StartTime: T0,
            EndTime: T0 + 10 * 3600,
            Callees: [1, 2, 3, 4, 5].map(number),
            Callers: ["008602012345678"],
            CallOrder: 1,
        });
        assert.deepEqual([outs.campaignId, outs.state, outs.stateName, outs.progress, outs.lineage], [Number(id), 1, "running", { total: 5, called: 0 }, LINEAGE]);
        assert.deepEqual(actions(emu), ["CreateAgentCruiseDialingCampaign", "DescribeAgentCruiseDialingCampaign"]);
    });

    it("read sees a console abort and a name changed elsewhere (drift), and takes SDKAPPID/ID", async () => {
        const { id, outs } = await create();
        emu.campaignConsole.abort(Number(id));
        const read = await provider.read(id, outs);
        assert.deepEqual([read.id, read.props!.state, read.props!.stateName], [id, 3, "terminated"]);
        const imported = await provider.read(`${SDK_APP_ID}/${id}`, {});
        assert.deepEqual(
            [imported.id, imported.props!.sdkAppId, imported.props!.name, imported.props!.agent, imported.props!.concurrencyNumber, imported.props!.startTime, imported.props!.endTime, imported.props!.callOrder],
            [id, SDK_APP_ID, "agent-cruise", "agent1@example.com", 2, T0, T0 + 36000, 1],
        );
        await assert.rejects(provider.read("x/1", {}), /must be CAMPAIGNID or SDKAPPID\/CAMPAIGNID/);
    });

    it("read of a campaign that is gone drops it", async () => {
        const { id, outs } = await create();
        emu.campaignConsole.remove(Number(id));
        assert.deepEqual(await provider.read(id, outs), {});
    });

    it("delete aborts a running campaign, does nothing to a finished one, and every change replaces", async () => {
        const { id, outs } = await create();
        const diff = await provider.diff(id, outs, await checked(campaign({ concurrencyNumber: 3, redial: "everyone" })));
        assert.deepEqual(diff, { changes: true, replaces: ["concurrencyNumber"], deleteBeforeReplace: true });
        assert.deepEqual(await provider.diff(id, outs, await checked(campaign({ redial: "everyone" }))), { changes: false, replaces: [], deleteBeforeReplace: true });
        const before = emu.requestLog().length;
        await provider.delete(id, outs);
        assert.deepEqual(actions(emu, before), ["DescribeAgentCruiseDialingCampaign", "AbortAgentCruiseDialingCampaign", "DescribeAgentCruiseDialingCampaign"]);
        assert.deepEqual(emu.campaign(Number(id)), { ...emu.campaign(Number(id)), kind: "agentCruise", state: 3 });
        const again = emu.requestLog().length;
        await provider.delete(id, outs);
        assert.deepEqual(actions(emu, again), ["DescribeAgentCruiseDialingCampaign"]);
    });

    it("a replacement in order leaves out the callees the aborted campaign called; redial everyone calls them again", async () => {
        const { id, outs } = await create();
        emu.advance(120);
        const called = emu.campaign(Number(id))!.callees.filter((c) => c.attempts > 0).map((c) => c.callee);
        assert.deepEqual(called, [number(1), number(2)]);
        await provider.delete(id, outs);
        const next = await create(campaign({ concurrencyNumber: 3 }));
        assert.deepEqual(emu.campaign(Number(next.id))!.request.Callees, [3, 4, 5].map(number));
        assert.deepEqual(next.outs.calledEarlier, called);
        await provider.delete(next.id, next.outs);
        const third = await create(campaign({ concurrencyNumber: 4, redial: "everyone" }));
        assert.deepEqual(emu.campaign(Number(third.id))!.request.Callees, [1, 2, 3, 4, 5].map(number));
    });

    it("a replacement in random order dials everyone again, with a warning (CCC does not say who was called)", async () => {
        const { id, outs } = await create(campaign({ callOrder: 0 }));
        emu.advance(120);
        await provider.delete(id, outs);
        assert.match(warnings.join("\n"), /called 2 of 5 callees in random order, and CCC does not say which: a replacement dials all of them again/);
        const next = await create(campaign({ callOrder: 0, concurrencyNumber: 3 }));
        assert.equal(emu.campaign(Number(next.id))!.request.Callees!.length, 5);
    });

    it("adopts an existing campaign that matches, and refuses one that does not", async () => {
        const { id } = await create();
        await configure();
        const adopted = await create(campaign({ adoptCampaignId: Number(id) }));
        assert.deepEqual([adopted.id, emu.campaigns().length], [id, 1]);
        await assert.rejects(create(campaign({ adoptCampaignId: Number(id), agent: "agent2@example.com" })), /adoptCampaignId: campaign 5000001 does not match the declared inputs, so it was not adopted: agent: declared "agent2@example.com", campaign has "agent1@example.com"/);
        assert.equal(emu.campaigns().length, 1);
    });

    it("a stack whose state holds a pending create of the resource (an interrupted deploy) creates nothing, and says how to adopt", async () => {
        // The reading `check` makes of the stack's state (provider/shared/checkpoint.ts), as an interrupted deploy leaves it.
        processSingleton("checkpoint", () => ({ reading: Promise.resolve({ readAt: Date.now(), pendingCreates: new Map([[LINEAGE, "urn:pulumi:s::p::type::cruise"]]) }), warnedUnreadable: false }));
        await assert.rejects(create(), /pending create of cruise from an interrupted deploy.*CCC has no list of agent cruise campaigns.*set adoptCampaignId/);
        assert.deepEqual(actions(emu), []);
    });

    describe("create through lost answers: exactly one campaign per resource", () => {
        it("N creates with dropped answers, resets and errors after commit make exactly N campaigns", async () => {
            const N = 12;
            // The first create is answered: it gives the id the search after a lost answer starts from.
            await create(campaign({ name: "cruise-0" }));
            emu.setFaults({
                dropAfterCommit: { actions: ["CreateAgentCruiseDialingCampaign"], probability: 0.3, hangMs: 1500, seed: 3 },
                internalErrorAfterCommit: { actions: ["CreateAgentCruiseDialingCampaign"], probability: 0.2, seed: 5 },
                connectionReset: { actions: ["CreateAgentCruiseDialingCampaign", "DescribeAgentCruiseDialingCampaign"], probability: 0.15, seed: 9 },
            });
            const made = await Promise.all(Array.from({ length: N }, (_, i) => create(campaign({ name: `cruise-${i + 1}` }))));
            emu.clearFaults();
            const names = emu.campaigns().map((c) => (c.kind === "agentCruise" ? c.request.Name : ""));
            assert.equal(names.length, N + 1);
            assert.deepEqual([...names].sort(), ["cruise-0", ...made.map((_, i) => `cruise-${i + 1}`)].sort());
            assert.deepEqual(made.map((m) => emu.campaign(Number(m.id))!.kind === "agentCruise" && emu.campaign(Number(m.id))!.request.Name), made.map((_, i) => `cruise-${i + 1}`));
            const creates = actions(emu).filter((a) => a === "CreateAgentCruiseDialingCampaign").length;
            const outcomes = emu.requestLog().filter((e) => e.outcome.startsWith("fault:")).map((e) => `${e.action}:${e.outcome}`);
            const lost = outcomes.filter((o) => /^CreateAgent.*:fault:(drop|internal-after-commit)$/.test(o)).length;
            console.log(`      ${N} creates: ${creates - 1} CreateAgentCruiseDialingCampaign requests after the first; faults: ${outcomes.length} (${lost} creates committed with their answer lost); ${N + 1} campaigns`);
            assert.ok(lost >= 2, `lost answers must have hit several creates: ${outcomes.join(", ")}`);
        });

        it("a lost first answer, with no campaign id known to search from, creates no second campaign and says how to adopt", async () => {
            emu.setFaults({ dropAfterCommit: { actions: ["CreateAgentCruiseDialingCampaign"], count: 1, hangMs: 1500 } });
            await assert.rejects(create(), /CCC has no list of agent cruise campaigns, and this provider process had seen no campaign id to search upward from.*set adoptCampaignId/);
            assert.equal(emu.campaigns().length, 1);
        });
    });
});
