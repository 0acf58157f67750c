// What one task costs in a DIY-backend checkpoint, through the real engine, and that a stack made
// before the provider was stored as a few lines (provider/shared/stub.ts) still works.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN as AI_CALL_TASK } from "../../provider/ai-call-task/schema";
import { TYPE_TOKEN as CALLOUT_TASK } from "../../provider/callout-task/schema";
import { storedProvider } from "../../provider/shared/stub";
import oldStub = require("../../provider/callout-task/stub");
import { engineStack, type EngineStack } from "../support/engine-harness";
import { actions, campaign, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

/**
 * Bytes of one task's entry in the checkpoint file, as the DIY backend writes it (indented JSON),
 * with three callees. Measured on 2026-12-04 (@pulumi/pulumi 3.270, CLI 3.274.1): CalloutTask 4,523
 * (9,629 when the provider was closure-serialized), AiCallTask 4,150 (9,254).
 */
const BOUND = { [CALLOUT_TASK]: 4_800, [AI_CALL_TASK]: 4_400 };
/** The stored provider, in inputs and outputs alike: 164 and 177 bytes (it was 2,717 from a checkout). */
const PROVIDER_BOUND = 200;

const aiTask = {
    kind: "AiCallTask",
    taskName: "ai-reminders",
    agentId: "agent-1",
    virtualNumber: "057100000000",
    startType: "IMMEDIATE",
    callTime: [{ start: "10:00", end: "12:00" }],
    callDays: ["TUESDAY", "WEDNESDAY"],
    callRetryTimes: 1,
    taskCps: 2,
    callees: ["+8613800000001", "+8613800000002", "+8613800000003"],
};

const indented = (v: unknown) => JSON.stringify(v, null, 4).length;

describe("state per task, through the engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let env: EngineStack;
    /** The stack's checkpoint file, as the DIY backend wrote it. */
    const checkpoint = (): { resources: Record<string, any>[] } => {
        const stacks = path.join(env.stack.dir, "backend", ".pulumi", "stacks");
        const file = fs.readdirSync(stacks, { recursive: true, encoding: "utf8" }).find((f) => f.endsWith(`${env.stack.stackName}.json`))!;
        return JSON.parse(fs.readFileSync(path.join(stacks, file), "utf8")).checkpoint.latest;
    };

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        env = await engineStack("e2e-state-size", emu, { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint }, { "alicloud:secretKey": SECRET_KEY });
        env.writeCampaign("reminders", campaign());
        env.writeCampaign("ai", aiTask);
    });
    after(async () => {
        await env?.stack.destroy();
        await emu?.close();
    });

    it("a task of each kind stays under its measured size; its provider is a few lines", async () => {
        const up = await env.stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        for (const [type, bound] of Object.entries(BOUND)) {
            const r = checkpoint().resources.find((x) => x.type === type)!;
            const provider = indented(r.inputs.__provider);
            const ours = indented(r.inputs) + indented(r.outputs) - 2 * provider;
            console.log(`      ${type.split(":").pop()}: ${indented(r)} bytes; inputs and outputs ${ours} beside the provider (${provider} bytes, twice); the engine's stack trace ${indented(r.stackTrace)}, property dependencies ${indented(r.propertyDependencies)}`);
            assert.ok(indented(r) < bound, `${type}: ${indented(r)} bytes of checkpoint`);
            assert.ok(provider < PROVIDER_BOUND, `${type}: a provider of ${provider} bytes`);
            assert.equal(r.outputs.__provider, r.inputs.__provider);
        }
    });

    it("a task whose state holds the closure-serialized provider of earlier versions refreshes, updates and is removed; its update stores the short one", async () => {
        // What earlier versions stored from a checkout: the stub module's provider, serialized by value.
        const old = (await pulumi.runtime.serializeFunction(() => oldStub, { allowSecrets: true })).text;
        assert.match(old, /with\(\{ lifecycleModule: "pulumi-tencentcloud-ccc\/lifecycle"/);
        const exported = JSON.parse(await env.stack.exportState());
        const task = exported.deployment.resources.find((r: { type: string }) => r.type === CALLOUT_TASK);
        task.inputs.__provider = task.outputs.__provider = old;
        const file = path.join(env.stack.dir, "old-state.json");
        fs.writeFileSync(file, JSON.stringify(exported));
        await env.stack.ok(["stack", "import", "--file", file, "--stack", env.stack.stackName]);
        const recorded = () => checkpoint().resources.find((r) => r.type === CALLOUT_TASK)!;
        assert.equal(recorded().inputs.__provider, old);

        let from = emu.requestLog().length;
        const refresh = await env.stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        assert.ok(actions(emu, from).includes("DescribeAutoCalloutTask"));

        from = emu.requestLog().length;
        env.writeCampaign("reminders", campaign({ paused: true }));
        const paused = await env.stack.up();
        assert.equal(paused.code, 0, paused.stdout + paused.stderr);
        assert.ok(actions(emu, from).includes("PauseAutoCalloutTask"));
        assert.equal(recorded().inputs.__provider, storedProvider("pulumi-tencentcloud-ccc/serialized-provider"));

        // Removed by the code of a state made before: the old text loads the installed lifecycle.
        const again = JSON.parse(await env.stack.exportState());
        const t = again.deployment.resources.find((r: { type: string }) => r.type === CALLOUT_TASK);
        t.inputs.__provider = t.outputs.__provider = old;
        fs.writeFileSync(file, JSON.stringify(again));
        await env.stack.ok(["stack", "import", "--file", file, "--stack", env.stack.stackName]);
        from = emu.requestLog().length;
        env.removeCampaign("reminders");
        const removed = await env.stack.up();
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        assert.ok(actions(emu, from).includes("StopAutoCalloutTask"));
        assert.equal(emu.tasks()[0].state, 4);
    });
});
