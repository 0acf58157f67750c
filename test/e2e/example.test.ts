// The TypeScript example program, deployed and destroyed by the real engine on the emulator.
import { strict as assert } from "assert";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { ensurePulumi, LocalStack, REPO } from "../../scripts/pulumi-cli";
import { SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

describe("examples/ai-agent-campaign on the real engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        stack = new LocalStack(ensurePulumi(), "example-ai-agent", {}, path.join(REPO, "examples", "ai-agent-campaign"));
        await stack.init();
        await stack.setConfig("tencentcloud:secretId", SECRET_ID);
        await stack.setConfig("tencentcloud:secretKey", SECRET_KEY, true);
        await stack.setConfig("tencentcloud:cccEndpoint", emu.url);
    });
    after(async () => {
        await emu?.close();
    });

    it("passes the policy pack with its default configuration, as do the sample campaign files", async () => {
        const pack = ["--policy-pack", path.join(REPO, "policy")];
        const example = await stack.preview(pack);
        assert.equal(example.code, 0, example.stdout + example.stderr);
        assert.doesNotMatch(example.stdout + example.stderr, /\[(mandatory|advisory)\]/);
        const samples = new LocalStack(stack.bin, "samples-default-pack");
        await samples.init();
        await samples.setConfig("ccc-campaigns:campaignsDir", path.join(REPO, "campaigns"));
        const preview = await samples.preview(pack);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        // The only verdict: the AICCS sample has no end (AICCS tasks have none), which ccc-schedule advises about.
        const verdicts = (preview.stdout + preview.stderr).split("\n").filter((l) => /\[(mandatory|advisory)\]/.test(l)).map((l) => l.replace(/\)The campaign.*$/, ")").trim());
        assert.deepEqual(verdicts, ["ccc-call-windows@v0.1.0 [advisory]  ccc-schedule  (pulumi-nodejs:dynamic/alicloud-aiccs:AiCallTask: ai-payment-reminders)"]);
        assert.match(preview.stdout, /\+ 6 to create/); // the stack and the five sample campaigns
    });

    it("deploys an AI-agent task with per-callee variables, pauses it through config, and destroys it", async () => {
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const [task] = emu.tasks();
        assert.equal(task.request.AIAgentId, 3021);
        assert.deepEqual(task.request.CalleeAttributes?.map((a) => a.Variables), [[{ Key: "customerName", Value: "Li" }], [{ Key: "customerName", Value: "Wang" }]]);
        assert.deepEqual(task.request.AvailableWorkTimeConfig?.[0].TimeRanges, [{ StartTime: "10:00:00", EndTime: "12:00:00" }, { StartTime: "14:00:00", EndTime: "17:30:00" }]);
        await stack.setConfig("ccc-ai-agent-campaign:paused", "true");
        const paused = await stack.up();
        assert.equal(paused.code, 0, paused.stdout + paused.stderr);
        assert.equal(emu.task(task.taskId)!.state, 5);
        assert.equal((await stack.resources(TYPE_TOKEN))[0].outputs.stateName, "paused");
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.equal(emu.task(task.taskId)!.state, 4);
    });
});
