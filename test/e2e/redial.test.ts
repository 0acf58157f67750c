// A started campaign is replaced through the engine: the new task leaves out whoever the old one
// reached, its outputs say how many, and `redial: everyone` dials the whole list again.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { CalleeState } from "../../emulator";
import { numberFromApi } from "../../provider/callout-task/mapping";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { engineStack, type EngineStack } from "../support/engine-harness";
import { campaign, startTestEmulator } from "../support/provider-harness";

const CALLEES = ["+8613012345601", "+8613012345602", "+8613012345603", "+8613012345604", "+8613012345605", "+8613012345606"];

describe("no re-dial on replace, through the engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let env: EngineStack;

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        env = await engineStack("e2e-redial", emu);
    });
    after(async () => {
        await env?.stack.destroy();
        await emu?.close();
    });

    const live = () => emu.tasks().filter((t) => t.state !== 4);
    const sent = (taskId: number) => emu.task(taskId)!.request.Callees!.map(numberFromApi).sort();
    const skipped = async () => (await env.stack.resources(TYPE_TOKEN))[0].outputs.skippedCallees;

    it("a replacement of a started campaign leaves out the callees already reached; redial: everyone calls them all", async () => {
        env.writeCampaign("reminders", campaign({ name: "redial", callees: CALLEES }));
        const up = await env.stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const [first] = live();
        emu.advance(3600 + 120); // 09:02 in Shanghai: the first calls have ended
        const reached = emu.task(first.taskId)!.callees.filter((c) => c.state === CalleeState.Answered).map((c) => numberFromApi(c.callee));
        assert.ok(reached.length > 0 && reached.length < CALLEES.length, `${reached.length} answered`);

        // A shorter window replaces the task.
        env.writeCampaign("reminders", campaign({ name: "redial", callees: CALLEES, availableTime: [{ start: "09:00", end: "11:00" }] }));
        const replaced = await env.stack.up();
        assert.equal(replaced.code, 0, replaced.stdout + replaced.stderr);
        const [second] = live();
        assert.notEqual(second.taskId, first.taskId);
        assert.deepEqual(sent(second.taskId), CALLEES.filter((c) => !reached.includes(c)).sort());
        assert.equal(await skipped(), reached.length);
        const noChange = await env.stack.preview(["--expect-no-changes"]);
        assert.equal(noChange.code, 0, noChange.stdout + noChange.stderr);

        // Asked for explicitly, everyone is dialed again.
        env.writeCampaign("reminders", campaign({ name: "redial", callees: CALLEES, availableTime: [{ start: "09:00", end: "10:30" }], redial: "everyone" }));
        const everyone = await env.stack.up();
        assert.equal(everyone.code, 0, everyone.stdout + everyone.stderr);
        const [third] = live();
        assert.deepEqual(sent(third.taskId), [...CALLEES].sort());
        assert.equal(await skipped(), 0);
    });
});
