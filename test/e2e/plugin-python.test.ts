// The tencentcloud-ccc provider plugin under the real engine, from a Python program: the SDK made by
// `pulumi package gen-sdk` and the `pulumi` package from PyPI in a virtualenv this test makes.
// Then the generated Go SDK is compiled.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { PLUGIN_TYPE_TOKEN } from "../../plugin/schema";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginPath, pluginStack, pluginTools } from "../plugin/harness";
import { actions, startTestEmulator } from "../support/provider-harness";

const changes = (emu: Emulator, since: number) => actions(emu, since).filter((a) => /Create|Pause|Resume|Stop/.test(a));
const STATE = path.join(REPO, ".state", "plugin-python-program");
const SCHEMA = path.join(REPO, "dist", "plugin", "schema.json");

/** `pulumi package gen-sdk` of the built schema, with the SDK generators on PATH. */
function genSdk(language: string, out: string): void {
    const tools = pluginTools();
    const home = path.join(STATE, "home");
    execFileSync(path.join(tools.bin, "pulumi"), ["package", "gen-sdk", SCHEMA, "--language", language, "--out", out], {
        env: { ...process.env, PATH: pluginPath(tools, tools.generators), PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
        stdio: ["ignore", "pipe", "pipe"],
    });
}

describe("provider plugin: a Python program on the real engine, and the generated SDKs", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        fs.rmSync(STATE, { recursive: true, force: true });
        const program = path.join(STATE, "program");
        fs.mkdirSync(program, { recursive: true });
        for (const f of ["Pulumi.yaml", "__main__.py"]) fs.copyFileSync(path.join(REPO, "test", "plugin", "python", f), path.join(program, f));
        genSdk("python", path.join(STATE, "sdk"));
        const venv = path.join(program, "venv");
        execFileSync("python3", ["-m", "venv", venv]);
        execFileSync(path.join(venv, "bin", "pip"), ["install", "--quiet", "pulumi>=3.200,<4", path.join(STATE, "sdk", "python")], { stdio: ["ignore", "pipe", "inherit"] });
        // The Python host from sdk/v3 v3.68.0 runs `python` from PATH: the virtualenv's.
        stack = await pluginStack("plugin-python", program, emu, { VIRTUAL_ENV: venv, PATH: pluginPath(pluginTools(), path.join(venv, "bin")) });
    });
    after(async () => {
        await emu?.close();
    });

    it("1. up creates the task, with the callees secret in state; a second preview has no changes", async () => {
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /tencentcloud-ccc:index:CalloutTask\s+reminders\s+created/);
        const { taskId, stateName } = await stack.outputs();
        assert.equal(stateName, "initial");
        assert.ok(emu.task(taskId));
        assert.ok(!(await stack.exportState()).includes("13012345678"), "a callee number in plain text in state");
        const before = emu.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.deepEqual(changes(emu, before), []);
    });

    it("2. paused: true pauses in place", async () => {
        const { taskId } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig("paused", "true");
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(changes(emu, before), ["PauseAutoCalloutTask"]);
        assert.equal(emu.task(taskId)!.state, 5);
    });

    it("3. a changed name replaces the task, stopping the old one first", async () => {
        const { taskId: old } = await stack.outputs();
        const before = emu.requestLog().length;
        await stack.setConfig("name", "spring-reminders-2");
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        assert.deepEqual(changes(emu, before).slice(0, 2), ["StopAutoCalloutTask", "CreateAutoCalloutTask"]);
        const { taskId } = await stack.outputs();
        assert.notEqual(taskId, old);
        assert.equal(emu.task(old)!.state, 4);
        assert.equal(emu.task(taskId)!.name, "spring-reminders-2");
    });

    it("4. destroy stops the task", async () => {
        const { taskId } = await stack.outputs();
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.deepEqual(changes(emu, before), ["StopAutoCalloutTask"]);
        assert.equal(emu.task(taskId)!.state, 4);
        assert.deepEqual(await stack.resources(PLUGIN_TYPE_TOKEN), []);
    });

    it("5. the generated Go SDK compiles", async () => {
        const out = path.join(STATE, "go-sdk");
        genSdk("go", out);
        fs.writeFileSync(path.join(out, "go.mod"), "module github.com/pulumi-tencentcloud-ccc/sdk\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n");
        execFileSync("go", ["build", "./..."], { cwd: out, env: { ...process.env, GOFLAGS: "-mod=mod" }, stdio: ["ignore", "pipe", "pipe"] });
        execFileSync("go", ["vet", "./..."], { cwd: out, env: { ...process.env, GOFLAGS: "-mod=mod" }, stdio: ["ignore", "pipe", "pipe"] });
        assert.ok(fs.existsSync(path.join(out, "go", "tencentcloudccc", "calloutTask.go")));
    });
});
