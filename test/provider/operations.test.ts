// Task operations against answers Tencent does not document: which error a missing task gets, and
// what a Pause/Resume/Stop in the wrong state answers. The emulator's answers switch plays other
// services; the provider must stay correct whatever they answer.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { operationStats } from "../../provider/callout-task/operations";
import type { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { actions, campaign, checked, useEmulator } from "../support/provider-harness";

const NOT_FOUND_ANSWERS = [
    { code: "ResourceNotFound", message: "The task does not exist." },
    { code: "FailedOperation.TaskNotExist", message: "任务不存在" },
    { code: "InvalidParameter", message: "invalid parameter" },
];
const WRONG_STATE_ANSWERS = [{ code: "FailedOperation", message: "Task state does not allow it." }, { code: "InvalidParameterValue", message: "TaskId state invalid" }, "ok"] as const;

describe("Task operations whatever the service answers for a missing task or a wrong state", () => {
    let emu: Emulator;
    let provider: CalloutTaskProvider;

    useEmulator({ "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccRetryMaxSeconds": "3" }, (e, p) => ((emu = e), (provider = p)));

    for (const notFound of NOT_FOUND_ANSWERS) {
        it(`drops a removed task on read when Describe answers ${notFound.code}, confirmed by the listing`, async () => {
            emu.setAnswers({ notFound });
            const a = await provider.create(checked(campaign()));
            const b = await provider.create(checked(campaign({ name: "kept" })));
            emu.console.remove(Number(a.id));
            assert.deepEqual(await provider.read(a.id, a.outs), {});
            assert.equal((await provider.read(b.id, b.outs)).id, b.id);
            assert.equal(operationStats().goneConfirmed, 1);
            // Deleting a task that is gone is done, too.
            await provider.delete(a.id, a.outs);
        });
    }

    it("keeps a task on a read that fails for another reason", async () => {
        const a = await provider.create(checked(campaign()));
        // A refusal the listing cannot confirm (the listing fails too) is the error, not "gone".
        await assert.rejects(provider.read(a.id, { ...a.outs, sdkAppId: 1400999999 }), /InvalidParameterValue/);
        emu.setAnswers({ notFound: { code: "InvalidParameterValue", message: "TaskId is invalid" } });
        emu.setFaults({ internalError: { actions: ["DescribeAutoCalloutTask"], probability: 1 } });
        await assert.rejects(provider.read(a.id, a.outs), /DescribeAutoCalloutTask failed: InternalError/);
        emu.clearFaults();
        assert.equal((await provider.read(a.id, a.outs)).id, a.id, "the task was dropped");
    });

    for (const wrongState of WRONG_STATE_ANSWERS) {
        const label = typeof wrongState === "string" ? `"${wrongState}"` : wrongState.code;
        it(`converges pause, resume and stop by the task's state when a wrong-state request answers ${label}`, async () => {
            emu.setAnswers({ wrongState });
            const inputs = checked(campaign());
            const created = await provider.create(inputs);
            const id = Number(created.id);
            // Paused in the console, declared paused: already there, no request needed.
            emu.console.pause(id);
            const paused = await provider.update(created.id, created.outs, { ...inputs, paused: true });
            assert.equal(paused.outs.state, 5);
            // Lost answers: each retried request meets a task already where it should be.
            for (const [action, want] of [["ResumeAutoCalloutTask", false], ["PauseAutoCalloutTask", true]] as const) {
                emu.setFaults({ dropAfterCommit: { actions: [action], count: 1, hangMs: 1500 } });
                const r = await provider.update(created.id, paused.outs, { ...inputs, paused: want });
                assert.equal(r.outs.paused, want, action);
            }
            emu.setFaults({ dropAfterCommit: { actions: ["StopAutoCalloutTask"], count: 1, hangMs: 1500 } });
            await provider.delete(created.id, created.outs);
            assert.equal(emu.task(id)!.state, 4);
            // Stopped in the console, then destroyed: whatever the Stop answers, the Describe after it says done.
            const other = await provider.create(checked(campaign({ name: "other" })));
            emu.console.stop(Number(other.id));
            const log = emu.requestLog().length;
            await provider.delete(other.id, other.outs);
            assert.deepEqual(actions(emu, log), ["StopAutoCalloutTask", "DescribeAutoCalloutTask"]);
            assert.equal(emu.task(Number(other.id))!.state, 4);
        });
    }
});
