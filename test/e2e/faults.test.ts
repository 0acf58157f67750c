// The headline reliability case through the real engine: `pulumi up --parallel 64` of many campaigns
// while the API drops answers after committing, resets connections, fails and throttles; then an
// outage that kills a deploy mid-create, and the next deploy. Exactly one task per campaign, always.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { type Emulator, startEmulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { REPO, type RunResult } from "../../scripts/pulumi-cli";
import { type EngineStack, engineStack, upKilledWhen } from "../support/engine-harness";
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
        // The emulator lists a task as soon as it exists (no list lag in this suite), so a 5 s settle
        // suffices; at the default 30 s, four failures before commit in a row for one campaign (a reset
        // or an internal error, 20% each try) used up the 120 s bound: a few percent over 24 campaigns.
        const settings = { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccMaxAttempts": "10", "tencentcloud:cccCreateSettleSeconds": "5" };
        env = await engineStack("e2e-faults", emu, settings, { "tencentcloud:securityToken": TOKEN });
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

// Operations a team meets after a failure: credentials rotated under a stack, and a deploy killed mid-create.
describe("Pulumi engine: rotated credentials and a killed deploy", function () {
    this.timeout(900_000);
    const ROTATED = { secretId: "AKIDROTATED00000000000000000000000002", secretKey: "rotated-secret-key-never-in-state-5d2e" };
    let emu: Emulator;
    let env: EngineStack;
    let statePath: string;
    const live = (name?: string) => emu.tasks().filter((t) => [0, 1, 5].includes(t.state) && (name === undefined || t.name === name));

    /** The same service (same port, same tasks) restarted with only these credentials valid: the old key is revoked. */
    async function restartWith(credentials: { secretId: string; secretKey: string }[]) {
        const port = emu.port;
        await emu.close();
        emu = await startEmulator({ port, credentials, sdkAppIds: [SDK_APP_ID], clockStart: T0, statePath });
    }

    before(async function () {
        this.timeout(3_600_000);
        statePath = path.join(REPO, ".state", "e2e-rotation-emulator.json");
        fs.rmSync(statePath, { force: true });
        emu = await startEmulator({ credentials: [{ secretId: SECRET_ID, secretKey: SECRET_KEY }], sdkAppIds: [SDK_APP_ID], clockStart: T0, statePath });
        env = await engineStack("e2e-rotation", emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccRetryMaxSeconds": "5" });
        env.writeCampaign("first", campaign({ name: "first", callees: [callee(200)] }));
    });
    after(async () => {
        await emu?.close();
    });

    it("after the key is rotated and fixed in stack config, destroy --run-program uses the new key (plain destroy uses the one in state)", async () => {
        assert.equal((await env.stack.up()).code, 0);
        await restartWith([ROTATED]);
        // A deploy with the revoked key fails...
        env.writeCampaign("second", campaign({ name: "second", callees: [callee(201)] }));
        const failed = await env.stack.up();
        assert.notEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /AuthFailure/);
        // ...the key is fixed in stack config...
        await env.stack.setConfig("tencentcloud:secretId", ROTATED.secretId);
        await env.stack.setConfig("tencentcloud:secretKey", ROTATED.secretKey, true);
        env.removeCampaign("second");
        // ...a destroy that does not run the program still configures the provider from state:
        const stale = await env.stack.destroy();
        assert.notEqual(stale.code, 0);
        assert.match(stale.stdout + stale.stderr, /AuthFailure/);
        assert.equal(live().length, 1, "the plain destroy stopped a task");
        // The engine's way: run the program, so that the provider gets the current config.
        const destroy = await env.stack.destroy(["--run-program"]);
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(live(), []);
        assert.ok(emu.requestLog().every((e) => e.secretId === undefined || e.secretId === ROTATED.secretId), "a request was signed with the old key");
        const state = await env.stack.exportState();
        assert.ok(!state.includes(ROTATED.secretKey) && !state.includes(SECRET_KEY), "a key is in state");
    });

    it("recovers a deploy killed mid-create: cancel, up adopts the committed task, refresh --clear-pending-creates drops the stale pending create", async () => {
        // Only this campaign is created by the run that is killed: a second create could be sent after the kill, and be made by the recovering up.
        env.removeCampaign("first");
        env.writeCampaign("killed", campaign({ name: "killed", callees: [callee(202)] }));
        // The create commits, its answer is slow to come, and the deploy is killed while waiting.
        emu.setFaults({ dropAfterCommit: { actions: ["CreateAutoCalloutTask"], count: 1, hangMs: 60_000 } });
        await upKilledWhen(env.stack, () => emu.requestLog().some((e) => e.outcome === "fault:drop"));
        emu.clearFaults();
        assert.equal(live("killed").length, 1, "the create committed before the kill");
        // The next up refuses: the stack is locked or holds a pending create.
        const blocked = await env.stack.up();
        console.log(`      up after the kill: exit ${blocked.code}: ${(blocked.stdout + blocked.stderr).match(/(locked|pending)[^\n]*/i)?.[0] ?? ""}`);
        if (/locked/i.test(blocked.stdout + blocked.stderr)) {
            const cancel = await env.stack.run(["cancel", "--yes", "--stack", env.stack.stackName]);
            assert.equal(cancel.code, 0, cancel.stdout + cancel.stderr);
        }
        // With the lock gone, up warns about the interrupted create and goes ahead: the provider finds the committed task by its token.
        const before = emu.requestLog().length;
        const up = await env.stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout + up.stderr, /pending operations from previous deployment/);
        assert.ok(!emu.requestLog().slice(before).some((e) => e.action === "CreateAutoCalloutTask"), `the task was created a second time: ${up.stdout}${up.stderr}`);
        assert.equal(live("killed").length, 1);
        const tracked = async () => (await env.stack.resources(TYPE_TOKEN)).filter((r) => r.name === "killed").map((r) => Number(r.id));
        assert.deepEqual(await tracked(), [live("killed")[0].taskId]);
        // The stale pending operation stays in state until a refresh clears it.
        const pendingOps = async () => (JSON.parse(await env.stack.exportState()).deployment.pending_operations ?? []).length;
        const stale = await pendingOps();
        const refresh = await env.stack.refresh(["--clear-pending-creates"]);
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        console.log(`      pending operations in state: ${stale} after the recovering up, ${await pendingOps()} after refresh --clear-pending-creates`);
        assert.equal(await pendingOps(), 0);
        assert.deepEqual(await tracked(), [live("killed")[0].taskId]);
    });
});
