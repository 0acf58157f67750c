// The tencentcloud-ccc provider plugin under the real engine, from a YAML program (no SDK): up, pause
// in place, replace, destroy; `pulumi import` of a task created outside Pulumi; the policy pack.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { PLUGIN_TYPE_TOKEN } from "../../plugin/schema";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi } from "../../provider/callout-task/mapping";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginStack } from "../plugin/harness";
import { actions, campaign, checked, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const PROGRAM = path.join(REPO, "test", "plugin", "yaml");
const changes = (emu: Emulator, since: number) => actions(emu, since).filter((a) => /Create|Pause|Resume|Stop/.test(a));

describe("provider plugin: a YAML program on the real engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;

    before(async function () {
        this.timeout(3_600_000); // a cold machine builds the CLI and the language hosts
        emu = await startTestEmulator();
        stack = await pluginStack("plugin-yaml", PROGRAM, emu);
    });
    after(async () => {
        await emu?.close();
    });

    it("1. up creates the task with the callees secret in state; a second preview has no changes", async () => {
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /tencentcloud-ccc:index:CalloutTask\s+reminders\s+created/);
        assert.equal(emu.tasks().length, 1);
        const outputs = await stack.outputs();
        assert.equal(outputs.stateName, "initial");
        assert.equal(outputs.taskId, emu.tasks()[0].taskId);
        const state = await stack.exportState();
        assert.ok(!state.includes("13012345678"), "a callee number in plain text in state");
        const [task] = await stack.resources(PLUGIN_TYPE_TOKEN);
        assert.equal(task.outputs.callees?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "callees not secret in state");
        const before = emu.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changes(emu, before), []);
    });

    it("2. paused: true pauses in place, and false resumes", async () => {
        const { taskId } = await stack.outputs();
        let before = emu.requestLog().length;
        await stack.setConfig("paused", "true");
        let up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(changes(emu, before), ["PauseAutoCalloutTask"]);
        assert.equal(emu.task(taskId)!.state, 5);
        before = emu.requestLog().length;
        await stack.setConfig("paused", "false");
        up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(changes(emu, before), ["ResumeAutoCalloutTask"]);
    });

    it("3. a changed window replaces the task, stopping the old one before creating the new one", async () => {
        const { taskId: old } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig("startHour", "10:00");
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(changes(emu, before), ["StopAutoCalloutTask", "CreateAutoCalloutTask"]);
        const { taskId } = await stack.outputs();
        assert.notEqual(taskId, old);
        assert.equal(emu.task(old)!.state, 4);
    });

    it("4. the policy pack blocks a task declared in YAML that would call at night", async () => {
        const pack = ["--policy-pack", path.join(REPO, "policy"), "--policy-pack-config", path.join(REPO, "policy-config.example.json")];
        const clean = await stack.preview(pack);
        assert.equal(clean.code, 0, clean.stdout + clean.stderr);
        await stack.setConfig("startHour", "06:30");
        const before = emu.requestLog().length;
        try {
            const blocked = await stack.preview(pack);
            assert.notEqual(blocked.code, 0, "a mandatory violation must fail the preview");
            const text = blocked.stdout + blocked.stderr;
            assert.match(text, /\[mandatory\]\s+ccc-allowed-hours/);
            assert.match(text, /reminders: window 06:30–12:00 Asia\/Shanghai/);
            assert.ok(!text.includes("13012345678"), "a full number in the policy output");
            assert.deepEqual(changes(emu, before), []);
        } finally {
            await stack.setConfig("startHour", "10:00");
        }
    });

    it("5. destroy stops the task", async () => {
        const { taskId } = await stack.outputs();
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(emu, before), ["StopAutoCalloutTask"]);
        assert.equal(emu.task(taskId)!.state, 4);
        assert.deepEqual(await stack.resources(PLUGIN_TYPE_TOKEN), []);
    });

    it("6. pulumi import takes over a task created outside Pulumi, says what CCC never returns, and up then has no changes", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const declared = checked(campaign({ name: "made-in-console", notBefore: "2027-04-01T09:00:00+08:00", notAfter: "2027-04-02T20:00:00+08:00", callees: ["+8613712345678"] }));
        const { TaskId } = await api.createTask(createRequestToApi(declared as any));
        const count = emu.tasks().length;
        const generated = path.join(stack.dir, "imported.yaml");
        const imported = await stack.command(["import", PLUGIN_TYPE_TOKEN, "console-task", `${SDK_APP_ID}/${TaskId}`, "--yes", "--out", generated]);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        const text = imported.stdout + imported.stderr;
        assert.match(text, /CCC never returns [^:]*timeZone[^:]*availableTime/);
        assert.ok(!text.includes("13712345678"), "a full number in the import output");
        const [task] = (await stack.resources(PLUGIN_TYPE_TOKEN)).filter((r) => r.name === "console-task");
        assert.equal(task.id, String(TaskId));

        // A program of just the generated declaration (the program's own task was destroyed in step 5): no changes.
        const program = path.join(stack.dir, "imported-program");
        fs.mkdirSync(program, { recursive: true });
        const code = fs.readFileSync(generated, "utf8");
        assert.match(code, /type: tencentcloud-ccc:index:CalloutTask/);
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), `name: ccc-plugin-yaml\nruntime: yaml\n${code}`);
        const before = emu.requestLog().length;
        const up = await new LocalStack(stack.bin, stack.stackName, stack.env, program).up(["--expect-no-changes"]);
        assert.equal(up.code, 0, up.stdout + up.stderr + code);
        assert.deepEqual(changes(emu, before), []);
        assert.equal(emu.tasks().length, count);
    });
});
