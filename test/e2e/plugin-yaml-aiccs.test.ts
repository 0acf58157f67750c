// The alicloud-aiccs provider plugin under the real engine, from a YAML program (no SDK): up, paused,
// updated in place with a callee added and one removed, replaced, destroyed, each asserted on the
// AICCS emulator; the review of the plugin's task; `pulumi import` of a task made in the console.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { PLUGIN_TYPE_TOKEN } from "../../provider/ai-call-task/schema";
import { parsePreview, parseStateExport } from "../../review/input";
import { summarize } from "../../review/summary";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { aiccsPluginStack, consoleAiccsTask, upExpecting } from "../plugin/harness";
import { startTestEmulator } from "../support/provider-harness";

const PROGRAM = path.join(REPO, "test", "plugin", "yaml-aiccs");

describe("provider plugin alicloud-aiccs: a YAML program on the real engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    /** The AICCS actions that change something, since a point in the request log. */
    const changes = (since: number) => emu.aiccs.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Query"));
    const up = (expect: RegExp) => upExpecting(stack, expect);

    before(async function () {
        this.timeout(3_600_000); // a cold machine builds the CLI and the language hosts
        emu = await startTestEmulator();
        stack = await aiccsPluginStack("plugin-yaml-aiccs", PROGRAM, emu);
    });
    after(async () => {
        await emu?.close();
    });

    it("up creates the running task with its callees, secret in state; a second preview has no changes", async () => {
        await up(/alicloud-aiccs:index:AiCallTask\s+ai\s+created/);
        const { taskId, statusName } = await stack.outputs();
        assert.equal(statusName, "running");
        const t = emu.aiccs.task(taskId)!;
        assert.deepEqual([t.status, t.settings.TaskName, t.callees.map((c) => c.calledNumber)], [1, "ai-reminders", ["13800000001", "13800000002"]]);
        assert.deepEqual(t.callees[0].variables, { name: "Li" });
        assert.ok(!(await stack.exportState()).includes("13800000001"), "a callee number in plain text in state");
        const [task] = await stack.resources(PLUGIN_TYPE_TOKEN);
        assert.equal(task.outputs.callees?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "callees not secret in state");
        const before = emu.aiccs.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changes(before), []);
    });

    it("paused: true stops the task in place, and false starts it again", async () => {
        const { taskId } = await stack.outputs();
        for (const [paused, action, status] of [["true", "StopAiCallTask", 2], ["false", "StartAiCallTask", 1]] as const) {
            const before = emu.aiccs.requestLog().length;
            await stack.setConfig("paused", paused);
            await up(/1 updated/);
            assert.deepEqual(changes(before), [action]);
            assert.equal(emu.aiccs.task(taskId)!.status, status);
        }
    });

    it("the review reads the plugin's task: an update in place, from the preview and the state", async () => {
        await stack.setConfig("startHour", "10:30");
        try {
            const preview = await stack.command(["preview", "--json"]);
            assert.equal(preview.code, 0, preview.stderr);
            const state = parseStateExport(await stack.exportState());
            assert.deepEqual(state.map((r) => [r.name, r.kind.name]), [["ai", "AiCallTask"]]);
            const review = summarize({ preview: parsePreview(preview.stdout), state });
            assert.deepEqual(review.campaigns.map((c) => [c.name, c.action]), [["ai", "update"]]);
        } finally {
            await stack.setConfig("startHour", "10:00");
        }
    });

    it("a window change and a callee added and one removed update the same task in place", async () => {
        const { taskId } = await stack.outputs();
        const before = emu.aiccs.requestLog().length;
        await stack.setConfig("startHour", "10:30");
        await stack.setConfig("calleeList", "1");
        await up(/1 updated/);
        assert.deepEqual(changes(before), ["StopAiCallTask", "UpdateAiCallTask", "ImportTaskNumberDatas", "CancelAiCallDetails", "StartAiCallTask"]);
        assert.equal((await stack.outputs()).taskId, taskId);
        const t = emu.aiccs.task(taskId)!;
        assert.deepEqual(t.settings.CallTime, [{ startTime: "10:30:00", endTime: "12:00:00" }]);
        assert.deepEqual(t.callees.map((c) => c.calledNumber), ["13800000001", "13800000002", "13800000003"]);
        const [task] = await stack.resources(PLUGIN_TYPE_TOKEN);
        assert.equal(task.outputs.progress.failed, 1, "the removed callee, cancelled");
    });

    it("a new agent (and name) replaces the task: the old one stopped before the new one is made", async () => {
        const { taskId: old } = await stack.outputs();
        const before = emu.aiccs.requestLog().length;
        await stack.setConfig("agentId", "agent-2");
        await stack.setConfig("taskName", "ai-reminders-2");
        await up(/1 replaced/);
        assert.deepEqual(changes(before), ["StopAiCallTask", "CreateAiCallTask", "ImportTaskNumberDatas"]);
        const { taskId } = await stack.outputs();
        assert.notEqual(taskId, old);
        assert.deepEqual([emu.aiccs.task(old)!.status, emu.aiccs.task(taskId)!.status, emu.aiccs.task(taskId)!.settings.AgentId], [2, 1, "agent-2"]);
    });

    it("destroy stops the task (AICCS has no delete)", async () => {
        const { taskId } = await stack.outputs();
        const before = emu.aiccs.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(before), ["StopAiCallTask"]);
        assert.equal(emu.aiccs.task(taskId)!.status, 2);
        assert.deepEqual(await stack.resources(PLUGIN_TYPE_TOKEN), []);
    });

    it("pulumi import takes over a task made in the console by its TASKID, and up of the generated declaration has no changes", async () => {
        const taskId = await consoleAiccsTask(
            emu,
            { taskName: "made-in-console", agentId: "agent-9", virtualNumber: "057100000009", startType: "SCHEDULE", taskStartTime: "2028-03-07T09:00:00+08:00", callTime: [{ start: "09:00", end: "11:00" }], callDays: ["TUESDAY"], callees: ["+8613800000009"] },
            [{ calleeNumber: "13800000009", outId: "console-1" }],
        );
        const count = emu.aiccs.tasks().length;
        const generated = path.join(stack.dir, "imported-aiccs.yaml");
        const imported = await stack.command(["import", PLUGIN_TYPE_TOKEN, "console-task", taskId, "--yes", "--out", generated]);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        const text = imported.stdout + imported.stderr;
        assert.match(text, /AICCS never returns the callees' variables/);
        assert.ok(!text.includes("13800000009"), "a full number in the import output");
        const [task] = await stack.resources(PLUGIN_TYPE_TOKEN);
        assert.deepEqual([task.name, task.id, task.outputs.taskId, task.outputs.statusName], ["console-task", taskId, taskId, "init"]);

        const program = path.join(stack.dir, "imported-aiccs-program");
        fs.mkdirSync(program, { recursive: true });
        const code = fs.readFileSync(generated, "utf8");
        assert.match(code, /type: alicloud-aiccs:(index:)?AiCallTask/);
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), `name: aiccs-plugin-yaml\nruntime: yaml\n${code}`);
        const before = emu.aiccs.requestLog().length;
        const again = await new LocalStack(stack.bin, stack.stackName, stack.env, program).up(["--expect-no-changes"]);
        assert.equal(again.code, 0, again.stdout + again.stderr + code);
        assert.deepEqual(changes(before), []);
        assert.equal(emu.aiccs.tasks().length, count);
    });
});
