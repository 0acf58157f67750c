// Fault injection through the real provider, the real SDK and the emulator: dropped answers after
// commit, listings that lag behind creates, a service limit below the configured rate, latency, resets
// and outages. The bar: exactly one task per declared
// campaign, none orphaned, none duplicated, and clear bounded errors otherwise.
import { strict as assert } from "assert";
import { CalleeState, type Emulator } from "../../emulator";
import * as net from "net";
import { clientProcessState, DEFAULT_RETRY, isAmbiguous, isNotSent, isTransient } from "../../provider/ccc";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi } from "../../provider/callout-task/mapping";
import { createToken } from "../../provider/callout-task/operations";
import { numberFromApi } from "../../provider/callout-task/mapping";
import { operationStats } from "../../provider/callout-task/operations";
import type { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { campaign, checked, configuredProvider, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

function numbered(i: number) {
    // Distinct campaigns: a different name and callee each.
    return checked(campaign({ name: `campaign-${i}`, callees: [`+86135${String(10000000 + i).slice(-8)}`] }));
}

/** A create request as the provider sends it. */
function createRequest() {
    const inputs = numbered(1) as any;
    return createRequestToApi(inputs, createToken(inputs), createToken(inputs));
}

describe("CalloutTask provider under injected faults", function () {
    this.timeout(120_000);
    let emu: Emulator;

    beforeEach(async () => {
        emu = await startTestEmulator({ rateLimitPerSecond: 20 });
    });
    afterEach(() => emu.close());

    /** Requests by outcome kind, tasks per campaign name, and what the provider's settle search did. */
    function figures(declared: number, ids: string[]) {
        const log = emu.requestLog();
        const count = (outcome: string) => log.filter((e) => e.outcome === outcome).length;
        const tasks = emu.tasks();
        const perName = new Map<string, number>();
        for (const t of tasks) perName.set(t.name ?? "", (perName.get(t.name ?? "") ?? 0) + 1);
        const ops = operationStats();
        const client = clientProcessState().stats;
        const result = {
            declared,
            faults: { dropped: count("fault:drop"), reset: count("fault:reset"), internal: count("fault:internal"), throttled: count("RequestLimitExceeded") },
            tasks: tasks.length,
            distinctIds: new Set(ids).size,
            duplicates: [...perName.values()].reduce((n, c) => n + c - 1, 0),
            settle: { searches: ops.settles, found: ops.settledFound, totalSeconds: +(ops.settleMs / 1000).toFixed(1), maxSeconds: +(ops.settleMaxMs / 1000).toFixed(1) },
            pace: { slowdowns: client.slowdowns, lowestRate: +client.lowestRate.toFixed(2), retries: client.retries },
        };
        console.log(`      figures: ${JSON.stringify(result)}`);
        return result;
    }

    async function createAll(provider: CalloutTaskProvider, n: number) {
        // Like `pulumi up --parallel 64`: every create at once, sharing the provider process.
        const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => provider.create(numbered(i))));
        const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
        return { failed: failed.map((f) => String(f.reason)), ids: results.flatMap((r) => (r.status === "fulfilled" ? [r.value.id] : [])) };
    }

    it("creates exactly one task per campaign through list lag, dropped answers, resets, internal errors, latency and throttling", async () => {
        const N = 40;
        const provider = await configuredProvider(emu, {
            "tencentcloud:cccTimeoutSeconds": "1",
            "tencentcloud:cccMaxAttempts": "12",
            "tencentcloud:cccRequestsPerSecond": "40",
            "tencentcloud:cccCreateSettleSeconds": "5",
        });
        emu.setFaults({
            latencyMs: 15,
            // A new task is listed only after two listings and 2 s: a search right after a lost answer misses it.
            listLag: { listCalls: 2, seconds: 2 },
            dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 0.25, hangMs: 1500, seed: 7 },
            connectionReset: { probability: 0.08, seed: 11 },
            internalError: { probability: 0.08, seed: 13 },
        });
        const started = Date.now();
        const { failed, ids } = await createAll(provider, N);
        emu.clearFaults();
        assert.deepEqual(failed, [], "some creates failed");
        const f = figures(N, ids);
        console.log(`      elapsed ${((Date.now() - started) / 1000).toFixed(1)}s`);
        assert.ok(f.faults.dropped >= 5, `too few dropped answers (${f.faults.dropped}) for the test to mean anything`);
        assert.ok(f.settle.found >= f.faults.dropped, "a dropped create was not found again by the settle search");
        assert.equal(f.duplicates, 0);
        assert.equal(f.tasks, N);
        assert.equal(f.distinctIds, N);
        assert.deepEqual([...ids].sort(), emu.tasks().map((t) => String(t.taskId)).sort(), "an emulator task is not tracked (orphan)");
    });

    it("duplicates under list lag when the settle time is shorter than the lag (the control for the case above)", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": "0.1" });
        emu.setFaults({ listLag: { seconds: 2 }, dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 3, hangMs: 1500 } });
        const { failed, ids } = await createAll(provider, 3);
        assert.deepEqual(failed, []);
        assert.equal(figures(3, ids).duplicates, 3);
    });

    it("adapts to a service limit far below the configured rate: 40 parallel creates at 4/s, all succeed, exactly 40 tasks", async () => {
        await emu.close();
        emu = await startTestEmulator({ rateLimitPerSecond: 4 });
        // Defaults otherwise: 20/s configured, 6 attempts, 120 s. Throttling is retried within the time bound.
        const provider = await configuredProvider(emu);
        const started = Date.now();
        const { failed, ids } = await createAll(provider, 40);
        assert.deepEqual(failed, []);
        const f = figures(40, ids);
        console.log(`      elapsed ${((Date.now() - started) / 1000).toFixed(1)}s`);
        assert.ok(f.faults.throttled > 0, "the service never throttled");
        assert.ok(f.pace.slowdowns > 0 && f.pace.lowestRate <= 4, "the shared pace did not slow down to the service's limit");
        assert.deepEqual([f.tasks, f.distinctIds, f.duplicates], [40, 40, 0]);
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
            assert.match(e.message, /a create whose answer was lost may have committed, and no listing could confirm it \(DescribeAutoCalloutTasks failed: InternalError\): wait 30s \(tencentcloud:cccCreateSettleSeconds\) before the next up/);
            assert.ok(!e.message.includes(SECRET_KEY));
            return true;
        });
        const elapsed = (Date.now() - started) / 1000;
        // The bound, then one listing (bounded the same) to look for the task before giving up.
        assert.ok(elapsed < 2 * 4 + 1.5, `took ${elapsed}s, beyond the 4s bound and one listing's`);
        assert.equal(emu.tasks().length, 2, "the create should have committed");
        // The outage ends; the next deploy (a new provider process) adopts the committed task.
        emu.clearFaults();
        const before = emu.requestLog().length;
        const again = await (await configuredProvider(emu)).create(numbered(1));
        assert.equal(emu.tasks().length, 2);
        assert.equal(again.id, String(emu.tasks()[1].taskId));
        assert.ok(!emu.requestLog().slice(before).some((e) => e.action === "CreateAutoCalloutTask"));
    });

    it("tells a request that never left (a closed port) from one whose answer was lost (a reset), with real failures", async () => {
        const settings = { credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, timeoutSeconds: 1, retry: { ...DEFAULT_RETRY, maxAttempts: 1 } };
        const closed = await new Promise<number>((resolve) => {
            const server = net.createServer().listen(0, "127.0.0.1", () => {
                const { port } = server.address() as net.AddressInfo;
                server.close(() => resolve(port));
            });
        });
        const refused = await createCccApi({ ...settings, endpoint: `http://ccc.localhost:${closed}` }).createTask(createRequest()).catch((e) => e);
        assert.match(refused.message, /ECONNREFUSED/);
        assert.deepEqual([isNotSent(refused), isAmbiguous(refused), isTransient(refused)], [true, false, true]);
        emu.setFaults({ connectionReset: { actions: ["CreateAutoCalloutTask"], count: 1 } });
        const reset = await createCccApi({ ...settings, endpoint: emu.url }).createTask(createRequest()).catch((e) => e);
        assert.equal(emu.requestLog().filter((e) => e.outcome === "fault:reset").length, 1);
        assert.deepEqual([isNotSent(reset), isAmbiguous(reset), isTransient(reset)], [false, true, true]);
    });

    it("an InternalError answer may come after the task was made: the create looks for it before creating again, and one task results", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": "3" });
        emu.setFaults({ internalErrorAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1 } });
        const created = await provider.create(numbered(1));
        assert.deepEqual(emu.requestLog().filter((e) => e.action === "CreateAutoCalloutTask").map((e) => e.outcome), ["fault:internal-after-commit"]);
        assert.deepEqual(emu.tasks().map((t) => String(t.taskId)), [created.id]);
        assert.deepEqual([operationStats().settles, operationStats().settledFound], [1, 1]);
    });

    it("ends the settle with a listing started at or after its deadline, even when listings are slow", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": "1.5" });
        // The reset creates nothing: the settle looks for the whole window, then creates.
        emu.setFaults({ latencyMs: 300, connectionReset: { actions: ["CreateAutoCalloutTask"], count: 1 } });
        await provider.create(numbered(1));
        emu.clearFaults();
        const log = emu.requestLog();
        const creates = log.filter((e) => e.action === "CreateAutoCalloutTask");
        assert.deepEqual(creates.map((e) => e.outcome), ["fault:reset", "ok"]);
        const lastListing = log.filter((e) => e.action === "DescribeAutoCalloutTasks" && e.seq < creates[1].seq).pop()!;
        assert.ok(lastListing.at >= creates[0].at + 1500, `the last listing started ${lastListing.at - creates[0].at} ms after the lost create, before the 1500 ms deadline`);
        assert.equal(emu.tasks().length, 1);
    });

    it("before giving up at the time bound after a lost answer, looks for the task until it must be listed: no task left behind", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccRetryMaxSeconds": "2", "tencentcloud:cccCreateSettleSeconds": "4" });
        // The task is listed 3 s after it was made: after the time bound, within the settle time.
        emu.setFaults({ listLag: { seconds: 3 }, dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1, hangMs: 1500 } });
        const created = await provider.create(numbered(1));
        emu.clearFaults();
        assert.equal(emu.tasks().length, 1);
        assert.equal(created.id, String(emu.tasks()[0].taskId));
        assert.equal(emu.requestLog().filter((e) => e.action === "CreateAutoCalloutTask").length, 1);
        assert.equal(operationStats().settledFound, 1);
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

    it("replaces a campaign through lost answers without re-dialing anyone reached or losing anyone not reached", async () => {
        const provider = await configuredProvider(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": "5" });
        const callees = Array.from({ length: 6 }, (_, i) => `+86130123456${10 + i}`);
        const raw = campaign({ callees });
        const inputsA = (await provider.check({}, raw)).inputs!;
        const a = await provider.create(inputsA);
        emu.advance(3600 + 120);
        const reached = emu.task(Number(a.id))!.callees.filter((c) => c.state === CalleeState.Answered).map((c) => numberFromApi(c.callee));
        assert.ok(reached.length > 0 && reached.length < callees.length);
        // Every step of the replacement loses an answer; the new task is listed late; reads fail now and then.
        const lostAnswerOf = (action: string) =>
            emu.setFaults({
                listLag: { seconds: 2 },
                dropAfterCommit: { actions: [action], count: 1, hangMs: 1500 },
                internalError: { actions: ["DescribeAutoCalloutTask", "DescribeAutoCalloutTasks"], probability: 0.3, seed: 5 },
            });
        const inputsB = (await provider.check(inputsA, { ...raw, availableTime: [{ start: "09:00", end: "11:00" }] })).inputs!;
        lostAnswerOf("StopAutoCalloutTask");
        await provider.delete(a.id, a.outs);
        lostAnswerOf("CreateAutoCalloutTask");
        const b = await provider.create(inputsB);
        emu.clearFaults();
        const log = emu.requestLog();
        console.log(`      figures: dropped ${log.filter((e) => e.outcome === "fault:drop").length}, internal ${log.filter((e) => e.outcome === "fault:internal").length}, skipped ${b.outs.skippedCallees}`);
        assert.equal(log.filter((e) => e.outcome === "fault:drop").length, 2);
        assert.equal(emu.tasks().length, 2, "exactly one replacement task");
        assert.equal(emu.task(Number(a.id))!.state, 4);
        assert.deepEqual(emu.task(Number(b.id))!.request.Callees.map(numberFromApi).sort(), callees.filter((c) => !reached.includes(c)).sort());
        assert.equal(b.outs.skippedCallees, reached.length);
    });
});
