// The tencentcloud-ccc plugin's PredictiveDialingCampaign and AgentCruiseDialingCampaign under the real
// engine, from a YAML program (no SDK): up, an in-place update before the start, replacements, pause and
// resume, destroy, each asserted on the CCC emulator; then `pulumi import` of campaigns made directly on
// the emulator, and up of the generated declarations.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import type { Emulator } from "../../emulator";
import type { CruiseCampaign, PredictiveCampaign } from "../../emulator/ccc/campaigns";
import { createCruiseApi } from "../../provider/agent-cruise-campaign/client";
import { PLUGIN_TYPE_TOKEN as CRUISE_TOKEN } from "../../provider/agent-cruise-campaign/schema";
import { createPredictiveApi } from "../../provider/predictive-campaign/client";
import { PLUGIN_TYPE_TOKEN as PREDICTIVE_TOKEN } from "../../provider/predictive-campaign/schema";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginStack, upExpecting } from "../plugin/harness";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const PROGRAM = path.join(REPO, "test", "plugin", "yaml-ccc-campaigns");
const SECRET = "4dabf18193072939515e22adb298388d";
const MARK = "1b47061264138c4ac30d75fd1eb44270";
/** The program's predictive campaign starts at 09:00 in Shanghai, an hour after the emulator's clock. */
const PAST_START = 3600 + 60;

describe("provider plugin tencentcloud-ccc: predictive and agent cruise campaigns from a YAML program on the real engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    /** The campaign actions that change something, since a point in the request log. */
    const changes = (since: number) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => /^(Create|Update|Pause|Resume|Abort|Delete)(Predictive|AgentCruise)/.test(a));
    const predictive = (id: number) => emu.campaign(id) as PredictiveCampaign | undefined;
    const cruise = (id: number) => emu.campaign(id) as CruiseCampaign | undefined;
    const settings = () => ({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
    const up = (expect: RegExp) => upExpecting(stack, expect);

    before(async function () {
        this.timeout(3_600_000); // a cold machine builds the CLI and the language hosts
        emu = await startTestEmulator();
        stack = await pluginStack("plugin-yaml-ccc-campaigns", PROGRAM, emu);
    });
    after(async () => {
        await emu?.close();
    });

    it("up creates both campaigns, callees secret in state; a second preview has no changes", async () => {
        await up(/tencentcloud-ccc:index:PredictiveDialingCampaign\s+predictive\s+created[\s\S]*\+ 3 created/); // and the stack
        const { campaignId, statusName, cruiseId, cruiseState } = await stack.outputs();
        assert.deepEqual([statusName, cruiseState], ["notStarted", "running"]);
        assert.deepEqual([predictive(campaignId)!.status, predictive(campaignId)!.request.Callees], [0, ["008613012345678", "008613112345678", "008613212345678"]]);
        assert.deepEqual([cruise(cruiseId)!.state, cruise(cruiseId)!.request.Agent, cruise(cruiseId)!.request.ConcurrencyNumber], [1, "agent1@example.com", 2]);
        const state = await stack.exportState();
        for (const n of ["13012345678", "13800000001"]) assert.ok(!state.includes(n), `a callee number in plain text in state: ${n}`);
        const [p] = await stack.resources(PREDICTIVE_TOKEN);
        const [c] = await stack.resources(CRUISE_TOKEN);
        assert.equal(p.outputs.callees?.[SECRET], MARK, "predictive callees not secret in state");
        assert.equal(c.outputs.callees?.[SECRET], MARK, "cruise callees not secret in state");
        const before = emu.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changes(before), []);
    });

    it("before the start, a new priority updates the same predictive campaign in place", async () => {
        const { campaignId } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig("priority", "1");
        await up(/1 updated/);
        assert.deepEqual(changes(before), ["UpdatePredictiveDialingCampaign"]);
        assert.equal((await stack.outputs()).campaignId, campaignId);
        assert.deepEqual([predictive(campaignId)!.request.Priority, predictive(campaignId)!.updates], [1, 1]);
    });

    it("a new startTime replaces the agent cruise campaign: the old one aborted before the new one is made", async () => {
        const { cruiseId: old } = await stack.outputs();
        const before = emu.requestLog().length;
        // Later than the clock ever gets here: the new campaign is still waiting at the destroy.
        await stack.setConfig("cruiseStart", "2027-11-30T10:00:00+08:00");
        await up(/1 replaced/);
        assert.deepEqual(changes(before), ["AbortAgentCruiseDialingCampaign", "CreateAgentCruiseDialingCampaign"]);
        const { cruiseId } = await stack.outputs();
        assert.notEqual(cruiseId, old);
        assert.deepEqual([cruise(old)!.state, cruise(cruiseId)!.state, cruise(cruiseId)!.request.StartTime], [3, 0, Date.parse("2027-11-30T10:00:00+08:00") / 1000]);
    });

    it("once running, paused: true pauses the predictive campaign in place, and false resumes it", async () => {
        emu.advance(PAST_START);
        const { campaignId } = await stack.outputs();
        for (const [paused, action, status] of [["true", "PausePredictiveDialingCampaign", 2], ["false", "ResumePredictiveDialingCampaign", 1]] as const) {
            const before = emu.requestLog().length;
            await stack.setConfig("paused", paused);
            await up(/1 updated/);
            assert.deepEqual(changes(before), [action]);
            assert.equal(predictive(campaignId)!.status, status);
        }
    });

    it("a new timeZone replaces the predictive campaign: the old one aborted and deleted before the new one is made", async () => {
        const { campaignId: old } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig("timeZone", "Asia/Tokyo");
        await up(/1 replaced/);
        assert.deepEqual(changes(before), ["AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign", "CreatePredictiveDialingCampaign"]);
        const { campaignId } = await stack.outputs();
        assert.notEqual(campaignId, old);
        assert.equal(predictive(old), undefined);
        assert.deepEqual([predictive(campaignId)!.request.TimeZone, predictive(campaignId)!.status], ["Asia/Tokyo", 1]);
    });

    it("destroy aborts and deletes the predictive campaign, and aborts the agent cruise one (CCC has no delete for it)", async () => {
        const { campaignId, cruiseId } = await stack.outputs();
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(before).sort(), ["AbortAgentCruiseDialingCampaign", "AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign"]);
        assert.ok(changes(before).indexOf("AbortPredictiveDialingCampaign") < changes(before).indexOf("DeletePredictiveDialingCampaign"));
        assert.equal(predictive(campaignId), undefined);
        assert.equal(cruise(cruiseId)!.state, 3);
        assert.deepEqual([...(await stack.resources(PREDICTIVE_TOKEN)), ...(await stack.resources(CRUISE_TOKEN))], []);
    });

    it("pulumi import takes over campaigns made directly on CCC by SDKAPPID/CAMPAIGNID, says what CCC never returns; declaring the numbers is recorded in place; destroy", async () => {
        const made = await createPredictiveApi(settings()).create({
            SdkAppId: SDK_APP_ID, Name: "console-predictive", Callees: ["008613412345678"], Callers: ["008602012345678"], CallOrder: 0, SkillGroupId: 7, Priority: 3,
            ExpectedAbandonRate: 10, RetryInterval: 600, StartTime: emu.now() + 86400, EndTime: emu.now() + 3 * 86400, TimeZone: "Asia/Shanghai", AvailableTime: [{ StartTime: "09:00:00", EndTime: "12:00:00" }],
        });
        const madeCruise = await createCruiseApi(settings()).createCampaign({
            SdkAppId: SDK_APP_ID, Name: "console-cruise", Agent: "agent2@example.com", ConcurrencyNumber: 1, StartTime: emu.now() + 86400, EndTime: emu.now() + 2 * 86400,
            Callees: ["008613512345678"], CallOrder: 1,
        });
        const count = emu.campaigns().length;
        const program = path.join(stack.dir, "imported-campaigns-program");
        fs.mkdirSync(program, { recursive: true });
        const resources: Record<string, unknown> = {};
        for (const [token, name, id, number] of [
            [PREDICTIVE_TOKEN, "console-predictive", made.CampaignId, "13412345678"],
            [CRUISE_TOKEN, "console-cruise", madeCruise.CampaignId, "13512345678"],
        ] as const) {
            const generated = path.join(stack.dir, `${name}.yaml`);
            const imported = await stack.command(["import", token, name, `${SDK_APP_ID}/${id}`, "--yes", "--protect=false", "--out", generated]);
            assert.equal(imported.code, 0, imported.stdout + imported.stderr);
            const text = imported.stdout + imported.stderr;
            assert.match(text, /CCC never returns [^:]*callees/);
            assert.ok(!text.includes(number), "a full number in the import output");
            const [r] = (await stack.resources(token)).filter((x) => x.name === name);
            assert.deepEqual([r.id, r.outputs.campaignId], [String(id), id]);
            Object.assign(resources, parse(fs.readFileSync(generated, "utf8")).resources);
        }
        // CCC never returns the numbers: the engine writes its placeholder for a required input, an empty list, which check refuses.
        assert.deepEqual([(resources["console-predictive"] as any).properties.callees, (resources["console-cruise"] as any).properties.callees], [[], []]);
        const declaring = new LocalStack(stack.bin, stack.stackName, stack.env, program);
        const write = () => fs.writeFileSync(path.join(program, "Pulumi.yaml"), stringify({ name: "ccc-plugin-yaml-campaigns", runtime: "yaml", resources }));
        write();
        const refused = await declaring.preview();
        assert.notEqual(refused.code, 0);
        // The engine stops at the first resource refused (either one); the value stays masked.
        assert.match(refused.stdout + refused.stderr, /resource 'console-(predictive|cruise)': property callees value \{\[secret\]\} has a problem: Too small: expected array to have >=1 items/);

        // What the user adds: what the campaigns were created with. Recorded in place, with no call that changes a campaign.
        Object.assign((resources["console-predictive"] as any).properties, { callees: ["+8613412345678"], callers: ["008602012345678"], timeZone: "Asia/Shanghai", availableTime: [{ start: "09:00", end: "12:00" }] });
        Object.assign((resources["console-cruise"] as any).properties, { callees: ["+8613512345678"] });
        write();
        const before = emu.requestLog().length;
        const recorded = await declaring.up();
        assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr + stringify(resources));
        assert.match(recorded.stdout, /2 updated/);
        assert.deepEqual(changes(before), []);
        assert.equal(emu.campaigns().length, count);
        const again = await declaring.preview(["--expect-no-changes"]);
        assert.equal(again.code, 0, again.stdout + again.stderr);
        const [p] = (await stack.resources(PREDICTIVE_TOKEN)).filter((x) => x.name === "console-predictive");
        assert.deepEqual([p.outputs.timeZone, p.outputs.callees?.[SECRET]], ["Asia/Shanghai", MARK]);

        // Destroying the imported campaigns: the waiting predictive one aborted then deleted, the agent cruise one aborted.
        const since = emu.requestLog().length;
        const destroy = await declaring.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(since).sort(), ["AbortAgentCruiseDialingCampaign", "AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign"]);
        assert.deepEqual([predictive(made.CampaignId!), cruise(madeCruise.CampaignId!)!.state], [undefined, 3]);
    });
});
