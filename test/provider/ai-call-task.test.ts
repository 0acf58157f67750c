// The AiCallTask provider against the AICCS emulator, through Alibaba's SDK runtime over HTTP: the
// lifecycle, bad input, 64-bit ids, the undocumented answers each way, and faults.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { AiCallTaskProvider } from "../../provider/ai-call-task/provider";
import { importStats } from "../../provider/ai-call-task/operations";
import { outIdOf } from "../../provider/ai-call-task/mapping";
import { resetProcessState } from "../../provider/shared/process";
import { configOf, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

/** The emulator's first task id: 18 digits, above 2^53. */
const ID = (n: number) => String(118712345678900000n + BigInt(n));
const number = (i: number) => `+86138${String(i).padStart(8, "0")}`;

/** IMMEDIATE, Tuesdays and Wednesdays 09:00–12:00 Shanghai (T0 is Tuesday 08:00 there). */
function task(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        taskName: "winter-ai-reminders",
        agentId: "agent-1",
        virtualNumber: "057100000000",
        startType: "IMMEDIATE",
        callTime: [{ start: "09:00", end: "12:00" }],
        callDays: ["TUESDAY", "WEDNESDAY"],
        missCallRetry: true,
        callRetryTimes: 1,
        callRetryInterval: 10,
        taskCps: 2,
        callees: [number(1), { number: number(2), variables: { name: "Li" } }, number(3)],
        ...over,
    };
}

describe("AiCallTask provider (AICCS emulator, @alicloud/openapi-core)", function () {
    this.timeout(120_000);
    let emu: Emulator;
    let provider: AiCallTaskProvider;
    let warnings: string[];

    const configure = async (extra: Record<string, string> = {}) => {
        resetProcessState();
        warnings = [];
        provider = new AiCallTaskProvider(async (_urn, m) => void warnings.push(m));
        await provider.configure({ config: configOf({ "alicloud:accessKey": SECRET_ID, "alicloud:secretKey": SECRET_KEY, "alicloud:aiccsEndpoint": emu.aiccs.endpoint, "alicloud:aiccsTimeoutSeconds": "2", "alicloud:aiccsCreateSettleSeconds": "3", ...extra }) });
    };
    const checked = async (props: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
        const r = await provider.check(olds, props);
        assert.deepEqual(r.failures ?? [], []);
        return r.inputs!;
    };
    const create = async (props = task()) => provider.create(await checked(props));
    const actions = () => emu.aiccs.requestLog().map((e) => e.action);
    const numbersOf = (taskId: string) => emu.aiccs.task(taskId)!.callees.map((c) => c.calledNumber);

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(async () => {
        emu.reset();
        await configure();
    });

    it("creates a running task with its callees, each with an outId that is not the number; the 64-bit id stays exact", async () => {
        const { id, outs } = await create();
        assert.equal(id, ID(1));
        assert.equal(Number.isSafeInteger(Number(id)), false);
        assert.deepEqual([outs.taskId, outs.status, outs.statusName, outs.paused, outs.progress], [ID(1), 1, "running", false, { total: 3, pending: 3, completed: 0, failed: 0 }]);
        const t = emu.aiccs.task(id)!;
        assert.deepEqual(t.settings.CallTime, [{ startTime: "09:00:00", endTime: "12:00:00" }]);
        assert.deepEqual(t.settings.CallDay, ["TUESDAY", "WEDNESDAY"]);
        assert.deepEqual(t.callees.map((c) => [c.calledNumber, c.outId, c.variables]), [
            ["13800000001", outIdOf(id, number(1)), {}],
            ["13800000002", outIdOf(id, number(2)), { name: "Li" }],
            ["13800000003", outIdOf(id, number(3)), {}],
        ]);
        for (const c of t.callees) assert.ok(!c.outId!.includes(c.calledNumber));
        // The name looked up once (create-once); a task this create made holds no callee, so no record is
        // read before the import; then the task once: detail, listed status, and its three counts.
        assert.deepEqual(actions(), [
            "QueryAiCallTaskPage",
            "CreateAiCallTask",
            "ImportTaskNumberDatas",
            "QueryAiCallTaskDetail",
            "QueryAiCallTaskPage",
            ...Array(3).fill("QueryAiCallDetailPage"),
        ]);
    });

    it("creates a paused task stopped before any callee arrives: nobody is dialed in its window", async () => {
        const { id, outs } = await create(task({ paused: true }));
        assert.deepEqual([outs.status, outs.paused], [2, true]);
        assert.deepEqual(actions().filter((a) => !a.startsWith("Query")), ["CreateAiCallTask", "StopAiCallTask", "ImportTaskNumberDatas"]);
        emu.advance(2 * 3600);
        assert.deepEqual(emu.aiccs.task(id)!.callees.map((c) => c.callingAt), [undefined, undefined, undefined]);
    });

    it("updates in place: stops, updates, starts again; the same task, the new settings", async () => {
        const { id, outs } = await create();
        const news = await checked(task({ callTime: [{ start: "10:00", end: "11:30" }], taskCps: 5, callRetryInterval: 60 }), outs);
        assert.deepEqual(await provider.diff(id, outs, news), { changes: true, replaces: [], deleteBeforeReplace: true });
        const before = emu.aiccs.requestLog().length;
        const updated = await provider.update(id, outs, news);
        assert.deepEqual(emu.aiccs.requestLog().slice(before).map((e) => e.action).filter((a) => !a.startsWith("Query")), ["StopAiCallTask", "UpdateAiCallTask", "StartAiCallTask"]);
        assert.deepEqual([updated.outs.taskId, updated.outs.status], [id, 1]);
        const s = emu.aiccs.task(id)!.settings;
        assert.deepEqual([s.CallTime, s.TaskCps, s.CallRetryInterval], [[{ startTime: "10:00:00", endTime: "11:30:00" }], 5, 60]);
        assert.equal(emu.aiccs.tasks().length, 1);
    });

    it("pauses and resumes with Stop and Start, without an update", async () => {
        const { id, outs } = await create();
        const paused = await provider.update(id, outs, await checked(task({ paused: true }), outs));
        assert.equal(paused.outs.status, 2);
        const resumed = await provider.update(id, paused.outs, await checked(task({ paused: false }), paused.outs));
        assert.equal(resumed.outs.status, 1);
        assert.equal(actions().filter((a) => a === "UpdateAiCallTask").length, 0);
    });

    it("refuses an update-time retry interval over 120 minutes, and allows it on create", async () => {
        const { outs } = await create(task({ callRetryInterval: 720 }));
        const r = await provider.check(outs, task({ callRetryInterval: 300 }));
        assert.deepEqual(r.failures, [{ property: "callRetryInterval", reason: "must be at most 120 minutes when an existing task is updated (720 on create)" }]);
    });

    it("imports added callees, cancels removed pending ones, and keeps (and reports) those being called", async () => {
        const { id, outs } = await create(task({ taskCps: 1 }));
        emu.advance(3600 + 60); // 09:01: the first callee is being called
        assert.equal(emu.aiccs.task(id)!.callees.filter((c) => c.callingAt !== undefined).length, 2);
        const news = await checked(task({ taskCps: 1, callees: [number(4)] }), outs);
        const updated = await provider.update(id, outs, news);
        const t = emu.aiccs.task(id)!;
        assert.deepEqual(numbersOf(id), ["13800000001", "13800000002", "13800000003", "13800000004"]);
        const log = emu.aiccs.requestLog().filter((e) => e.action === "CancelAiCallDetails");
        assert.equal(log.length, 1);
        assert.equal(JSON.parse(log[0].params.DetailIdList).length, 3);
        assert.deepEqual(warnings, [`AiCallTask "winter-ai-reminders": 2 removed callee(s) are already queued or being called and cannot be cancelled; they stay on task ${id}`]);
        assert.equal(t.callees.length, 4);
        assert.equal(updated.outs.status, 1);
    });

    it("cancels removed callees of a stopped task (pending, not queued)", async () => {
        const { id, outs } = await create(task({ paused: true }));
        const updated = await provider.update(id, outs, await checked(task({ paused: true, callees: [number(1)] }), outs));
        assert.deepEqual(warnings, []);
        assert.deepEqual(updated.outs.progress, { total: 3, pending: 1, completed: 0, failed: 2 });
    });

    it("replaces only for agentId or virtualNumber, and asks for a new taskName then", async () => {
        const { id, outs } = await create();
        const same = await provider.check(outs, task({ agentId: "agent-2" }));
        assert.deepEqual(same.failures, [{ property: "taskName", reason: "must change when agentId changes: that replaces the task, and the stopped task keeps its name (AICCS names are unique per account and tasks cannot be deleted)" }]);
        const news = await checked(task({ agentId: "agent-2", taskName: "winter-ai-reminders-2" }), outs);
        assert.deepEqual(await provider.diff(id, outs, news), { changes: true, replaces: ["agentId"], deleteBeforeReplace: true });
        await provider.delete(id, outs);
        const replaced = await provider.create(news);
        assert.notEqual(replaced.id, id);
        assert.deepEqual(emu.aiccs.tasks().map((t) => [t.taskId, t.status, t.settings.AgentId]), [[id, 2, "agent-1"], [replaced.id, 1, "agent-2"]]);
    });

    describe("redial: a replacement and the callees earlier tasks of the resource reached", () => {
        const LINEAGE = "0123456789abcdef";
        const callees = [number(1), number(2), number(3), number(4), number(5), number(6)];
        const answered = (taskId: string) => emu.aiccs.task(taskId)!.callees.filter((c) => c.state === "answered").map((c) => c.calledNumber);
        /** The resource replaced (a new agent and name), as the engine does it: check without olds, delete, create. */
        const replace = async (old: { id: string; outs: Record<string, unknown> }, n: number, over: Record<string, unknown> = {}) => {
            const news = await checked({ ...task({ agentId: `agent-${n}`, taskName: `winter-ai-reminders-${n}`, callees, taskCps: 1, ...over }), lineage: LINEAGE });
            await provider.delete(old.id, old.outs);
            return provider.create(news);
        };

        it("leaves out whom the replaced task reached, then whom either earlier task reached; the state keeps their ids", async () => {
            const first = await provider.create(await checked({ ...task({ callees, taskCps: 1 }), lineage: LINEAGE }));
            emu.advance(3600 + 8 * 60); // 09:08: some callees answered, some not, some not called yet
            const reachedByFirst = answered(first.id);
            assert.ok(reachedByFirst.length > 0 && reachedByFirst.length < callees.length, `${reachedByFirst.length} reached: the case says little`);
            const second = await replace(first, 2);
            assert.deepEqual(numbersOf(second.id), callees.map((c) => c.slice(3)).filter((n) => !reachedByFirst.includes(n)));
            assert.deepEqual(second.outs.predecessors, [first.id]);
            assert.equal(second.outs.lineage, LINEAGE);
            emu.advance(8 * 60);
            const reached = new Set([...reachedByFirst, ...answered(second.id)]);
            const third = await replace(second, 3);
            assert.deepEqual(numbersOf(third.id), callees.map((c) => c.slice(3)).filter((n) => !reached.has(n)));
            assert.deepEqual(third.outs.predecessors, [first.id, second.id]);
        });

        it('redial: "everyone" dials the whole list again, and a later replacement still knows every earlier task', async () => {
            const first = await provider.create(await checked({ ...task({ callees, taskCps: 1 }), lineage: LINEAGE }));
            emu.advance(3600 + 8 * 60);
            assert.ok(answered(first.id).length > 0);
            const second = await replace(first, 2, { redial: "everyone" });
            assert.deepEqual(numbersOf(second.id), callees.map((c) => c.slice(3)));
            assert.deepEqual(second.outs.predecessors, [first.id]);
            const third = await replace(second, 3);
            assert.ok(!numbersOf(third.id).some((n) => answered(first.id).includes(n)));
        });

        it("makes no task when earlier tasks reached everyone, and says how to call them again", async () => {
            const first = await provider.create(await checked({ ...task({ callees: [number(1)] }), lineage: LINEAGE }));
            emu.advance(3600 + 20 * 60);
            assert.deepEqual(answered(first.id), ["13800000001"]);
            const before = actions().length;
            await assert.rejects(replace(first, 2, { callees: [number(1)] }), {
                message: 'callees: all 1 were already reached by an earlier task of this resource (for example +86*********01), so no task was created; set redial: "everyone" to call them again',
            });
            assert.ok(!actions().slice(before).includes("CreateAiCallTask"));
        });

        it("an update does not import a callee an earlier task reached; changing redial alone changes nothing", async () => {
            const first = await provider.create(await checked({ ...task({ callees, taskCps: 1 }), lineage: LINEAGE }));
            emu.advance(3600 + 8 * 60);
            const reached = answered(first.id)[0];
            const others = callees.filter((c) => c.slice(3) !== reached);
            const second = await replace(first, 2, { callees: others });
            const news = await checked({ ...task({ agentId: "agent-2", taskName: "winter-ai-reminders-2", callees, taskCps: 1 }), lineage: LINEAGE }, second.outs);
            const updated = await provider.update(second.id, second.outs, news);
            assert.ok(!numbersOf(second.id).includes(reached));
            assert.deepEqual(updated.outs.predecessors, [first.id]);
            const redial = await checked({ ...task({ agentId: "agent-2", taskName: "winter-ai-reminders-2", callees, taskCps: 1, redial: "everyone" }), lineage: LINEAGE }, updated.outs);
            assert.deepEqual(await provider.diff(second.id, updated.outs, redial), { changes: false, replaces: [], deleteBeforeReplace: true });
        });
    });

    it("deletes by stopping (AICCS has no delete), and a gone task counts as deleted", async () => {
        const a = await create();
        const from = actions().length;
        await provider.delete(a.id, a.outs);
        assert.equal(emu.aiccs.task(a.id)!.status, 2);
        // Its status decides the Stop (no counts); the Stop is confirmed by the task as it then is.
        const described = ["QueryAiCallTaskDetail", "QueryAiCallTaskPage", ...Array(3).fill("QueryAiCallDetailPage")];
        assert.deepEqual(actions().slice(from), ["QueryAiCallTaskDetail", "QueryAiCallTaskPage", "StopAiCallTask", ...described]);
        emu.aiccs.console.remove(a.id);
        await provider.delete(a.id, a.outs);
    });

    it("reads drift: a task stopped in the console reads as paused, a removed one as gone", async () => {
        const { id, outs } = await create();
        emu.aiccs.console.stop(id);
        const r = await provider.read(id, outs);
        assert.deepEqual([r.props!.paused, r.props!.status, r.props!.statusName], [true, 2, "stopped"]);
        const d = await provider.diff(id, r.props!, await checked(task(), r.props!));
        assert.deepEqual(d, { changes: true, replaces: [], deleteBeforeReplace: true });
        emu.aiccs.console.remove(id);
        assert.deepEqual(await provider.read(id, outs), {});
    });

    it("lists every bad input in one pass, naming the field and the rule, before any API call", async () => {
        const r = await provider.check({}, task({ callRetryTimes: 4, callRetryInterval: 721, taskCps: 501, callDays: ["MONDAY", "FUNDAY"], callTime: [{ start: "09:00", end: "25:00" }], startType: "SCHEDULE", callees: ["+8613800000001", "+8613800000001"], colour: "red" }));
        assert.deepEqual(r.failures, [
            { property: "colour", reason: "is not an AiCallTask input (check the spelling; inputs are camelCase)" },
            { property: "callTime[0].end", reason: "must be HH:mm or HH:mm:ss (00:00–23:59)" },
            { property: "callDays[1]", reason: 'Invalid option: expected one of "MONDAY"|"TUESDAY"|"WEDNESDAY"|"THURSDAY"|"FRIDAY"|"SATURDAY"|"SUNDAY"' },
            { property: "callRetryTimes", reason: "must be at most 3" },
            { property: "callRetryInterval", reason: "must be at most 720 minutes" },
            { property: "taskCps", reason: "must be at most 500" },
            { property: "taskStartTime", reason: "is required when startType is SCHEDULE" },
            { property: "callees[1]", reason: "is listed twice" },
        ]);
        assert.deepEqual(emu.aiccs.requestLog(), []);
    });

    it("names the rule a callee breaks, in either form, without showing the number", async () => {
        const r = await provider.check({}, task({ callees: ["+86138000000000000000000", { number: 8613800000001 }, { number: "+8613800000001", colour: "red" }] }));
        assert.deepEqual(r.failures, [
            { property: "callees[0]", reason: "+86*******************00 is too long for its country" },
            { property: "callees[1].number", reason: 'is a number, not text (+86*********01); an unquoted 00… or +… loses its prefix in YAML: write it in quotes, as "0086…" or "+86…"' },
            { property: "callees[2]", reason: 'Unrecognized key: "colour"' },
        ]);
        assert.ok(!JSON.stringify(r.failures).includes("13800000000"), JSON.stringify(r.failures));
    });

    describe("undocumented answers: the provider is correct under each", () => {
        const variants: [string, Record<string, unknown>][] = [
            ["business refusals as HTTP 400", { businessStatus: 400 }],
            ["other refusal codes", { notFound: { code: "TaskNotExist" }, wrongState: { code: "Task.Status.Invalid" }, duplicateName: { code: "Name.Exists" } }],
            ["an IMMEDIATE task waits for its first callees", { immediateStart: "onFirstImport" }],
            ["an IMMEDIATE task with no callees fails to start", { immediateStart: "failsWhenEmpty" }],
        ];
        for (const [what, answers] of variants) {
            it(what, async () => {
                emu.aiccs.setAnswers(answers);
                const a = await create();
                assert.equal(a.outs.status, 1);
                const p = await create(task({ taskName: "paused", paused: true }));
                assert.equal(p.outs.paused, true);
                emu.advance(2 * 3600);
                assert.equal(emu.aiccs.task(p.id)!.callees.some((c) => c.callingAt !== undefined), false);
                assert.equal(emu.aiccs.task(a.id)!.callees.some((c) => c.callingAt !== undefined), true);
                await provider.delete(a.id, a.outs);
                await provider.delete(a.id, a.outs); // already stopped: a refusal, then converged
                emu.aiccs.console.remove(p.id);
                assert.deepEqual(await provider.read(p.id, p.outs), {});
                assert.deepEqual(emu.aiccs.tasks().map((t) => t.status), [2]);
            });
        }
        it("a new task listed late: found by its exact name, not created twice", async () => {
            emu.aiccs.setFaults({ listLag: { seconds: 1.5 }, dropAfterCommit: { actions: ["CreateAiCallTask"], count: 1 } });
            const a = await create();
            assert.equal(a.id, ID(1));
            assert.deepEqual(emu.aiccs.tasks().map((t) => t.callees.length), [3]);
        });

        it("an InternalError answered after the task was made: found by its exact name, not created twice", async () => {
            emu.aiccs.setFaults({ listLag: { seconds: 1.5 }, internalErrorAfterCommit: { actions: ["CreateAiCallTask"], count: 1 } });
            const a = await create();
            assert.equal(a.id, ID(1));
            assert.deepEqual(emu.aiccs.requestLog().filter((e) => e.action === "CreateAiCallTask").map((e) => e.outcome), ["fault:internal-after-commit"]);
            assert.deepEqual(emu.aiccs.tasks().map((t) => t.callees.length), [3]);
        });
    });

    it("40 creates under dropped answers, resets and throttling make exactly 40 tasks, each with its callees once", async () => {
        await configure({ "alicloud:aiccsRequestsPerSecond": "50", "alicloud:aiccsMaxAttempts": "8" });
        emu.aiccs.setFaults({
            dropAfterCommit: { actions: ["CreateAiCallTask", "ImportTaskNumberDatas"], probability: 0.2, seed: 7, hangMs: 50 },
            connectionReset: { probability: 0.1, seed: 11 },
            internalError: { probability: 0.05, seed: 13 },
            internalErrorAfterCommit: { actions: ["CreateAiCallTask"], probability: 0.3, seed: 17 },
        });
        const made = await Promise.all(Array.from({ length: 40 }, (_, i) => create(task({ taskName: `campaign-${i}`, callees: [number(2 * i), number(2 * i + 1)] }))));
        assert.equal(new Set(made.map((m) => m.id)).size, 40);
        const tasks = emu.aiccs.tasks();
        assert.equal(tasks.length, 40);
        assert.deepEqual(tasks.map((t) => t.callees.length), Array(40).fill(2));
        const faults = emu.aiccs.requestLog().filter((e) => e.outcome.startsWith("fault:")).length;
        assert.ok(faults >= 10, `only ${faults} faults were injected`);
        const by = (kind: string) => emu.aiccs.requestLog().filter((e) => e.outcome === kind).length;
        console.log(`      faults: ${by("fault:drop")} dropped answers, ${by("fault:reset")} resets, ${by("fault:internal")} internal errors, ${by("fault:internal-after-commit")} internal errors after commit; 40 tasks, 0 duplicates`);
    });

    for (const boundary of [0, 1, 2, 3]) {
        it(`an import whose answer is lost at batch ${boundary + 1} of 4 resumes, importing every callee exactly once`, async () => {
            const callees = Array.from({ length: 3500 }, (_, i) => number(i));
            emu.aiccs.setFaults({ dropAfterCommit: { actions: ["ImportTaskNumberDatas"], after: boundary, count: 1, hangMs: 10 } });
            const { id } = await create(task({ callees }));
            const held = numbersOf(id);
            assert.equal(held.length, 3500);
            assert.equal(new Set(held).size, 3500);
            assert.equal(importStats().resumed, 1);
            const imports = emu.aiccs.requestLog().filter((e) => e.action === "ImportTaskNumberDatas").map((e) => e.outcome);
            assert.deepEqual(imports, ["ok", "ok", "ok", "ok"].map((ok, i) => (i === boundary ? "fault:drop" : ok)));
        });
    }

    it("an interrupted create resumes in a new process: the task is found by name, and only the missing callees are imported", async () => {
        const callees = Array.from({ length: 2500 }, (_, i) => number(i));
        emu.aiccs.setFaults({ internalError: { actions: ["ImportTaskNumberDatas"], after: 1, count: 100 } });
        const props = await checked(task({ callees }));
        await assert.rejects(provider.create(props), (e: any) => e.id === ID(1) && /finishing its setup failed/.test(e.message));
        assert.equal(numbersOf(ID(1)).length, 1000);
        emu.aiccs.clearFaults();
        await configure();
        const again = await provider.create(props);
        assert.equal(again.id, ID(1));
        assert.equal(new Set(numbersOf(ID(1))).size, 2500);
        assert.equal(numbersOf(ID(1)).length, 2500);
    });
});
