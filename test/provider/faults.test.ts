// Fault injection through the real provider, the real SDK and the emulator: dropped answers after
// commit, throttling storms, latency, resets and outages. The bar: exactly one task per declared
// campaign, none orphaned, none duplicated, and clear bounded errors otherwise.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { clientProcessState } from "../../provider/callout-task/client";
import { campaign, checked, configuredProvider, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

function numbered(i: number) {
    // Distinct campaigns: a different name and callee each.
    return checked(campaign({ name: `campaign-${i}`, callees: [`+86135${String(10000000 + i).slice(-8)}`] }));
}

describe("CalloutTask provider under injected faults", function () {
    this.timeout(120_000);
    let emu: Emulator;

    beforeEach(async () => {
        emu = await startTestEmulator({ rateLimitPerSecond: 20 });
    });
    afterEach(() => emu.close());

    it("creates exactly one task per campaign through dropped answers, resets, internal errors, latency and throttling", async () => {
        const N = 40;
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccMaxAttempts": "12", "tencentcloud:cccRequestsPerSecond": "40" });
        emu.setFaults({
            latencyMs: 15,
            dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 0.25, hangMs: 1500, seed: 7 },
            connectionReset: { probability: 0.08, seed: 11 },
            internalError: { probability: 0.08, seed: 13 },
        });
        const retriesBefore = clientProcessState().stats.retries;
        // Like `pulumi up --parallel 64`: every create at once, sharing the provider process.
        const results = await Promise.allSettled(Array.from({ length: N }, (_, i) => provider.create(numbered(i))));
        emu.clearFaults();
        const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
        assert.deepEqual(failed.map((f) => String(f.reason)), [], "some creates failed");
        const ids = results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
        const log = emu.requestLog();
        const faults = log.filter((e) => e.outcome.startsWith("fault:")).length;
        const throttled = log.filter((e) => e.outcome === "RequestLimitExceeded").length;
        const tasks = emu.tasks();
        const perName = new Map<string, number>();
        for (const t of tasks) perName.set(t.name ?? "", (perName.get(t.name ?? "") ?? 0) + 1);
        const duplicates = [...perName.values()].reduce((n, c) => n + c - 1, 0);
        console.log(
            `      figures: declared ${N}, faults injected ${faults}, throttled ${throttled}, retries ${clientProcessState().stats.retries - retriesBefore}, ` +
                `tasks in emulator ${tasks.length}, distinct task ids returned ${new Set(ids).size}, duplicates ${duplicates}`,
        );
        assert.ok(faults > 5, `too few faults were injected (${faults}) for the test to mean anything`);
        assert.equal(duplicates, 0);
        assert.equal(tasks.length, N);
        assert.equal(new Set(ids).size, N);
        assert.deepEqual([...ids].sort(), tasks.map((t) => String(t.taskId)).sort(), "an emulator task is not tracked (orphan)");
    });

    it("absorbs a throttling storm: a server limit far below the client's yields no throttling error", async () => {
        await emu.close();
        emu = await startTestEmulator({ rateLimitPerSecond: 3 });
        const provider = await configuredProvider(emu, { "tencentcloud:cccMaxAttempts": "15" });
        const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => provider.create(numbered(i))));
        assert.deepEqual(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)), []);
        assert.ok(emu.requestLog().some((e) => e.outcome === "RequestLimitExceeded"), "the storm never happened");
        assert.equal(emu.tasks().length, 12);
    });

    it("stops at once on an error that retrying cannot fix", async () => {
        const provider = await configuredProvider(emu);
        await assert.rejects(provider.create(numbered(1)).then(() => provider.create(checked(campaign({ sdkAppId: 1400999999 })))), /InvalidParameterValue/);
        const calls = emu.requestLog().filter((e) => e.params?.SdkAppId === 1400999999);
        assert.equal(calls.length, 1, `retried a validation error: ${calls.map((c) => c.action)}`);
    });

    it("ends a long outage with a clear error inside the bound, then converges without a duplicate", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccRetryMaxSeconds": "4" });
        await provider.create(numbered(0)); // this provider process has listed the tasks once
        // The create commits but its answer is lost, and from then on every lookup fails: the provider cannot know.
        emu.setFaults({
            dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1, hangMs: 1500 },
            internalError: { actions: ["DescribeAutoCalloutTasks", "DescribeAutoCalloutTask"], probability: 1 },
        });
        const started = Date.now();
        await assert.rejects(provider.create(numbered(1)), (e: Error) => {
            assert.match(e.message, /^(CreateAutoCalloutTask|DescribeAutoCalloutTasks?) failed: (InternalError|NetworkError): [^()]*\(gave up after \d+ attempts in [\d.]+s; bounds: 6 attempts \(tencentcloud:cccMaxAttempts\), 4s \(tencentcloud:cccRetryMaxSeconds\)\)/);
            assert.equal((e.message.match(/gave up/g) ?? []).length, 1, e.message);
            assert.ok(!e.message.includes(SECRET_KEY));
            return true;
        });
        const elapsed = (Date.now() - started) / 1000;
        assert.ok(elapsed < 4 + 1.5, `took ${elapsed}s, beyond the 4s bound`);
        assert.equal(emu.tasks().length, 2, "the create should have committed");
        // The outage ends; the next deploy (a new provider process) adopts the committed task.
        emu.clearFaults();
        const before = emu.requestLog().length;
        const again = await (await configuredProvider(emu)).create(numbered(1));
        assert.equal(emu.tasks().length, 2);
        assert.equal(again.id, String(emu.tasks()[1].taskId));
        assert.ok(!emu.requestLog().slice(before).some((e) => e.action === "CreateAutoCalloutTask"));
    });

    it("converges pause, resume and stop whose answers were lost", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1" });
        const inputs = numbered(1);
        const created = await provider.create(inputs);
        for (const [action, paused] of [["PauseAutoCalloutTask", true], ["ResumeAutoCalloutTask", false]] as const) {
            emu.setFaults({ dropAfterCommit: { actions: [action], count: 1, hangMs: 1500 } });
            const r = await provider.update(created.id, created.outs, { ...inputs, paused });
            assert.equal(r.outs.paused, paused, action);
            assert.equal(emu.requestLog().filter((e) => e.action === action).length, 2, `${action} was not retried`);
        }
        emu.setFaults({ dropAfterCommit: { actions: ["StopAutoCalloutTask"], count: 1, hangMs: 1500 } });
        await provider.delete(created.id, created.outs);
        assert.equal(emu.task(Number(created.id))!.state, 4);
    });
});
