// Long-lived stacks stay cheap, through the real engine: a task finished for good is refreshed and
// removed with zero API calls (counted in the emulator's request log), while a live one beside it is
// still described on every refresh.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { engineStack, type EngineStack } from "../support/engine-harness";
import { campaign, startTestEmulator } from "../support/provider-harness";

describe("finished tasks cost no API call, through the engine", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let env: EngineStack;
    const idOf = async (name: string) => Number((await env.stack.resources(TYPE_TOKEN)).find((r) => r.name === name)?.id);
    /** The API calls made since `from`, as `Action TaskId`. */
    const callsSince = (from: number) => emu.requestLog().slice(from).map((e) => `${e.action} ${e.params.TaskId ?? ""}`.trim());

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        env = await engineStack("e2e-finished", emu);
        env.writeCampaign("done", campaign({ name: "done" }));
        env.writeCampaign("live", campaign({ name: "live", notBefore: "2027-12-10T09:00:00+08:00", notAfter: "2027-12-12T20:00:00+08:00" }));
    });
    after(async () => {
        await env?.stack.destroy();
        await emu?.close();
    });

    it("refresh describes a finished task once, then never; removing its file forgets it without a call", async () => {
        const up = await env.stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const [done, live] = [await idOf("done"), await idOf("live")];
        emu.advance(5 * 86400); // past done's notAfter, before live's notBefore
        assert.ok([2, 4].includes(emu.task(done)!.state), `done is in state ${emu.task(done)!.state}`);

        // The first refresh after the end records it: one Describe of each task.
        let from = emu.requestLog().length;
        const first = await env.stack.refresh();
        assert.equal(first.code, 0, first.stdout + first.stderr);
        assert.deepEqual(callsSince(from).sort(), [`DescribeAutoCalloutTask ${done}`, `DescribeAutoCalloutTask ${live}`].sort());

        from = emu.requestLog().length;
        const second = await env.stack.refresh();
        assert.equal(second.code, 0, second.stdout + second.stderr);
        assert.deepEqual(callsSince(from), [`DescribeAutoCalloutTask ${live}`]);

        from = emu.requestLog().length;
        env.removeCampaign("done");
        const removed = await env.stack.up();
        assert.equal(removed.code, 0, removed.stdout + removed.stderr);
        assert.match(removed.stdout, /1 deleted/);
        assert.deepEqual(callsSince(from), []);
        assert.deepEqual((await env.stack.resources(TYPE_TOKEN)).map((r) => r.name), ["live"]);
    });

    it("a new campaign beside many finished tasks costs the listing, its create and one Describe", async () => {
        const old = Array.from({ length: 8 }, (_, i) => `old-${i}`);
        for (const name of old) env.writeCampaign(name, campaign({ name }));
        const up = await env.stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        const oldIds = await Promise.all(old.map(idOf));
        for (const id of oldIds) emu.console.stop(id);
        const learned = await env.stack.refresh();
        assert.equal(learned.code, 0, learned.stdout + learned.stderr);

        const from = emu.requestLog().length;
        env.writeCampaign("new", campaign({ name: "new" }));
        const added = await env.stack.up();
        assert.equal(added.code, 0, added.stdout + added.stderr);
        assert.match(added.stdout, /1 created/);
        // The stack's state says whose the finished tasks are: none is described. Only "done", removed
        // from the stack in the test before, may be an earlier task of this resource: its description says.
        const done = emu.tasks().find((t) => t.request.Name === "done")!.taskId;
        assert.deepEqual(callsSince(from), ["DescribeAutoCalloutTasks", `DescribeAutoCalloutTask ${done}`, "CreateAutoCalloutTask", `DescribeAutoCalloutTask ${await idOf("new")}`]);
    });
});
