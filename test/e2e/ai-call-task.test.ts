// The real Pulumi engine deploying the default program with one campaign of each kind: the
// AiCallTask's lifecycle (up, paused, update in place, callees added and removed, replace, destroy)
// against the AICCS emulator beside a CalloutTask on CCC's, and the pack blocking a night window.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/ai-call-task/schema";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, EXAMPLE_PACK } from "../support/engine-harness";
import { aiCampaign, campaign, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const aiTask = aiCampaign;

describe("Pulumi engine end to end: AiCallTask beside CalloutTask", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    const aiState = async () => (await stack.resources(TYPE_TOKEN)).find((r) => r.name === "ai")!;
    const aiActions = (since: number) => emu.aiccs.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Query"));

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        ({ stack, writeCampaign } = await engineStack("e2e-aiccs", emu, { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint }, { "alicloud:secretKey": SECRET_KEY }));
        writeCampaign("reminders", campaign());
        writeCampaign("ai", aiTask());
    });
    after(async () => emu?.close());

    it("1. up creates one task of each kind, and a second preview shows no changes", async () => {
        const up = await stack.up(EXAMPLE_PACK);
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.equal(emu.tasks().length, 1);
        assert.deepEqual(emu.aiccs.tasks().map((t) => [t.status, t.callees.length]), [[1, 2]]);
        const ai = await aiState();
        assert.equal(ai.id, emu.aiccs.tasks()[0].taskId);
        assert.equal(ai.outputs.taskId, ai.id);
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    });

    it("2. paused: true stops in place, and false starts again", async () => {
        const before = emu.aiccs.requestLog().length;
        writeCampaign("ai", aiTask({ paused: true }));
        assert.equal((await stack.up()).code, 0);
        writeCampaign("ai", aiTask());
        assert.equal((await stack.up()).code, 0);
        assert.deepEqual(aiActions(before), ["StopAiCallTask", "StartAiCallTask"]);
        assert.equal(emu.aiccs.tasks()[0].status, 1);
    });

    it("3. a window change and callees added and removed update the same task in place", async () => {
        const id = (await aiState()).id;
        const before = emu.aiccs.requestLog().length;
        writeCampaign("ai", aiTask({ callTime: [{ start: "10:30", end: "11:30" }], callees: ["+8613800000001", "+8613800000003"] }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(aiActions(before), ["StopAiCallTask", "UpdateAiCallTask", "ImportTaskNumberDatas", "CancelAiCallDetails", "StartAiCallTask"]);
        const t = emu.aiccs.task(id)!;
        assert.deepEqual(t.settings.CallTime, [{ startTime: "10:30:00", endTime: "11:30:00" }]);
        assert.deepEqual(t.callees.map((c) => c.calledNumber), ["13800000001", "13800000002", "13800000003"]);
        assert.equal((await aiState()).outputs.progress.failed, 1); // the removed callee, cancelled
    });

    it("4. the pack blocks a night window before any call", async () => {
        writeCampaign("ai", aiTask({ callTime: [{ start: "22:00", end: "23:00" }] }));
        const before = emu.aiccs.requestLog().length;
        const blocked = await stack.preview(EXAMPLE_PACK);
        assert.notEqual(blocked.code, 0);
        assert.match(blocked.stdout + blocked.stderr, /ai: 2 callees \(\+86\*{9}01, \+86\*{9}02\) in Asia\/Shanghai: window 22:00–23:00 Asia\/Shanghai \(Tue,Wed\)/);
        assert.deepEqual(aiActions(before), []);
    });

    it("5. a new agent replaces the task: the old one stopped before the new one is made", async () => {
        const old = (await aiState()).id;
        writeCampaign("ai", aiTask({ agentId: "agent-2", taskName: "ai-reminders-2", callTime: [{ start: "10:30", end: "11:30" }], callees: ["+8613800000001", "+8613800000003"] }));
        const before = emu.aiccs.requestLog().length;
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(aiActions(before), ["StopAiCallTask", "CreateAiCallTask", "ImportTaskNumberDatas"]);
        assert.deepEqual(emu.aiccs.tasks().map((t) => [t.taskId === old, t.status]), [[true, 2], [false, 1]]);
    });

    it("6. destroy stops every task (AICCS has no delete)", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(emu.aiccs.tasks().map((t) => t.status), [2, 2]);
        assert.deepEqual(emu.tasks().map((t) => t.state), [4]);
    });
});
