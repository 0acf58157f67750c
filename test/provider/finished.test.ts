// A task finished for good (provider/shared/finished.ts) costs no API call on refresh (read) and none
// on removal (delete); any other record, and the first refresh after the task finishes, still calls.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { aiCallTaskKind } from "../../provider/ai-call-task/campaign";
import { FINALITY as AICCS } from "../../provider/ai-call-task/schema";
import { FINALITY as CCC } from "../../provider/callout-task/schema";
import type { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { finishedForGood } from "../../provider/shared/finished";
import { actions, campaign, checked, useEmulator } from "../support/provider-harness";

describe("finished tasks cost no API call", () => {
    let emu: Emulator;
    let provider: CalloutTaskProvider;

    useEmulator({}, (e, p) => ((emu = e), (provider = p)));

    /** A task the API reports in a final state, as the first refresh after its end records it. */
    async function finishedTask(finish: (taskId: number) => void) {
        const created = await provider.create(checked(campaign()));
        finish(Number(created.id));
        const before = emu.requestLog().length;
        const refreshed = await provider.read(created.id, created.outs);
        assert.ok(actions(emu, before).includes("DescribeAutoCalloutTask"), "the first refresh after the end made no call");
        return { id: created.id, recorded: refreshed.props! };
    }

    for (const [how, finish, stateName] of [
        ["completed", (_: number) => emu.advance(5 * 86400), "completed"],
        ["stopped in the console", (taskId: number) => emu.console.stop(taskId), "terminated"],
    ] as const) {
        it(`a task ${how} is read back as recorded and removed, with no API call`, async () => {
            const { id, recorded } = await finishedTask(finish);
            assert.equal(recorded.stateName, stateName);
            const before = emu.requestLog().length;
            const again = await provider.read(id, recorded);
            assert.deepEqual(again, { id, props: recorded });
            await provider.delete(id, recorded);
            assert.deepEqual(actions(emu, before), []);
        });
    }

    it("a task recorded while it still ran is read from the API, even if it has finished since", async () => {
        const created = await provider.create(checked(campaign()));
        emu.console.stop(Number(created.id));
        const before = emu.requestLog().length;
        assert.equal((await provider.read(created.id, created.outs)).props!.stateName, "terminated");
        assert.deepEqual(actions(emu, before), ["DescribeAutoCalloutTask"]);
    });

    describe("which records are trusted", () => {
        const recorded = () => ({
            ...checked(campaign()),
            taskId: 1000001,
            state: 2,
            stateName: "completed",
            progress: { total: 3, initial: 0, answered: 2, notAnswered: 1, calling: 0, awaitingRetry: 0 },
        });

        it("completed and terminated are final; ending (calls still in progress) and live states are not", () => {
            assert.equal(finishedForGood(CCC, "1000001", recorded()), true);
            assert.equal(finishedForGood(CCC, "1000001", { ...recorded(), state: 4, stateName: "terminated" }), true);
            for (const [state, stateName] of [[3, "ending"], [1, "running"], [5, "paused"], [0, "initial"]] as const) {
                assert.equal(finishedForGood(CCC, "1000001", { ...recorded(), state, stateName }), false, stateName);
            }
        });

        it("a record for another id (import, get by id), none at all, or one in an older shape is not trusted", () => {
            assert.equal(finishedForGood(CCC, "1000002", recorded()), false);
            assert.equal(finishedForGood(CCC, "1000001", undefined), false);
            assert.equal(finishedForGood(CCC, "1000001", {}), false);
            const { progress: _progress, ...withoutProgress } = recorded();
            assert.equal(finishedForGood(CCC, "1000001", withoutProgress), false);
            assert.equal(finishedForGood(CCC, "1000001", { ...recorded(), progress: { total: 3 } }), false);
        });

        it("an AiCallTask is never final: a stopped one can be started again", () => {
            const stopped = { taskId: "118712345678900001", status: 2, statusName: "stopped", progress: { total: 1, pending: 0, completed: 1, failed: 0 } };
            assert.deepEqual(aiCallTaskKind.lifecycle.states.final, []);
            assert.equal(finishedForGood(AICCS, stopped.taskId, stopped), false);
        });
    });
});
