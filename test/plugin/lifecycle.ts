// The steps every language's program goes through with the plugin: up, pause in place, replace
// (old task stopped first), destroy. The program declares one task `reminders` whose stack config
// `paused` and `replaceKey` drive it, and exports `taskId` and `stateName`.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { PLUGIN_TYPE_TOKEN } from "../../provider/callout-task/schema";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { actions } from "../support/provider-harness";

export const changes = (emu: Emulator, since: number) => actions(emu, since).filter((a) => /Create|Pause|Resume|Stop/.test(a));

export function lifecycleSteps(env: () => { stack: LocalStack; emu: Emulator }, replace: { key: string; value: string }): void {
    it("up creates the task, with the callees secret in state; a second preview has no changes", async () => {
        const { stack, emu } = env();
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /tencentcloud-ccc:index:CalloutTask\s+reminders\s+created/);
        const { taskId, stateName } = await stack.outputs();
        assert.equal(stateName, "initial");
        assert.ok(emu.task(taskId));
        assert.ok(!(await stack.exportState()).includes("13012345678"), "a callee number in plain text in state");
        const [task] = await stack.resources(PLUGIN_TYPE_TOKEN);
        assert.equal(task.outputs.callees?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "callees not secret in state");
        const before = emu.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changes(emu, before), []);
    });

    it("paused: true pauses in place, and false resumes", async () => {
        const { stack, emu } = env();
        const { taskId } = await stack.outputs();
        for (const [paused, action] of [["true", "PauseAutoCalloutTask"], ["false", "ResumeAutoCalloutTask"]] as const) {
            const before = emu.requestLog().length;
            await stack.setConfig("paused", paused);
            const up = await stack.up();
            assert.equal(up.code, 0, up.stdout + up.stderr);
            assert.match(up.stdout, /1 updated/);
            assert.deepEqual(changes(emu, before), [action]);
            assert.equal(emu.task(taskId)!.state === 5, paused === "true");
        }
    });

    it(`a changed ${replace.key} replaces the task, stopping the old one before creating the new one`, async () => {
        const { stack, emu } = env();
        const { taskId: old } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig(replace.key, replace.value);
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(changes(emu, before), ["StopAutoCalloutTask", "CreateAutoCalloutTask"]);
        const { taskId } = await stack.outputs();
        assert.notEqual(taskId, old);
        assert.equal(emu.task(old)!.state, 4);
    });

    it("destroy stops the task", async () => {
        const { stack, emu } = env();
        const { taskId } = await stack.outputs();
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(emu, before), ["StopAutoCalloutTask"]);
        assert.equal(emu.task(taskId)!.state, 4);
        assert.deepEqual(await stack.resources(PLUGIN_TYPE_TOKEN), []);
    });
}
