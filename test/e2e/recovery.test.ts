// A deploy killed (or failed) after its creates committed but before their answers came, recovered the
// way docs/failures.md says, while the task list lags behind creates by up to the settle time. Through the
// real engine: exactly one task per campaign, a killed replacement included (the engine checks a
// replacement again with no old inputs, so it too waits for the state's reading), none left live after
// destroy; and the control with the old behaviour (cccCreateRecovery: never), which duplicates every task.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { CalleeState } from "../../emulator";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi, numberFromApi } from "../../provider/callout-task/mapping";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { type EngineStack, engineStack, upKilledWhen } from "../support/engine-harness";
import { actions, campaign, checked, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

// Longer than the recovering up takes to its first listing here (about 8 s), so that the lag in time is what it meets.
const SETTLE_SECONDS = 15;
const N = 8;
const LIVE = [0, 1, 5];

describe("Pulumi engine: recovery from a killed or failed deploy under list lag", function () {
    this.timeout(900_000);
    let emu: Emulator;
    let env: EngineStack;

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        env = await engineStack("e2e-recovery", emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": String(SETTLE_SECONDS) });
    });
    after(async () => {
        await emu?.close();
    });

    const named = (prefix: string) => emu.tasks().filter((t) => t.name?.startsWith(`${prefix}-`));
    function writeCampaigns(prefix: string, overrides: Record<string, unknown> = {}) {
        for (let i = 0; i < N; i++) env.writeCampaign(`${prefix}-${i}`, campaign({ name: `${prefix}-${i}`, callees: [`+86137${String(20000000 + i).slice(-8)}`], ...overrides }));
    }
    /** Tasks per campaign, and how many are tracked in state. */
    async function tally(prefix: string) {
        const tracked = (await env.stack.resources(TYPE_TOKEN)).filter((r) => r.name.startsWith(`${prefix}-`)).map((r) => Number(r.id));
        const tasks = named(prefix);
        return { tasks: tasks.length, tracked: tracked.length, duplicates: tasks.length - new Set(tasks.map((t) => t.name)).size, orphans: tasks.filter((t) => !tracked.includes(t.taskId)).length };
    }

    /**
     * Kills `up` once every create of the campaigns has committed, with the answers held back and the
     * tasks listed late (`lagSeconds` after they were made, and never by the first listing after: on
     * a machine this fast the recovering up may list sooner than any real lag would allow), then
     * `pulumi cancel` and `up` at once. Returns the recovering up's output and its creates.
     */
    async function killAndRecover(prefix: string, lagSeconds: number) {
        writeCampaigns(prefix);
        emu.setFaults({ listLag: { seconds: lagSeconds, listCalls: 1 }, dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 1, hangMs: 120_000 } });
        const start = emu.requestLog().length;
        await upKilledWhen(env.stack, () => emu.requestLog().slice(start).filter((e) => e.outcome === "fault:drop").length === N);
        // The lag stays with the tasks made under it.
        emu.setFaults({});
        const committed = emu.requestLog().slice(start).filter((e) => e.outcome === "fault:drop");
        assert.equal(named(prefix).length, N, "every create committed before the kill");
        const cancel = await env.stack.run(["cancel", "--yes", "--stack", env.stack.stackName]);
        assert.equal(cancel.code, 0, cancel.stdout + cancel.stderr);
        const before = emu.requestLog().length;
        const started = Date.now();
        const up = await env.stack.up();
        const log = emu.requestLog().slice(before);
        const creates = log.filter((e) => e.action === "CreateAutoCalloutTask").length;
        const firstListing = log.find((e) => e.action === "DescribeAutoCalloutTasks")!;
        const early = (Math.min(...committed.map((e) => e.at)) + lagSeconds * 1000 - firstListing.at) / 1000;
        console.log(
            `      lag ${lagSeconds}s, settle ${SETTLE_SECONDS}s: the recovering up took ${((Date.now() - started) / 1000).toFixed(1)}s; its first listing came ` +
                `${Math.abs(early).toFixed(1)}s ${early >= 0 ? "before" : "after"} the lag had passed; creates ${creates}`,
        );
        return { up, text: up.stdout + up.stderr, creates };
    }

    for (const lag of [SETTLE_SECONDS, SETTLE_SECONDS - 1]) {
        it(`after a killed up with the list ${lag}s behind (settle ${SETTLE_SECONDS}s), cancel and up at once make exactly one task per campaign, and warn`, async () => {
            const { up, text, creates } = await killAndRecover(`lag${lag}`, lag);
            assert.equal(up.code, 0, text);
            assert.equal(creates, 0, "a task was created a second time");
            assert.deepEqual(await tally(`lag${lag}`), { tasks: N, tracked: N, duplicates: 0, orphans: 0 });
            assert.match(text, /pending operations from previous deployment/);
            const warnings = new Set(text.match(/CalloutTask "[^"]+": the stack's state holds a pending create of this resource from an interrupted deploy, so a task made then may exist and not be listed yet; looked for it until it was listed or 15s \(tencentcloud:cccCreateSettleSeconds\) had passed since the state was read: found task \d+ and adopted it/g));
            assert.equal(warnings.size, N, text);
        });
    }

    it("the control: with cccCreateRecovery never, the same sequence creates every task twice", async () => {
        await env.stack.setConfig("tencentcloud:cccCreateRecovery", "never");
        try {
            const { up, text, creates } = await killAndRecover("never", SETTLE_SECONDS - 1);
            assert.equal(up.code, 0, text);
            assert.equal(creates, N);
            assert.deepEqual(await tally("never"), { tasks: 2 * N, tracked: N, duplicates: N, orphans: N });
        } finally {
            await env.stack.setConfig("tencentcloud:cccCreateRecovery", "auto");
            // The orphans are not in the stack: stop them here, so that only what the fix made is left for destroy.
            const tracked = (await env.stack.resources(TYPE_TOKEN)).map((r) => Number(r.id));
            for (const t of named("never").filter((t) => !tracked.includes(t.taskId))) emu.console.stop(t.taskId);
        }
    });

    it("an up that hits its time bound on creates whose answers were lost looks until the tasks must be listed: one task each, and the next up creates none", async () => {
        await env.stack.setConfig("tencentcloud:cccRetryMaxSeconds", "3");
        try {
            writeCampaigns("bound");
            emu.setFaults({ listLag: { seconds: SETTLE_SECONDS - 1 }, dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 1, hangMs: 1500 } });
            const before = emu.requestLog().length;
            const up = await env.stack.up();
            emu.setFaults({});
            assert.equal(up.code, 0, up.stdout + up.stderr);
            assert.equal(actions(emu, before).filter((a) => a === "CreateAutoCalloutTask").length, N);
            const again = await env.stack.up();
            assert.equal(again.code, 0, again.stdout + again.stderr);
            assert.deepEqual(await tally("bound"), { tasks: N, tracked: N, duplicates: 0, orphans: 0 });
        } finally {
            await env.stack.setConfig("tencentcloud:cccRetryMaxSeconds", "120");
        }
    });

    it("after a killed replacement (the old task stopped, the new one's create committed, its answer lost), cancel and up adopt the new task: none made twice", async () => {
        const prefix = "repl";
        writeCampaigns(prefix);
        const first = await env.stack.up();
        assert.equal(first.code, 0, first.stdout + first.stderr);
        // `tries` forces a new task (delete before replace): the engine keeps the old resource, pending replacement, beside the pending create.
        writeCampaigns(prefix, { tries: 3 });
        emu.setFaults({ listLag: { seconds: SETTLE_SECONDS - 1, listCalls: 1 }, dropAfterCommit: { actions: ["CreateAutoCalloutTask"], probability: 1, hangMs: 120_000 } });
        const start = emu.requestLog().length;
        await upKilledWhen(env.stack, () => emu.requestLog().slice(start).filter((e) => e.outcome === "fault:drop").length === N);
        emu.setFaults({});
        const live = () => named(prefix).filter((t) => LIVE.includes(t.state));
        assert.equal(live().length, N, "every old task stopped and every new one committed before the kill");
        const cancel = await env.stack.run(["cancel", "--yes", "--stack", env.stack.stackName]);
        assert.equal(cancel.code, 0, cancel.stdout + cancel.stderr);
        const before = emu.requestLog().length;
        const up = await env.stack.up();
        const text = up.stdout + up.stderr;
        assert.equal(up.code, 0, text);
        assert.equal(actions(emu, before).filter((a) => a === "CreateAutoCalloutTask").length, 0, "a task was created a second time");
        const tracked = (await env.stack.resources(TYPE_TOKEN)).filter((r) => r.name.startsWith(`${prefix}-`)).map((r) => Number(r.id)).sort();
        assert.deepEqual(live().map((t) => t.taskId).sort(), tracked, "the live tasks are exactly the ones the stack tracks");
        assert.equal(new Set(text.match(/CalloutTask "repl-\d": the stack's state holds a pending create of this resource from an interrupted deploy[^\n]*found task \d+ and adopted it/g)).size, N, text);
    });

    it("a preview with no changes makes no API call", async () => {
        const before = emu.requestLog().length;
        const preview = await env.stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(actions(emu, before), []);
    });

    it("replacing an adopted task leaves out whom it reached, and says so in skippedCallees", async () => {
        const callees = Array.from({ length: 6 }, (_, i) => `+86130123457${10 + i}`);
        const declared = campaign({ name: "adopted", callees });
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const { TaskId } = await api.createTask(createRequestToApi(checked(declared) as any));
        env.writeCampaign("adopted", { ...declared, adoptTaskId: TaskId });
        const adopted = await env.stack.up();
        assert.equal(adopted.code, 0, adopted.stdout + adopted.stderr);
        emu.advance(3600 + 120); // 09:02 in Shanghai: the first calls have ended
        const reached = emu.task(TaskId as number)!.callees.filter((c) => c.state === CalleeState.Answered).map((c) => numberFromApi(c.callee));
        assert.ok(reached.length > 0 && reached.length < callees.length, `${reached.length} answered`);
        // Once adopted, adoptTaskId can go; a shorter window replaces the task.
        env.writeCampaign("adopted", { ...declared, availableTime: [{ start: "09:00", end: "11:00" }] });
        const replaced = await env.stack.up();
        assert.equal(replaced.code, 0, replaced.stdout + replaced.stderr);
        const [task] = (await env.stack.resources(TYPE_TOKEN)).filter((r) => r.name === "adopted");
        assert.notEqual(Number(task.id), TaskId);
        assert.deepEqual(emu.task(Number(task.id))!.request.Callees!.map(numberFromApi).sort(), callees.filter((c) => !reached.includes(c)).sort());
        assert.equal(task.outputs.skippedCallees, reached.length);
    });

    it("destroy leaves no task live", async () => {
        const destroy = await env.stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(emu.tasks().filter((t) => LIVE.includes(t.state)).map((t) => `${t.taskId} ${t.name}`), []);
    });
});
