// The benchmark's judgement of its own figures: a step that did not do its work for every task is no
// figure, and a target is never "met" on one (an empty program was once reported as a fast rollout).
import { strict as assert } from "assert";
import { outcome, render, type Results, summarize } from "../../bench/report";
import { type RolloutResult, stepResult } from "../../bench/rollout";

const START = 1_000_000;
const creates = (n: number, outcomeOf = (_i: number) => "ok") =>
    Array.from({ length: n }, (_, i) => ({ action: "CreateAutoCalloutTask", outcome: outcomeOf(i), at: START + 2000 + i * 50 }));
const run = { code: 0, output: "", command: "pulumi up" };

function results(rollout: RolloutResult): Results {
    return {
        quick: true,
        parallel: 64,
        machine: {},
        versions: {},
        commands: [],
        rollouts: [rollout],
        sdkLoops: [],
        provider: { samples: 1, sdkCreateMs: 1, sdkDescribeMs: 1, calls: [] },
        cases: [],
    };
}
const state = { tasks: 100, bytesPerTask: 3000, providerBytesPerTask: 600, exportBytes: 300_000 };

describe("bench report", () => {
    it("splits a step's wall time around its API calls and counts the tasks its action did", () => {
        const log = [...creates(3), { action: "DescribeAutoCalloutTask", outcome: "ok", at: START + 2200 }];
        const s = stepResult("up", 3, START - 1000, log, run); // started 1 s before START; wall is "now"
        assert.equal(s.done, 3);
        const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} is not ${b}`);
        near(s.phases.beforeFirstCall, 3);
        near(s.phases.calls, 0.2);
        near(s.phases.beforeFirstCall + s.phases.calls + s.phases.afterLastCall, s.seconds);
        assert.equal(s.floorSeconds, 3 / 20);
    });

    it("calls a step ok only when it exited 0 and did every task", () => {
        const all = stepResult("up", 4, START, creates(4), run);
        assert.equal(outcome(all), "ok");
        assert.equal(outcome(stepResult("up", 4, START, creates(4, (i) => (i === 2 ? "RequestLimitExceeded" : "ok")), run)), "INCOMPLETE (3 of 4)");
        assert.equal(outcome(stepResult("up", 4, START, [], run)), "INCOMPLETE (0 of 4)");
        assert.equal(outcome(stepResult("up", 4, START, creates(4), { ...run, code: 255 })), "FAILED (exit 255)");
    });

    it("holds the engine-alone steps to the floor of the step they stand beside, with no API call needed", () => {
        const alone = stepResult("engine alone: up", 100, Date.now() - 6000, [], run);
        assert.equal(alone.floorSeconds, 5);
        assert.equal(alone.done, 100);
        assert.equal(outcome(alone), "ok");
    });

    it("does not meet the rollout or state target with a rollout that created nothing", () => {
        const fast = (log: ReturnType<typeof creates>) => ({ ...stepResult("up", 100, Date.now() - 5000, log, run), seconds: 5.2, ratioToFloor: 1.04 });
        const empty = summarize(results({ n: 100, steps: [fast([])], state }));
        assert.equal(empty.summary.upResult, "INCOMPLETE (0 of 100)");
        const rolloutTarget = (t: { name: string }) => t.name.startsWith("rollout");
        assert.equal(empty.targets.find(rolloutTarget)!.met, false);
        assert.equal(empty.targets.find((t) => t.name === "state per task")!.met, false);

        const full = summarize(results({ n: 100, steps: [fast(creates(100))], state }));
        assert.equal(full.targets.find(rolloutTarget)!.met, true);
        assert.equal(full.targets.find((t) => t.name === "state per task")!.met, true);
        assert.match(render(results({ n: 100, steps: [fast([])], state })).text, /INCOMPLETE \(0 of 100\)/);
    });
});
