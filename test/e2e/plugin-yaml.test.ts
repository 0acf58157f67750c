// The tencentcloud-ccc provider plugin under the real engine, from a YAML program (no SDK): up, pause
// in place, replace, destroy; `pulumi import` of a task created outside Pulumi; the policy pack.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { CalleeState, type Emulator } from "../../emulator";
import { PLUGIN_TYPE_TOKEN } from "../../provider/callout-task/schema";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi, numberFromApi } from "../../provider/callout-task/mapping";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginStack } from "../plugin/harness";
import { EXAMPLE_PACK, expectBlockedAtNight } from "../support/engine-harness";
import { changes, lifecycleSteps } from "../plugin/lifecycle";
import { campaign, checked, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const PROGRAM = path.join(REPO, "test", "plugin", "yaml");

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

    it("takes the plugin and the YAML host from Pulumi.yaml's plugins section: no warning about $PATH", async () => {
        const r = await stack.preview();
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /tencentcloud-ccc:index:CalloutTask[\s\S]*\+ 2 to create/);
        assert.doesNotMatch(r.stdout + r.stderr, /warning: using .* from \$PATH/);
    });

    lifecycleSteps(() => ({ stack, emu }), { key: "startHour", value: "10:00" });

    it("the policy pack blocks a task declared in YAML that would call at night", async () => {
        const clean = await stack.preview(EXAMPLE_PACK);
        assert.equal(clean.code, 0, clean.stdout + clean.stderr);
        await stack.setConfig("startHour", "06:30");
        try {
            await expectBlockedAtNight(stack, emu, /reminders: .*window 06:30–12:00 Asia\/Shanghai/, "13012345678");
        } finally {
            await stack.setConfig("startHour", "10:00");
        }
    });

    it("pulumi import takes over a task created outside Pulumi, says what CCC never returns, and up then has no changes", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const declared = checked(campaign({ name: "made-in-console", notBefore: "2028-03-30T09:00:00+08:00", notAfter: "2028-03-31T20:00:00+08:00", callees: ["+8613712345678"] }));
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
        assert.match(code, /type: tencentcloud-ccc:(index:)?CalloutTask/);
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), `name: ccc-plugin-yaml\nruntime: yaml\n${code}`);
        const before = emu.requestLog().length;
        const up = await new LocalStack(stack.bin, stack.stackName, stack.env, program).up(["--expect-no-changes"]);
        assert.equal(up.code, 0, up.stdout + up.stderr + code);
        assert.deepEqual(changes(emu, before), []);
        assert.equal(emu.tasks().length, count);

        // Declaring what the import could not recover is recorded in place: an update, not a replacement.
        const doc = parse(fs.readFileSync(path.join(program, "Pulumi.yaml"), "utf8"));
        Object.assign(doc.resources["console-task"].properties, { timeZone: "Asia/Shanghai", availableTime: [{ start: "09:00", end: "12:00" }], tries: 2 });
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), stringify(doc));
        const declaring = new LocalStack(stack.bin, stack.stackName, stack.env, program);
        const recorded = await declaring.up();
        assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr);
        assert.match(recorded.stdout, /1 updated/);
        assert.deepEqual(changes(emu, before), []);
        const [task2] = (await stack.resources(PLUGIN_TYPE_TOKEN)).filter((r) => r.name === "console-task");
        assert.equal(task2.outputs.timeZone, "Asia/Shanghai");
        const again = await declaring.preview(["--expect-no-changes"]);
        assert.equal(again.code, 0, again.stdout + again.stderr);
    });

    it("replacing an imported task leaves out whom it reached, and says so in skippedCallees", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const callees = Array.from({ length: 6 }, (_, i) => `+86130123458${10 + i}`);
        const declared = checked(campaign({ name: "imported-then-replaced", notBefore: "2028-04-10T09:00:00+08:00", notAfter: "2028-04-12T20:00:00+08:00", callees }));
        const { TaskId } = await api.createTask(createRequestToApi(declared as any));
        const generated = path.join(stack.dir, "replaced.yaml");
        const imported = await stack.command(["import", PLUGIN_TYPE_TOKEN, "replaced-task", `${SDK_APP_ID}/${TaskId}`, "--yes", "--protect=false", "--out", generated]);
        assert.equal(imported.code, 0, imported.stdout + imported.stderr);
        emu.setClock(Date.parse("2028-04-10T09:02:00+08:00") / 1000); // the first calls have ended
        const reached = emu.task(TaskId as number)!.callees.filter((c) => c.state === CalleeState.Answered).map((c) => numberFromApi(c.callee));
        assert.ok(reached.length > 0 && reached.length < callees.length, `${reached.length} answered`);

        // The program of the step before (its imported task is protected) and the generated declaration, with a later end: a field that replaces the task.
        const program = path.join(stack.dir, "replaced-program");
        fs.mkdirSync(program, { recursive: true });
        const doc = parse(fs.readFileSync(path.join(stack.dir, "imported-program", "Pulumi.yaml"), "utf8"));
        Object.assign(doc.resources, parse(fs.readFileSync(generated, "utf8")).resources);
        doc.resources["replaced-task"].properties.notAfter = "2028-04-13T20:00:00+08:00";
        fs.writeFileSync(path.join(program, "Pulumi.yaml"), stringify(doc));
        const replaced = await new LocalStack(stack.bin, stack.stackName, stack.env, program).up();
        assert.equal(replaced.code, 0, replaced.stdout + replaced.stderr);
        const [task] = (await stack.resources(PLUGIN_TYPE_TOKEN)).filter((r) => r.name === "replaced-task");
        assert.notEqual(Number(task.id), TaskId);
        assert.equal(emu.task(TaskId as number)!.state, 4);
        assert.deepEqual(emu.task(Number(task.id))!.request.Callees!.map(numberFromApi).sort(), callees.filter((c) => !reached.includes(c)).sort());
        assert.equal(task.outputs.skippedCallees, reached.length);
    });
});
