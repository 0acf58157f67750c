// The real Pulumi engine deploying the default program with a PredictiveDialingCampaign campaign file
// against the CCC emulator: up, an in-place update before the start, pause/resume once running, drift
// seen on refresh, a replacement (abort, delete, create), the pack blocking a night window and a
// campaign without windows, adoption of an existing campaign, destroy.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { createPredictiveApi } from "../../provider/predictive-campaign/client";
import { TYPE_TOKEN } from "../../provider/predictive-campaign/schema";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, EXAMPLE_PACK } from "../support/engine-harness";
import { predictiveCampaign, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const HOUR = 3600;

const predictive = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ kind: "PredictiveDialingCampaign", ...predictiveCampaign(over) });

describe("Pulumi engine end to end: PredictiveDialingCampaign", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    let removeCampaign: (name: string) => void;
    const state = async (name = "predictive") => (await stack.resources(TYPE_TOKEN)).find((r) => r.name === name)!;
    const changes = (since: number) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => /^(Create|Update|Pause|Resume|Abort|Delete)Predictive/.test(a));
    const live = () => emu.campaigns().map((c) => [c.campaignId, (c as { status: number }).status]);

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        ({ stack, writeCampaign, removeCampaign } = await engineStack("e2e-predictive", emu));
        writeCampaign("predictive", predictive());
    });
    after(async () => emu?.close());

    it("1. up creates the campaign under the pack, secret callees in state, and a second preview shows no changes", async () => {
        const up = await stack.up(EXAMPLE_PACK);
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(live(), [[5000001, 0]]);
        const s = await state();
        assert.deepEqual([s.id, s.outputs.campaignId, s.outputs.statusName], ["5000001", 5000001, "notStarted"]);
        assert.equal(s.outputs.callees?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "callees are not a secret in state");
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    });

    it("2. before the start, a change of priority and callees updates the same campaign in place", async () => {
        const before = emu.requestLog().length;
        writeCampaign("predictive", predictive({ priority: 1, callees: ["008613012345678", "+8613112345678", "+8613212345678", "+8613312345678"] }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(changes(before), ["UpdatePredictiveDialingCampaign"]);
        const c = emu.campaign(5000001) as { request: { Priority: number; Callees: string[] } };
        assert.deepEqual([c.request.Priority, c.request.Callees.length], [1, 4]);
    });

    it("3. once running, paused: true pauses in place and false resumes", async () => {
        emu.advance(HOUR + 60); // 09:01 in Shanghai: running
        const before = emu.requestLog().length;
        writeCampaign("predictive", predictive({ priority: 1, callees: ["008613012345678", "+8613112345678", "+8613212345678", "+8613312345678"], paused: true }));
        assert.equal((await stack.up()).code, 0);
        assert.deepEqual(live(), [[5000001, 2]]);
        writeCampaign("predictive", predictive({ priority: 1, callees: ["008613012345678", "+8613112345678", "+8613212345678", "+8613312345678"] }));
        assert.equal((await stack.up()).code, 0);
        assert.deepEqual(changes(before), ["PausePredictiveDialingCampaign", "ResumePredictiveDialingCampaign"]);
        assert.deepEqual(live(), [[5000001, 1]]);
    });

    it("4. a pause in the console shows as drift on refresh, and up resumes it", async () => {
        emu.campaignConsole.pause(5000001);
        const refresh = await stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        assert.equal((await state()).outputs.paused, true);
        const before = emu.requestLog().length;
        assert.equal((await stack.up()).code, 0);
        assert.deepEqual(changes(before), ["ResumePredictiveDialingCampaign"]);
    });

    it("5. the pack blocks a night window, and a campaign without windows on its whole span, before any call", async () => {
        const before = emu.requestLog().length;
        writeCampaign("predictive", predictive({ availableTime: [{ start: "22:00", end: "23:00" }] }));
        let blocked = await stack.preview(EXAMPLE_PACK);
        assert.notEqual(blocked.code, 0);
        assert.match(blocked.stdout + blocked.stderr, /predictive: 3 callees \(\+86\*{9}78, \+86\*{9}78, …\) in Asia\/Shanghai: window 22:00–23:00 Asia\/Shanghai \(every day\)/);
        const { availableTime: _, ...noWindows } = predictive();
        writeCampaign("predictive", noWindows);
        blocked = await stack.preview(EXAMPLE_PACK);
        assert.notEqual(blocked.code, 0);
        assert.match(blocked.stdout + blocked.stderr, /window 00:00–23:59:59 Asia\/Shanghai \(Wed, no availableTime: startTime–endTime\)/);
        assert.deepEqual(changes(before), []);
    });

    it("6. a new window replaces the campaign: the old one aborted and deleted before the new one is made", async () => {
        writeCampaign("predictive", predictive({ availableTime: [{ start: "10:00", end: "12:00" }], redial: "everyone" }));
        const before = emu.requestLog().length;
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(changes(before), ["AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign", "CreatePredictiveDialingCampaign"]);
        assert.deepEqual(live(), [[5000002, 1]]);
        assert.equal((await state()).id, "5000002");
    });

    it("7. adoptCampaignId imports a campaign made outside the stack, with no create", async () => {
        const api = createPredictiveApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const made = await api.create({
            SdkAppId: SDK_APP_ID, Name: "console-made", Callees: ["008613412345678"], Callers: ["008602012345678"], CallOrder: 0, SkillGroupId: 7, Priority: 3,
            ExpectedAbandonRate: 10, RetryInterval: 600, StartTime: 1827622800, EndTime: 1827910800, TimeZone: "Asia/Shanghai", AvailableTime: [{ StartTime: "09:00:00", EndTime: "12:00:00" }],
        });
        writeCampaign("imported", predictive({ name: "console-made", callees: ["+8613412345678"], callOrder: 0, priority: 3, startTime: 1827622800, endTime: 1827910800, adoptCampaignId: made.CampaignId }));
        const before = emu.requestLog().length;
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(changes(before), []);
        assert.equal((await state("imported")).id, String(made.CampaignId));
        removeCampaign("imported");
        assert.equal((await stack.up()).code, 0);
        assert.equal(emu.campaign(made.CampaignId!), undefined, "removing the file deletes the adopted campaign");
    });

    it("8. destroy aborts and deletes the running campaign", async () => {
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(before), ["AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign"]);
        assert.deepEqual(emu.campaigns(), []);
    });
});
