// The real Pulumi engine deploying the default program with an AgentCruiseDialingCampaign on the CCC
// emulator: up, a replacement (the old campaign aborted before the new one is created, so two never
// dial at once), drift seen on refresh, adoption of an existing campaign, the pack blocking a night
// span before any call, destroy.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import type { CruiseCampaign } from "../../emulator/ccc/campaigns";
import { AgentCruiseCampaignProvider } from "../../provider/agent-cruise-campaign/provider";
import { TYPE_TOKEN } from "../../provider/agent-cruise-campaign/schema";
import { resetProcessState } from "../../provider/shared/process";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, EXAMPLE_PACK } from "../support/engine-harness";
import { cruiseCampaign, stackConfig, startTestEmulator } from "../support/provider-harness";

describe("Pulumi engine end to end: AgentCruiseDialingCampaign", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    const stateOf = async (name: string) => (await stack.resources(TYPE_TOKEN)).find((r) => r.name === name)!;
    const cruiseCampaigns = () => emu.campaigns().filter((c): c is CruiseCampaign => c.kind === "agentCruise");
    const writes = (since: number) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Describe"));

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        ({ stack, writeCampaign } = await engineStack("e2e-cruise", emu));
        writeCampaign("cruise", cruiseCampaign());
    });
    after(async () => emu?.close());

    it("1. up creates one running campaign as declared, callees secret in state; a second preview shows no changes", async () => {
        const up = await stack.up(EXAMPLE_PACK);
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(cruiseCampaigns().map((c) => [c.state, c.request.Name, c.request.ConcurrencyNumber, c.request.Callees]), [[1, "agent-cruise", 2, cruiseCampaign().callees]]);
        const s = await stateOf("cruise");
        assert.deepEqual([s.id, s.outputs.campaignId, s.outputs.stateName], [String(cruiseCampaigns()[0].campaignId), cruiseCampaigns()[0].campaignId, "running"]);
        const exported = JSON.stringify(await stack.resources(TYPE_TOKEN));
        assert.doesNotMatch(exported, /13800000001/);
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    });

    it("2. a change replaces the campaign: the old one is aborted before the new one is created, and the called callees are left out", async () => {
        const old = cruiseCampaigns()[0].campaignId;
        emu.advance(120); // the first two callees called, in order
        const before = emu.requestLog().length;
        writeCampaign("cruise", cruiseCampaign({ concurrencyNumber: 3 }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(writes(before), ["AbortAgentCruiseDialingCampaign", "CreateAgentCruiseDialingCampaign"]);
        // Every request in between: the old campaign was over (terminated) before the create was sent.
        const log = emu.requestLog().slice(before);
        const abortAt = log.findIndex((e) => e.action === "AbortAgentCruiseDialingCampaign");
        const createAt = log.findIndex((e) => e.action === "CreateAgentCruiseDialingCampaign");
        assert.ok(abortAt < createAt && log.slice(abortAt + 1, createAt).some((e) => e.action === "DescribeAgentCruiseDialingCampaign"));
        const [first, second] = cruiseCampaigns();
        assert.deepEqual([first.campaignId, first.state, second.state, second.request.ConcurrencyNumber, second.request.Callees], [old, 3, 1, 3, ["+8613800000003", "+8613800000004"]]);
        assert.equal(cruiseCampaigns().filter((c) => c.state <= 1).length, 1);
        // The left-out callees are recorded (calledEarlier), as secrets like the callees.
        const recorded = (await stateOf("cruise")).outputs;
        assert.ok(recorded.calledEarlier && !Array.isArray(recorded.calledEarlier), JSON.stringify(recorded.calledEarlier));
        assert.doesNotMatch(JSON.stringify(await stack.resources(TYPE_TOKEN)), /1380000000[1-4]/);
    });

    it("3. refresh sees a campaign aborted in the console", async () => {
        const live = cruiseCampaigns()[1].campaignId;
        emu.campaignConsole.abort(live);
        const refresh = await stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        const s = await stateOf("cruise");
        assert.deepEqual([s.outputs.campaignId, s.outputs.state, s.outputs.stateName], [live, 3, "terminated"]);
    });

    it("4. adopts a campaign made elsewhere (adoptCampaignId), creating none", async () => {
        resetProcessState();
        const elsewhere = new AgentCruiseCampaignProvider(async () => undefined);
        await elsewhere.configure({ config: stackConfig(emu) });
        const { kind: _kind, ...declared } = cruiseCampaign({ name: "made-elsewhere" });
        const inputs = (await elsewhere.check({}, declared)).inputs!;
        const { id } = await elsewhere.create(inputs);
        const before = emu.requestLog().length;
        writeCampaign("adopted", cruiseCampaign({ name: "made-elsewhere", adoptCampaignId: Number(id) }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(writes(before), []);
        assert.equal((await stateOf("adopted")).id, id);
        assert.equal(cruiseCampaigns().length, 3);
    });

    it("5. the pack blocks a night span before any call", async () => {
        writeCampaign("cruise", cruiseCampaign({ startTime: "2027-11-30T21:30:00+08:00", endTime: "2027-11-30T23:00:00+08:00" }));
        const before = emu.requestLog().length;
        const blocked = await stack.preview(EXAMPLE_PACK);
        assert.notEqual(blocked.code, 0);
        assert.match(blocked.stdout + blocked.stderr, /cruise: 4 callees \(\+86\*{9}01, \+86\*{9}02, …\) in Asia\/Shanghai: window 21:30–23:00 Asia\/Shanghai \(Tue, startTime–endTime span\) is 21:30–23:00 there \(from Tue 2027-11-30\): outside 08:00–21:00/);
        assert.deepEqual(emu.requestLog().slice(before), []);
        writeCampaign("cruise", cruiseCampaign({ concurrencyNumber: 3 }));
    });

    it("6. destroy aborts the live campaigns; a finished one needs nothing", async () => {
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(writes(before), ["AbortAgentCruiseDialingCampaign"]);
        assert.deepEqual(cruiseCampaigns().map((c) => c.state), [3, 3, 3]);
    });
});
