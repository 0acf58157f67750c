import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { CalleeState, type Emulator } from "../../emulator";
import { campaignOf } from "../../policy/campaign";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi, numberFromApi } from "../../provider/callout-task/mapping";
import type { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { actions, campaign, checked, configuredProvider, SECRET_ID, SECRET_KEY, stackConfig, useEmulator } from "../support/provider-harness";

describe("CalloutTask provider against the emulator", () => {
    let emu: Emulator;
    let provider: CalloutTaskProvider;

    useEmulator({}, (e, p) => ((emu = e), (provider = p)));

    it("creates, reads, pauses, resumes and stops a task", async () => {
        const inputs = checked(campaign());
        const created = await provider.create(inputs);
        const taskId = Number(created.id);
        assert.equal(created.outs.taskId, taskId);
        assert.equal(created.outs.stateName, "initial");
        assert.deepEqual(created.outs.progress, { total: 3, initial: 3, answered: 0, notAnswered: 0, calling: 0, awaitingRetry: 0 });
        const sent = emu.task(taskId)!;
        assert.ok(sent, "the emulator holds the task");
        assert.deepEqual(actions(emu), ["DescribeAutoCalloutTasks", "CreateAutoCalloutTask", "DescribeAutoCalloutTask"]);
        const createParams = emu.requestLog()[1].params;
        assert.deepEqual(createParams.Callees, ["008613012345678", "008613112345678", "008613212345678"]);
        assert.equal(createParams.TimeZone, "Asia/Shanghai");
        assert.deepEqual(createParams.AvailableTime, [{ StartTime: "09:00:00", EndTime: "12:00:00" }]);

        emu.advance(3600 + 60); // 09:01 Shanghai: the first calls are under way
        const read = await provider.read(created.id, created.outs);
        assert.equal(read.props!.stateName, "running");
        assert.ok(read.props!.progress.total === 3);

        const log = emu.requestLog().length;
        const paused = await provider.update(created.id, read.props!, { ...inputs, paused: true });
        assert.equal(paused.outs.state, 5);
        assert.equal(paused.outs.paused, true);
        assert.deepEqual(actions(emu, log), ["DescribeAutoCalloutTask", "PauseAutoCalloutTask", "DescribeAutoCalloutTask"]);

        const resumed = await provider.update(created.id, paused.outs, { ...inputs, paused: false });
        assert.equal(resumed.outs.stateName, "running");
        assert.equal(resumed.outs.paused, false);

        await provider.delete(created.id, resumed.outs);
        assert.equal(emu.task(taskId)!.state, 4);
        assert.equal(actions(emu).filter((a) => a === "StopAutoCalloutTask").length, 1);
    });

    it("creates a paused task when paused is declared", async () => {
        const created = await provider.create(checked(campaign({ paused: true })));
        assert.equal(created.outs.state, 5);
        assert.deepEqual(actions(emu), ["DescribeAutoCalloutTasks", "CreateAutoCalloutTask", "DescribeAutoCalloutTask", "PauseAutoCalloutTask", "DescribeAutoCalloutTask"]);
    });

    it("stops a live task with one Stop and one Describe that confirms it", async () => {
        const created = await provider.create(checked(campaign()));
        const before = emu.requestLog().length;
        await provider.delete(created.id, created.outs);
        assert.deepEqual(actions(emu, before), ["StopAutoCalloutTask", "DescribeAutoCalloutTask"]);
        assert.equal(emu.task(Number(created.id))!.state, 4);
    });

    it("treats a finished task as deleted when its refused Stop is followed by a Describe that shows it over", async () => {
        const created = await provider.create(checked(campaign()));
        emu.advance(5 * 86400); // past notAfter
        const before = emu.requestLog().length;
        await provider.delete(created.id, created.outs);
        assert.deepEqual(
            emu.requestLog().slice(before).map((e) => [e.action, e.outcome === "ok"]),
            [["StopAutoCalloutTask", false], ["DescribeAutoCalloutTask", true]],
        );
        assert.ok([2, 4].includes(emu.task(Number(created.id))!.state));
    });

    it("refuses to pause or resume a finished task, saying what to do", async () => {
        const inputs = checked(campaign());
        const created = await provider.create(inputs);
        emu.console.stop(Number(created.id));
        await assert.rejects(provider.update(created.id, created.outs, { ...inputs, paused: true }), /has finished .*terminated.*change a field that replaces the task/);
        assert.ok(!actions(emu).includes("PauseAutoCalloutTask"));
    });

    it("reads a task that vanished as gone, and one paused in the console as paused", async () => {
        const a = await provider.create(checked(campaign()));
        const b = await provider.create(checked(campaign({ name: "other" })));
        emu.console.remove(Number(a.id));
        emu.console.pause(Number(b.id));
        assert.deepEqual(await provider.read(a.id, a.outs), {});
        const readB = await provider.read(b.id, b.outs);
        assert.equal(readB.props!.paused, true);
        assert.equal(readB.props!.stateName, "paused");
        // The next deploy sees the drift on `paused` alone: an update in place that resumes it.
        const d = await provider.diff(b.id, readB.props!, checked(campaign({ name: "other" })));
        assert.deepEqual(d, { changes: true, replaces: [], deleteBeforeReplace: true });
    });

    it("shows no diff after a refresh of an unchanged task, even for fields the API never returns", async () => {
        const raw = campaign({ aiAgentId: 77, ivrId: undefined, retryHangupTypes: ["202"], concurrencyLimit: 2, variables: { a: "1" } });
        const created = await provider.create(checked(raw));
        const refreshed = await provider.read(created.id, created.outs);
        const d = await provider.diff(created.id, refreshed.props!, checked(raw));
        assert.deepEqual(d, { changes: false, replaces: [], deleteBeforeReplace: true });
        // Writing the same campaign differently (ISO vs Unix seconds, 0086 vs +86, HH:MM vs HH:MM:SS) is no change either.
        const same = { ...raw, notBefore: 1827536400, callees: ["+8613012345678", "008613112345678", "008613212345678"], availableTime: [{ start: "09:00:00", end: "12:00:00" }] };
        assert.equal((await provider.diff(created.id, refreshed.props!, checked(same))).changes, false);
    });

    it("replaces, deleting first, on any change but paused", async () => {
        const olds = checked(campaign());
        for (const change of [{ name: "renamed" }, { tries: 3 }, { callees: ["+8613012345678"] }, { availableTime: [{ start: "10:00", end: "12:00" }] }, { timeZone: "Asia/Hong_Kong" }]) {
            const d = await provider.diff("1", olds, checked(campaign(change)));
            assert.deepEqual(d, { changes: true, replaces: Object.keys(change), deleteBeforeReplace: true }, JSON.stringify(change));
        }
        assert.deepEqual(await provider.diff("1", olds, checked(campaign({ paused: true }))), { changes: true, replaces: [], deleteBeforeReplace: true });
    });

    it("carries a lineage in check's inputs that the policy pack still reads as a task", async () => {
        const first = (await provider.check({}, campaign())).inputs!;
        const next = (await provider.check(first, campaign({ tries: 3 }))).inputs!;
        assert.match(String(first.lineage), /^[0-9a-f]{16}$/);
        assert.equal(next.lineage, first.lineage, "the lineage is not carried to the replacement");
        // The policy pack sees these inputs (and the outputs): keys the provider adds must not hide the task from it.
        assert.equal(campaignOf(TYPE_TOKEN, { ...next, skippedCallees: 1 })?.campaign.attempts.tries, 3);
    });

    it("reports check failures naming the field, and makes no API call", async () => {
        const r = await provider.check({}, { ...campaign({ tries: 7, timeZone: "Nowhere/City" }), __provider: "x" });
        assert.deepEqual(
            r.failures!.map((f) => f.property).sort(),
            ["timeZone", "tries"],
        );
        assert.equal(emu.requestLog().length, 0);
    });

    it("adopts an existing task that matches, without creating one", async () => {
        const inputs = checked(campaign());
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const { TaskId } = await api.createTask(createRequestToApi(inputs as any));
        const before = emu.requestLog().length;
        const adopted = await provider.create({ ...inputs, adoptTaskId: TaskId });
        assert.equal(adopted.id, String(TaskId));
        assert.ok(!actions(emu, before).includes("CreateAutoCalloutTask"));
        assert.equal(emu.tasks().length, 1);
        // Removing adoptTaskId afterwards must not replace (stop and re-dial) the adopted task.
        assert.equal((await provider.diff(adopted.id, adopted.outs, inputs)).changes, false);
        assert.deepEqual((await provider.diff(adopted.id, adopted.outs, { ...inputs, adoptTaskId: TaskId! + 1 })).replaces, ["adoptTaskId"]);
    });

    it("refuses to adopt a task that differs from the declaration, listing the differences with numbers masked", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const { TaskId } = await api.createTask(createRequestToApi(checked(campaign({ name: "someone-else" })) as any));
        const declared = checked(campaign({ callees: ["+8613912345678"], adoptTaskId: TaskId }));
        await assert.rejects(provider.create(declared), (e: Error) => {
            assert.match(e.message, /adoptTaskId: task \d+ does not match/);
            assert.match(e.message, /name: declared "winter-reminders", task has "someone-else"/);
            assert.match(e.message, /callees: 1 declared but not in the task/);
            assert.ok(!e.message.includes("13912345678"), e.message);
            return true;
        });
        assert.equal(emu.tasks().length, 1);
    });

    it("surfaces API errors with action, code, message and RequestId", async () => {
        await assert.rejects(provider.create(checked(campaign({ sdkAppId: 1400999999 }))), (e: Error) => {
            assert.match(e.message, /DescribeAutoCalloutTasks failed: InvalidParameterValue.*\(RequestId [\w-]+\)/);
            return true;
        });
    });

    it("fails with a clear message, and no secret, when credentials are missing or wrong", async () => {
        const noCreds = await configuredProvider(emu, { "tencentcloud:secretId": "", "tencentcloud:secretKey": "" });
        const env = { ...process.env };
        delete process.env.TENCENTCLOUD_SECRET_ID;
        delete process.env.TENCENTCLOUD_SECRET_KEY;
        try {
            await assert.rejects(noCreds.create(checked(campaign())), /credentials: no Tencent Cloud credentials found/);
        } finally {
            Object.assign(process.env, env);
        }
        const wrong = await configuredProvider(emu, { "tencentcloud:secretKey": "wrong-key-value" });
        await assert.rejects(wrong.create(checked(campaign())), (e: Error) => {
            assert.match(e.message, /AuthFailure.SignatureFailure/);
            assert.ok(!e.message.includes("wrong-key-value"));
            return true;
        });
    });

    it("still creates and reads after being serialized the way Pulumi does, with no secret captured", async () => {
        // Configure first, so that a provider which kept credentials on itself would be caught.
        const original = await configuredProvider(emu);
        const serialized = await pulumi.runtime.serializeFunction(() => original, { allowSecrets: true });
        assert.ok(!serialized.text.includes(SECRET_KEY), "the SecretKey is in the serialized provider");
        assert.ok(!serialized.text.includes(emu.url), "configured values are in the serialized provider");
        assert.equal(serialized.containsSecrets, false);
        // The dynamic provider host evaluates the text as a module and calls handler().
        const requireFromString = require("require-from-string");
        const revived = requireFromString(serialized.text).handler();
        await revived.configure({ config: stackConfig(emu) });
        const created = await revived.create(checked(campaign()));
        const read = await revived.read(created.id, created.outs);
        assert.equal(read.props!.taskId, Number(created.id));
        assert.equal(emu.tasks().length, 1);
        // Errors keep their message once serialized (a serialized Error subclass would lose it).
        await assert.rejects(revived.create(checked(campaign({ sdkAppId: 1400999999 }))), /^CccApiError: DescribeAutoCalloutTasks failed: InvalidParameterValue: SdkAppId 1400999999/);
    });

    describe("replacement without re-dialing", () => {
        const callees = Array.from({ length: 6 }, (_, i) => `+86130123456${10 + i}`);
        const answeredBy = (taskId: number) => emu.task(taskId)!.callees.filter((c) => c.state === CalleeState.Answered).map((c) => numberFromApi(c.callee));
        const sentBy = (taskId: number) => emu.task(taskId)!.request.Callees.map(numberFromApi).sort();
        /** The engine's replacement: check against the old inputs, diff, delete the old task, create the new one. */
        async function replace(old: { id: string; outs: Record<string, unknown> }, oldInputs: Record<string, unknown>, raw: Record<string, unknown>) {
            const inputs = (await provider.check(oldInputs, raw)).inputs!;
            assert.ok((await provider.diff(old.id, old.outs, inputs)).replaces!.length > 0);
            await provider.delete(old.id, old.outs as any);
            return { inputs, created: await provider.create(inputs) };
        }

        it("leaves out callees an earlier task of the resource reached; redial: everyone dials them all", async () => {
            // State from before lineages existed: no lineage in the old inputs, the old task's create token stands in.
            const rawA = campaign({ callees });
            const inputsA = checked(rawA);
            const a = await provider.create(inputsA);
            emu.advance(3600 + 120); // 09:02 Shanghai: some calls answered
            const reachedA = answeredBy(Number(a.id));
            assert.ok(reachedA.length > 0 && reachedA.length < callees.length, `answered ${reachedA.length}`);

            // Shortening the window replaces the task: B dials only those A did not reach.
            const rawB = { ...rawA, availableTime: [{ start: "09:00", end: "11:00" }] };
            const b = await replace(a, inputsA, rawB);
            const taskB = Number(b.created.id);
            assert.deepEqual(sentBy(taskB), callees.filter((c) => !reachedA.includes(c)).sort());
            assert.equal(b.created.outs.skippedCallees, reachedA.length);
            // The declared list stays the resource's callees: a refresh and the next deploy see no change.
            const readB = await provider.read(b.created.id, b.created.outs);
            assert.equal((await provider.diff(b.created.id, readB.props!, b.inputs)).changes, false);

            // A third task excludes whoever A and B reached.
            emu.advance(240);
            const reachedAB = [...reachedA, ...answeredBy(taskB)];
            assert.ok(reachedAB.length > reachedA.length, "B reached nobody");
            const c = await replace(b.created, b.inputs, { ...rawB, availableTime: [{ start: "09:00", end: "10:30" }] });
            assert.deepEqual(sentBy(Number(c.created.id)), callees.filter((n) => !reachedAB.includes(n)).sort());

            // redial: "everyone" is explicit: the whole list again.
            const d = await replace(c.created, c.inputs, { ...rawB, availableTime: [{ start: "09:00", end: "10:00" }], redial: "everyone" });
            assert.deepEqual(sentBy(Number(d.created.id)), [...callees].sort());
            assert.equal(d.created.outs.skippedCallees, 0);
            // Changing redial alone changes nothing.
            assert.equal((await provider.diff(d.created.id, d.created.outs, { ...d.inputs, redial: "unreached" })).changes, false);
        });

        it("does not skip callees reached by another resource's task", async () => {
            const other = await provider.create((await provider.check({}, campaign({ name: "other", callees }))).inputs!);
            emu.advance(3600 + 300);
            assert.ok(answeredBy(Number(other.id)).length > 0);
            const mine = await provider.create((await provider.check({}, campaign({ callees }))).inputs!);
            assert.deepEqual(sentBy(Number(mine.id)), [...callees].sort());
        });

        it("refuses to create a task with nobody left to call, saying how to call them again", async () => {
            const raw = campaign({ callees });
            const inputs = (await provider.check({}, raw)).inputs!;
            const a = await provider.create(inputs);
            emu.advance(3600 + 300);
            const reached = answeredBy(Number(a.id));
            const before = emu.tasks().length;
            await assert.rejects(replace(a, inputs, { ...raw, callees: reached }), (e: Error) => {
                assert.match(e.message, new RegExp(`callees: all ${reached.length} were already reached .*set redial: "everyone"`));
                assert.ok(!e.message.includes(reached[0].slice(3)), "an unmasked number in the message");
                return true;
            });
            assert.equal(emu.tasks().length, before, "a task was created");
        });
    });
});
