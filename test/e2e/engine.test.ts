// The real Pulumi engine (CLI built from source if needed) deploying the default program, through
// the real SDK, against the emulator. Each step checks what the engine reports and what the
// emulator's request log and state show. The steps share one stack and run in order.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi } from "../../provider/callout-task/mapping";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { type LocalStack, REPO } from "../../scripts/pulumi-cli";
import { engineStack, EXAMPLE_PACK, expectBlockedAtNight } from "../support/engine-harness";
import { actions, campaign, checked, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

describe("Pulumi engine end to end (pulumi up/preview/refresh/destroy on the emulator)", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    let removeCampaign: (name: string) => void;
    const taskIdOf = async (name: string): Promise<number> => (await stack.outputs()).campaigns[name].taskId;
    /** A CalloutTask's outputs as recorded in state (refresh updates state, not stack outputs). */
    const stateOf = async (name: string): Promise<Record<string, any> | undefined> => (await stack.resources(TYPE_TOKEN)).find((r) => r.name === name)?.outputs;

    before(async function () {
        this.timeout(3_600_000); // a cold machine builds the CLI from the Go module proxy
        emu = await startTestEmulator();
        ({ stack, writeCampaign, removeCampaign } = await engineStack("e2e", emu));
        writeCampaign("reminders", campaign());
        writeCampaign("surveys", campaign({ name: "surveys", callees: ["+8613512345678", "+8613612345678"] }));
    });
    after(async () => {
        await emu?.close();
    });

    it("1. up creates the declared tasks, and a second preview shows no changes", async () => {
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.equal((up.stdout.match(/CalloutTask \w+ created/g) ?? []).length, 2, up.stdout);
        assert.equal(actions(emu).filter((a) => a === "CreateAutoCalloutTask").length, 2);
        assert.equal(emu.tasks().length, 2);
        const outputs = await stack.outputs();
        assert.deepEqual(Object.keys(outputs.campaigns).sort(), ["reminders", "surveys"]);
        assert.equal(outputs.campaigns.reminders.state, "initial");
        const before = emu.requestLog().length;
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.ok(!actions(emu, before).some((a) => /Create|Pause|Resume|Stop/.test(a)));
    });

    it("2. paused: true pauses in place, and setting it back resumes", async () => {
        const id = await taskIdOf("reminders");
        const before = emu.requestLog().length;
        writeCampaign("reminders", campaign({ paused: true }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 updated/);
        assert.deepEqual(actions(emu, before).filter((a) => /Create|Pause|Resume|Stop/.test(a)), ["PauseAutoCalloutTask"]);
        assert.equal(emu.task(id)!.state, 5);
        const mid = emu.requestLog().length;
        writeCampaign("reminders", campaign());
        const back = await stack.up();
        assert.equal(back.code, 0, back.stdout + back.stderr);
        assert.deepEqual(actions(emu, mid).filter((a) => /Create|Pause|Resume|Stop/.test(a)), ["ResumeAutoCalloutTask"]);
        assert.notEqual(emu.task(id)!.state, 5);
        assert.equal(await taskIdOf("reminders"), id);
    });

    it("3. refresh detects a task paused outside Pulumi, and drops one that vanished", async () => {
        const reminders = await taskIdOf("reminders");
        const surveys = await taskIdOf("surveys");
        emu.console.pause(reminders);
        emu.console.remove(surveys);
        const refresh = await stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
        const reminderState = await stateOf("reminders");
        assert.equal(reminderState?.paused, true);
        assert.equal(reminderState?.stateName, "paused");
        assert.equal(await stateOf("surveys"), undefined, "the vanished task is still in state");
        // The next up converges: resumes the paused task and creates the vanished one again.
        const before = emu.requestLog().length;
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.deepEqual(actions(emu, before).filter((a) => /Create|Pause|Resume|Stop/.test(a)).sort(), ["CreateAutoCalloutTask", "ResumeAutoCalloutTask"]);
    });

    it("4. a change with no update API replaces the task, stopping the old one before creating the new", async () => {
        const old = await taskIdOf("reminders");
        const before = emu.requestLog().length;
        writeCampaign("reminders", campaign({ tries: 3 }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /1 replaced/);
        const log = emu.requestLog().slice(before);
        const stop = log.findIndex((e) => e.action === "StopAutoCalloutTask" && e.params.TaskId === old);
        const create = log.findIndex((e) => e.action === "CreateAutoCalloutTask");
        assert.ok(stop >= 0 && create > stop, `Stop(${old}) at ${stop}, Create at ${create}: ${log.map((e) => e.action).join(", ")}`);
        assert.equal(emu.task(old)!.state, 4);
        assert.notEqual(await taskIdOf("reminders"), old);
    });

    it("5. a bad campaign file fails preview naming the file and the field, before any API call", async () => {
        writeCampaign("broken", campaign({ name: "broken", tries: 9, callees: ["13012345678"] }));
        const before = emu.requestLog().length;
        try {
            const preview = await stack.preview();
            assert.notEqual(preview.code, 0);
            const text = preview.stdout + preview.stderr;
            assert.match(text, /e2e-campaigns\/broken\.yaml: tries: /);
            assert.match(text, /e2e-campaigns\/broken\.yaml: callees\[0\]: .*country code/);
            assert.ok(!text.includes("13012345678"), "a full number in the error");
            assert.doesNotMatch(text, /^\s+at /m, "a stack trace in the output");
            assert.doesNotMatch(text, /\x1b\[/, "colour codes in the output (NO_COLOR is set)");
            assert.equal(emu.requestLog().length, before, "API calls were made");
        } finally {
            removeCampaign("broken");
        }
    });

    it("6. credentials come from secret stack config; the state holds no SecretKey and no plain callee number", async () => {
        const state = await stack.exportState();
        assert.ok(!state.includes(SECRET_KEY), "SecretKey in state");
        for (const n of checked(campaign()).callees) {
            assert.ok(!state.includes(n.slice(1)), `callee ${n.slice(0, 4)}… in plain text in state`);
        }
        assert.match(state, /"callees": \{\s*"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/);
        const config = fs.readFileSync(stack.configFile, "utf8");
        assert.ok(!config.includes(SECRET_KEY), "SecretKey in plain text in the stack config file");
        assert.ok(stack.configFile.startsWith(path.join(REPO, ".state")), "stack config outside the ignored .state folder");
        assert.ok(!fs.existsSync(path.join(REPO, "Pulumi.e2e.yaml")), "a stack file was left beside Pulumi.yaml");
    });

    it("8. adopts an existing task through adoptTaskId without creating a second one", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const declared = campaign({ name: "adopted", callees: ["+8613712345678"] });
        const { TaskId } = await api.createTask(createRequestToApi(checked(declared) as any));
        const count = emu.tasks().length;
        writeCampaign("adopted", { ...declared, adoptTaskId: TaskId });
        const before = emu.requestLog().length;
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.ok(!actions(emu, before).includes("CreateAutoCalloutTask"));
        assert.equal(emu.tasks().length, count);
        assert.equal(await taskIdOf("adopted"), TaskId);
    });

    it("9. the policy pack blocks a campaign that would call at night, naming it, and passes a clean stack", async () => {
        const clean = await stack.preview(EXAMPLE_PACK);
        assert.equal(clean.code, 0, clean.stdout + clean.stderr);
        writeCampaign("night-calls", campaign({ name: "night-calls", callees: ["+8613812345678"], availableTime: [{ start: "21:30", end: "23:00" }] }));
        try {
            await expectBlockedAtNight(
                stack,
                emu,
                /night-calls: 1 callee \(\+86\*+78\) in Asia\/Shanghai: window 21:30–23:00 Asia\/Shanghai \(every day\) is 21:30–23:00 there \(from \w+ 2027-11-30\): outside 08:00–21:00/,
                "13812345678",
            );
        } finally {
            removeCampaign("night-calls");
        }
    });

    it("7. destroy stops every task; none is left able to dial", async () => {
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        const live = emu.tasks().filter((t) => [0, 1, 5].includes(t.state));
        assert.deepEqual(live.map((t) => t.taskId), []);
        assert.deepEqual(Object.keys(await stack.outputs()), []);
    });
});
