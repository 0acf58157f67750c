// The headline reliability case through the real engine: `pulumi up --parallel 64` of many campaigns
// while the API drops answers after committing, resets connections, fails and throttles; then an
// outage that kills a deploy mid-create, and the next deploy. Exactly one task per campaign, always.
import { strict as assert } from "assert";
import { type Emulator, startEmulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import type { RunResult } from "../../scripts/pulumi-cli";
import { type EngineStack, engineStack } from "../support/engine-harness";
import { campaign, SDK_APP_ID, SECRET_ID, SECRET_KEY, T0 } from "../support/provider-harness";

const TOKEN = "session-token-never-in-state-9c1e";
const N = 24;
const callee = (i: number) => `+86137${String(10000000 + i).slice(-8)}`;

describe("Pulumi engine under injected faults", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let env: EngineStack;
    const runs: RunResult[] = [];
    const run = async (r: Promise<RunResult>) => {
        const result = await r;
        runs.push(result);
        return result;
    };

    /** Emulator tasks vs tasks in state: every task tracked once, none orphaned, none duplicated. */
    async function tally() {
        const tracked = (await env.stack.resources(TYPE_TOKEN)).map((r) => Number(r.id));
        const tasks = emu.tasks();
        const perName = new Map<string, number>();
        for (const t of tasks) perName.set(t.name, (perName.get(t.name) ?? 0) + 1);
        return {
            tasks: tasks.length,
            tracked: tracked.length,
            duplicates: [...perName.values()].reduce((n, c) => n + c - 1, 0),
            orphans: tasks.filter((t) => !tracked.includes(t.taskId)).length,
        };
    }

    before(async function () {
        this.timeout(3_600_000);
        emu = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN }], sdkAppIds: [SDK_APP_ID], clockStart: T0 });
        env = await engineStack("e2e-faults", emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccMaxAttempts": "10" }, { "tencentcloud:securityToken": TOKEN });
        for (let i = 0; i < N; i++) env.writeCampaign(`campaign-${i}`, campaign({ name: `campaign-${i}`, callees: [callee(i)] }));
    });
    after(async () => {
        await emu?.close();
    });

    it(`deploys ${N} campaigns with --parallel 64 through dropped answers, resets, errors and latency: exactly ${N} tasks`, async () => {
        emu.setFaults({
            latencyMs: 10,
            dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 0.3, hangMs: 1500, seed: 3 },
            connectionReset: { probability: 0.1, seed: 5 },
            internalError: { probability: 0.1, seed: 9 },
        });
        const up = await run(env.stack.up(["--parallel", "64"]));
        emu.clearFaults();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const log = emu.requestLog();
        const faults = log.filter((e) => e.outcome.startsWith("fault:")).length;
        const t = await tally();
        console.log(
            `      figures: declared ${N}, faults injected ${faults} (${log.filter((e) => e.outcome === "fault:drop").length} dropped after commit), ` +
                `requests ${log.length}, throttled ${log.filter((e) => e.outcome === "RequestLimitExceeded").length}, tasks found ${t.tasks}, tracked ${t.tracked}, duplicates ${t.duplicates}, orphans ${t.orphans}`,
        );
        assert.ok(log.filter((e) => e.outcome === "fault:drop").length >= 3, "too few dropped answers for the test to mean anything");
        assert.deepEqual(t, { tasks: N, tracked: N, duplicates: 0, orphans: 0 });
    });

    it("ends an outage that strikes mid-create with a clear, bounded error, and the next up adopts the committed task", async () => {
        await env.stack.setConfig("tencentcloud:cccRetryMaxSeconds", "4");
        env.writeCampaign("late-addition", campaign({ name: "late-addition", callees: [callee(99)] }));
        // The listing goes through, the create commits but its answer is lost, then every lookup fails.
        emu.setFaults({
            dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1, hangMs: 1500 },
            internalError: { actions: ["DescribeAutoCalloutTasks", "DescribeAutoCalloutTask"], after: 1, probability: 1 },
        });
        const failed = await run(env.stack.up());
        assert.notEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /(CreateAutoCalloutTask|DescribeAutoCalloutTasks?) failed: (InternalError|NetworkError): [^()]*\(gave up after \d+ attempts in [\d.]+s; bounds: 10 attempts \(tencentcloud:cccMaxAttempts\), 4s \(tencentcloud:cccRetryMaxSeconds\)/);
        assert.equal(emu.tasks().length, N + 1, "the create committed");
        assert.deepEqual(await tally(), { tasks: N + 1, tracked: N, duplicates: 0, orphans: 1 });

        emu.clearFaults();
        const before = emu.requestLog().length;
        const again = await run(env.stack.up());
        assert.equal(again.code, 0, again.stdout + again.stderr);
        assert.ok(!emu.requestLog().slice(before).some((e) => e.action === "CreateAutoCalloutTask"), "the task was created a second time");
        assert.deepEqual(await tally(), { tasks: N + 1, tracked: N + 1, duplicates: 0, orphans: 0 });
    });

    it("never lets the SecretKey, the session token or a callee number into state, CLI output or errors", async () => {
        const texts = [await env.stack.exportState(), ...runs.flatMap((r) => [r.stdout, r.stderr])].join("\n");
        assert.ok(texts.length > 10_000, "nothing was scanned");
        assert.ok(!texts.includes(SECRET_KEY), "SecretKey leaked");
        assert.ok(!texts.includes(TOKEN), "session token leaked");
        for (const i of [0, 1, N - 1, 99]) assert.ok(!texts.includes(callee(i).slice(1)), `callee ${i} leaked`);
    });

    it("destroys everything it deployed", async () => {
        const destroy = await run(env.stack.destroy(["--parallel", "64"]));
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(emu.tasks().filter((t) => [0, 1, 5].includes(t.state)).map((t) => t.taskId), []);
    });
});
