// The tencentcloud-ccc provider plugin under the real engine, from a Python program: the SDK made by
// `pulumi package gen-sdk` and the `pulumi` package from PyPI in a virtualenv this test makes.
// Then the generated Go SDK is compiled.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginPath, pluginStack, pluginTools } from "../plugin/harness";
import { lifecycleSteps } from "../plugin/lifecycle";
import { startTestEmulator } from "../support/provider-harness";

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

    lifecycleSteps(() => ({ stack, emu }), { key: "name", value: "spring-reminders-2" });

    it("the generated Go SDK compiles", async () => {
        const out = path.join(STATE, "go-sdk");
        genSdk("go", out);
        fs.writeFileSync(path.join(out, "go.mod"), "module github.com/pulumi-tencentcloud-ccc/sdk\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n");
        execFileSync("go", ["build", "./..."], { cwd: out, env: { ...process.env, GOFLAGS: "-mod=mod" }, stdio: ["ignore", "pipe", "pipe"] });
        assert.ok(fs.existsSync(path.join(out, "go", "tencentcloudccc", "calloutTask.go")));
    });
});
