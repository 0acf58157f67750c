// The alicloud-aiccs plugin package, called as the provider host calls it, against the AICCS
// emulator: its alicloud-aiccs: settings, secrets on the wire, `pulumi import` of a task made in the
// console, and a package that lists both kinds.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { packageNamed } from "../../plugin/packages";
import { packageProvider, reveal } from "../../plugin/provider";
import { aiCallTaskPlugin } from "../../provider/ai-call-task/plugin";
import { calloutTaskPlugin } from "../../provider/callout-task/plugin";
import { aiCallTask, campaign, newProviderProcess, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";
import { AICCS_PLUGIN_CONFIG, consoleAiccsTask } from "./harness";

const URN = "urn:pulumi:dev::p::alicloud-aiccs:index:AiCallTask::ai";
const SECRET = "4dabf18193072939515e22adb298388d";
const MARK = "1b47061264138c4ac30d75fd1eb44270";

describe("provider plugin: the alicloud-aiccs package on the wire", function () {
    this.timeout(60_000);
    let emu: Emulator;
    let warnings: string[];
    let plugin: ReturnType<typeof packageProvider>;
    const settings = () => new Map(Object.entries({ ...AICCS_PLUGIN_CONFIG(emu), "alicloud-aiccs:secretKey": SECRET_KEY }));
    const changing = (since: number) => emu.aiccs.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Query"));

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(async () => {
        emu.reset();
        newProviderProcess();
        warnings = [];
        plugin = packageProvider(packageNamed("alicloud-aiccs"), "0.1.0", "{}", async (_urn, message) => void warnings.push(message));
        await plugin.configure(settings());
    });

    it("reads its alicloud-aiccs: settings as the dynamic provider's alicloud: ones: check, then create on the emulator, callees secret", async () => {
        const checked = await plugin.check!(URN, {}, { ...aiCallTask(), callees: { [SECRET]: MARK, value: aiCallTask().callees } });
        assert.deepEqual(checked.failures ?? [], []);
        assert.equal(checked.inputs.callees[SECRET], MARK);
        assert.deepEqual(reveal(checked.inputs).callees, [{ number: "+8613800000001" }, { number: "+8613800000002" }]);
        const created = await plugin.create!(URN, checked.inputs);
        assert.equal(created.id, emu.aiccs.tasks()[0].taskId);
        assert.equal(created.outs.callees[SECRET], MARK, "callees not secret in the outputs");
        assert.equal(created.outs.statusName, "running");
        assert.deepEqual(emu.aiccs.task(created.id)!.callees.map((c) => c.calledNumber), ["13800000001", "13800000002"]);
    });

    it("names every bad field in one pass, before any call", async () => {
        const before = emu.aiccs.requestLog().length;
        const bad = await plugin.check!(URN, {}, aiCallTask({ callRetryTimes: 4, taskCps: 501, startType: "SCHEDULE" }));
        assert.deepEqual(bad.failures?.map((f) => f.property), ["callRetryTimes", "taskCps", "taskStartTime"]);
        assert.equal(emu.aiccs.requestLog().length, before);
    });

    it("import reads a console-made task by TASKID: its settings and callees, secret; warns that variables are not returned, masking nothing away", async () => {
        const taskId = await consoleAiccsTask(emu, aiCallTask({ taskName: "made-in-console", missCallRetry: true, callRetryTimes: 2 }), [
            { calleeNumber: "13800000007", outId: "console-1", name: "Li" },
            { calleeNumber: "13800000008", outId: "console-2" },
        ]);
        const read = await plugin.read!(taskId, URN, {});
        assert.equal(read.id, taskId);
        const inputs = reveal(read.inputs);
        assert.deepEqual(inputs, {
            taskName: "made-in-console",
            paused: false,
            agentId: "agent-1",
            virtualNumber: "057100000000",
            startType: "IMMEDIATE",
            callTime: [{ start: "10:00:00", end: "12:00:00" }],
            callDays: ["TUESDAY", "WEDNESDAY"],
            missCallRetry: true,
            callRetryTimes: 2,
            taskCps: 2,
            callees: [{ number: "+8613800000007" }, { number: "+8613800000008" }],
        });
        assert.equal(read.inputs.callees[SECRET], MARK);
        assert.equal(read.props.callees[SECRET], MARK);
        assert.equal(read.props.taskId, taskId);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], new RegExp(`^task ${taskId}: imported taskName, paused, agentId, .*callees\\. AICCS never returns the callees' variables`));
        assert.ok(!warnings[0].includes("13800000007"));
        await assert.rejects(plugin.read!("12ab", URN, {}), /import ID "12ab": must be TASKID/);

        // Declaring the variables the console set is recorded in place: nobody imported, cancelled or stopped.
        const news = (await plugin.check!(URN, read.inputs, { ...inputs, callees: [{ number: "+8613800000007", variables: { name: "Li" } }, "+8613800000008"] })).inputs;
        const diff = await plugin.diff!(taskId, URN, read.props, news);
        assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: [] });
        const before = emu.aiccs.requestLog().length;
        const updated = await plugin.update!(taskId, URN, read.props, news);
        assert.deepEqual(changing(before), []);
        assert.deepEqual(reveal(updated.outs).callees[0], { number: "+8613800000007", variables: { name: "Li" } });
        assert.equal(emu.aiccs.task(taskId)!.callees.length, 2);
    });

    it("a package listing both kinds serves each under its token, each with its own settings", async () => {
        const both = packageProvider({ name: "both", displayName: "Both", description: "Both kinds", kinds: [calloutTaskPlugin, aiCallTaskPlugin] }, "0.1.0", "{}", async () => undefined);
        await both.configure(new Map([...[...settings()].map(([k, v]) => [k.replace("alicloud-aiccs:", "both:"), v] as [string, string]), ["both:secretId", SECRET_ID]]));
        const ai = await both.check!("urn:pulumi:dev::p::alicloud-aiccs:index:AiCallTask::ai", {}, aiCallTask({ callRetryTimes: 4 }));
        assert.deepEqual(ai.failures?.map((f) => f.property), ["callRetryTimes"]);
        const ccc = await both.check!("urn:pulumi:dev::p::tencentcloud-ccc:index:CalloutTask::reminders", {}, campaign({ tries: 9 }));
        assert.deepEqual(ccc.failures?.map((f) => f.property), ["tries"]);
        const created = await both.create!("urn:pulumi:dev::p::alicloud-aiccs:index:AiCallTask::ai", (await both.check!("urn:pulumi:dev::p::alicloud-aiccs:index:AiCallTask::ai", {}, aiCallTask())).inputs);
        assert.equal(created.id, emu.aiccs.tasks()[0].taskId);
    });
});
