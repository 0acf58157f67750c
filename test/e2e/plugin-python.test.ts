// The provider plugin under the real engine, from Python programs: each package's SDK made by
// `pulumi package gen-sdk` and the `pulumi` package from PyPI in a virtualenv this test makes; the
// tencentcloud-ccc program through its lifecycle (its package has every CCC kind's class), the
// alicloud-aiccs one up and destroyed. Then the generated Go SDK is compiled.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { schemaFile } from "../../plugin/schema";
import { aiccsPluginStack, pluginPath, pluginStack, pluginTools } from "../plugin/harness";
import { lifecycleSteps } from "../plugin/lifecycle";
import { startTestEmulator } from "../support/provider-harness";

const STATE = path.join(REPO, ".state", "plugin-python-program");

/** `pulumi package gen-sdk` of a package's built schema, with the SDK generators on PATH. */
function genSdk(packageName: string, language: string, out: string): void {
    const tools = pluginTools();
    const home = path.join(STATE, "home");
    const schema = path.join(REPO, "dist", "plugin", schemaFile(packageName));
    execFileSync(path.join(tools.bin, "pulumi"), ["package", "gen-sdk", schema, "--language", language, "--out", out], {
        env: { ...process.env, PATH: pluginPath(tools, tools.generators), PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
        stdio: ["ignore", "pipe", "pipe"],
    });
}

describe("provider plugin: a Python program on the real engine, and the generated SDKs", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let venv: string;
    /** A copy of test/plugin/<name> in .state, using the test's virtualenv. */
    const program = (name: string) => {
        const dir = path.join(STATE, name);
        fs.mkdirSync(dir, { recursive: true });
        for (const f of ["Pulumi.yaml", "__main__.py"]) fs.copyFileSync(path.join(REPO, "test", "plugin", name, f), path.join(dir, f));
        fs.symlinkSync(venv, path.join(dir, "venv"));
        return dir;
    };
    // The Python host from sdk/v3 v3.68.0 runs `python` from PATH: the virtualenv's.
    const pythonEnv = () => ({ VIRTUAL_ENV: venv, PATH: pluginPath(pluginTools(), path.join(venv, "bin")) });

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        fs.rmSync(STATE, { recursive: true, force: true });
        for (const name of ["tencentcloud-ccc", "alicloud-aiccs"]) genSdk(name, "python", path.join(STATE, "sdk", name));
        venv = path.join(STATE, "venv");
        execFileSync("python3", ["-m", "venv", venv]);
        const sdks = ["tencentcloud-ccc", "alicloud-aiccs"].map((name) => path.join(STATE, "sdk", name, "python"));
        execFileSync(path.join(venv, "bin", "pip"), ["install", "--quiet", "pulumi>=3.200,<4", ...sdks], { stdio: ["ignore", "pipe", "inherit"] });
        stack = await pluginStack("plugin-python", program("python"), emu, pythonEnv());
    });
    after(async () => {
        await emu?.close();
    });

    it("the generated tencentcloud-ccc package has the PredictiveDialingCampaign and AgentCruiseDialingCampaign classes, their inputs in snake case, no forced replacement on redial", () => {
        const script = [
            "import inspect, pulumi_tencentcloud_ccc as ccc",
            "for c in (ccc.PredictiveDialingCampaign, ccc.AgentCruiseDialingCampaign):",
            "    print(c.__name__, sorted(p for p in inspect.signature(c._internal_init).parameters if p not in ('__self__', 'resource_name', 'opts', '__props__')))",
        ].join("\n");
        const out = execFileSync(path.join(venv, "bin", "python"), ["-c", script], { encoding: "utf8" });
        assert.equal(
            out,
            "PredictiveDialingCampaign ['adopt_campaign_id', 'available_time', 'call_order', 'callee_attributes', 'callees', 'callers', 'end_time', 'expected_abandon_rate', 'ivr_id', 'name', 'paused', 'priority', 'redial', 'retry_interval', 'retry_times', 'sdk_app_id', 'skill_group_id', 'start_time', 'time_zone', 'uui', 'variables']\n" +
                "AgentCruiseDialingCampaign ['adopt_campaign_id', 'agent', 'call_order', 'callees', 'callers', 'concurrency_number', 'end_time', 'name', 'redial', 'sdk_app_id', 'start_time', 'uui']\n",
        );
        // The SDK forces a replacement on these: never on redial, which only steers the provider.
        const forced = (file: string) => /replace_on_changes=(\[.*\])\)/.exec(fs.readFileSync(path.join(STATE, "sdk", "tencentcloud-ccc", "python", "pulumi_tencentcloud_ccc", file), "utf8"))?.[1];
        assert.equal(forced("predictive_dialing_campaign.py"), '["availableTime[*]", "sdkAppId", "timeZone"]');
        assert.equal(forced("agent_cruise_dialing_campaign.py"), '["agent", "callOrder", "callees[*]", "callers[*]", "concurrencyNumber", "endTime", "name", "sdkAppId", "startTime", "uui"]');
    });

    lifecycleSteps(() => ({ stack, emu }), { key: "name", value: "spring-reminders-2" });

    it("an AiCallTask from a Python program through the alicloud-aiccs plugin: up creates it running, destroy stops it", async () => {
        const ai = await aiccsPluginStack("plugin-python-aiccs", program("python-aiccs"), emu, pythonEnv());
        const up = await ai.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const { taskId, statusName } = await ai.outputs();
        assert.equal(statusName, "running");
        const t = emu.aiccs.task(taskId)!;
        assert.deepEqual([t.status, t.settings.TaskName, t.callees.map((c) => c.calledNumber)], [1, "ai-reminders-py", ["13800000001", "13800000002"]]);
        assert.ok(!(await ai.exportState()).includes("13800000001"), "a callee number in plain text in state");
        const destroy = await ai.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.equal(emu.aiccs.task(taskId)!.status, 2);
    });

    it("the generated Go SDK compiles", async () => {
        const out = path.join(STATE, "go-sdk");
        genSdk("tencentcloud-ccc", "go", out);
        fs.writeFileSync(path.join(out, "go.mod"), "module github.com/pulumi-tencentcloud-ccc/sdk\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v3.274.1\n");
        execFileSync("go", ["build", "./..."], { cwd: out, env: { ...process.env, GOFLAGS: "-mod=mod" }, stdio: ["ignore", "pipe", "pipe"] });
        assert.ok(fs.existsSync(path.join(out, "go", "tencentcloudccc", "calloutTask.go")));
    });
});
