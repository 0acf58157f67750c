// The benchmark's judgement of its own figures: a step that did not do its work for every task is no
// figure, and a target is never "met" on one (an empty program was once reported as a fast rollout).
import { strict as assert } from "assert";
import { outcome, render, type Results, summarize } from "../../bench/report";
import { type RolloutResult, type StepName, type StepResult, stepResult } from "../../bench/rollout";

const START = 1_000_000;
const creates = (n: number, outcomeOf = (_i: number) => "ok") =>
    Array.from({ length: n }, (_, i) => ({ action: "CreateAutoCalloutTask", outcome: outcomeOf(i), at: START + 2000 + i * 50 }));
const run = { code: 0, output: "", command: "pulumi up" };

function results(rollout?: RolloutResult, more: Partial<Results> = {}): Results {
    return {
        quick: true,
        parallel: 64,
        machine: {},
        versions: {},
        commands: [],
        rollouts: rollout ? [rollout] : [],
        sdkLoops: [],
        provider: { samples: 1, sdkCreateMs: 1, sdkDescribeMs: 1, calls: [] },
        cases: [],
        ...more,
    };
}

/** A step of `n` tasks that took `seconds`, with `calls` answers of `action` (or a log of its own). */
function step(name: StepName, n: number, seconds: number, calls: number, action = "CreateAutoCalloutTask", code = 0, output = ""): StepResult {
    const log = Array.from({ length: calls }, (_, i) => ({ action, outcome: "ok", at: START + i }));
    return { ...stepResult(name, n, START, log, { code, output, command: "pulumi up" }), seconds, ratioToFloor: seconds / (n / 20) };
}
const met = (r: Results, name: RegExp) => {
    const t = summarize(r).targets.filter((x) => name.test(x.name));
    assert.equal(t.length, 1, `one target matching ${name}`);
    return t[0].met;
};
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

    describe("many stacks", () => {
        const multi = (up: StepResult) => results(undefined, { multiStack: { stacks: 5, up, exitCodes: [up.exitCode, 0, 0, 0, 0], sdkLoop: step("sdk loop", 100, 5.1, 100) } });

        it("meets ×1.25 the floor with every task created and no throttling error, and misses above it", () => {
            const r = multi(step("multi-stack: up", 100, 6.2, 100));
            assert.equal(met(r, /over 5 stacks/), true);
            assert.equal(met(r, /throttling errors.*many stacks/), true);
            const s = summarize(r).summary;
            assert.deepEqual([s.multiStackN, s.multiStackStacks, s.multiStackUpSeconds, s.multiStackRatioToFloor, s.multiStackThrottleErrors], [100, 5, 6.2, 1.24, 0]);
            assert.ok(Math.abs((s.multiStackRatioToSdkLoop as number) - 6.2 / 5.1) < 1e-9);
            assert.equal(met(multi(step("multi-stack: up", 100, 6.3, 100)), /over 5 stacks/), false);
        });

        it("meets nothing when a stack failed, however fast, and says FAILED", () => {
            const r = multi(step("multi-stack: up", 100, 5.5, 100, "CreateAutoCalloutTask", 255));
            assert.equal(met(r, /over 5 stacks/), false);
            assert.equal(met(r, /throttling errors.*many stacks/), false);
            assert.equal(summarize(r).summary.multiStackUpResult, "FAILED (exit 255)");
            assert.match(render(r).text, /multi-stack: up .* FAILED \(exit 255\)/);
            assert.match(render(r).text, /each stack's up exited 255, 0, 0, 0, 0/);
        });

        it("misses on a throttling error the user saw, and on tasks not created", () => {
            assert.equal(met(multi(step("multi-stack: up", 100, 6, 100, "CreateAutoCalloutTask", 0, "error: RequestLimitExceeded")), /throttling errors.*many stacks/), false);
            const short = multi(step("multi-stack: up", 100, 6, 99));
            assert.equal(summarize(short).summary.multiStackUpResult, "INCOMPLETE (99 of 100)");
            assert.equal(met(short, /over 5 stacks/), false);
        });
    });

    describe("a long-lived stack", () => {
        const live = 20;
        const longLived = (refresh: StepResult, up = step("up", 1, 2.2, 1), aloneUp = step("engine alone: up", 1, 2, 0)) =>
            results(undefined, {
                longLived: {
                    tasks: 400,
                    liveTasks: live,
                    setup: [step("up", 400, 30, 400), step("refresh", 400, 25, 400, "DescribeAutoCalloutTask"), step("engine alone: up", 400, 28, 0)],
                    refresh,
                    oneChange: { preview: step("preview", 1, 3, 0), up, engineAlonePreview: step("engine alone: preview", 1, 2.9, 0), engineAloneUp: aloneUp },
                    rounds: { preview: [3.4, 3, 2.95], up: [up.seconds], engineAlonePreview: [2.9], engineAloneUp: [aloneUp.seconds] },
                },
            });

        it("says how many rounds the one-campaign change took, and each round's seconds", () => {
            const text = render(longLived(step("refresh", live, 3, live, "DescribeAutoCalloutTask"))).text;
            assert.match(text, /then one campaign added \(rounds: 1; the median round below\)/);
            assert.match(text, /\neach round, s: preview 3\.4, 3\.0, 3\.0 \(engine alone 2\.9\); up 2\.2 \(engine alone 2\.0\)\n/);
        });

        it("meets the refresh target with calls for the live tasks only, and misses when the finished ones are described too", () => {
            const cheap = longLived(step("refresh", live, 3, live, "DescribeAutoCalloutTask"));
            assert.equal(met(cheap, /refresh API calls, 400 tasks of which 20 live/), true);
            assert.deepEqual([summarize(cheap).summary.longLivedTasks, summarize(cheap).summary.longLivedLiveTasks, summarize(cheap).summary.longLivedRefreshApiCalls], [400, 20, 20]);
            const dear = longLived(step("refresh", live, 25, 400, "DescribeAutoCalloutTask"));
            assert.equal(met(dear, /refresh API calls/), false);
            assert.equal(summarize(dear).summary.longLivedRefreshResult, "ok");
        });

        it("does not count a throttled request, retried, as a call for another task", () => {
            const refresh = step("refresh", live, 3, live, "DescribeAutoCalloutTask");
            refresh.apiCalls += 2;
            refresh.throttledRequests = 2;
            assert.equal(met(longLived(refresh), /refresh API calls/), true);
        });

        it("holds a one-campaign change to ×1.2 the engine alone on the same stack, and meets nothing on a failed step", () => {
            const refresh = step("refresh", live, 3, live, "DescribeAutoCalloutTask");
            const within = longLived(refresh, step("up", 1, 2.4, 1));
            assert.equal(met(within, /one-campaign change, up/), true);
            assert.equal(summarize(within).summary.longLivedOneChangeRatioToEngineAlone, 1.2);
            assert.equal(met(within, /one-campaign change, preview/), true);
            assert.equal(met(longLived(refresh, step("up", 1, 2.5, 1)), /one-campaign change, up/), false);
            const failed = longLived(refresh, step("up", 1, 1, 1), step("engine alone: up", 1, 2, 0, "", 1));
            assert.equal(met(failed, /one-campaign change, up/), false);
            assert.match(render(failed).text, /engine alone: one change: up .* FAILED \(exit 1\)/);
            assert.equal(met(longLived(step("refresh", live, 3, live, "DescribeAutoCalloutTask", 255)), /refresh API calls/), false);
        });
    });

    it("reports each DIY backend knob as a ratio to the default", () => {
        const knobs = [
            { knob: "default", up: step("up", 100, 10, 100), ratioToDefault: null },
            { knob: "PULUMI_DIY_BACKEND_GZIP=true", up: step("up", 100, 9, 100), ratioToDefault: 0.9 },
        ];
        const s = summarize(results(undefined, { diyKnobs: knobs })).summary;
        assert.deepEqual([s.diyBackendN, s.diyBackendRatioToDefault], [100, { "PULUMI_DIY_BACKEND_GZIP=true": 0.9 }]);
        assert.match(render(results(undefined, { diyKnobs: knobs })).text, /PULUMI_DIY_BACKEND_GZIP=true\s+9\.0\s+×0\.90\s+ok/);
    });

    it("names the AICCS figures like the CCC ones, and meets no AICCS target on a failed up", () => {
        const aiccs = { up: step("aiccs: up", 100, 20, 100, "CreateAiCallTask"), sdkLoop: step("aiccs: sdk loop", 100, 5, 100, "CreateAiCallTask") };
        const s = summarize(results(undefined, { aiccs })).summary;
        assert.deepEqual([s.aiccsN, s.aiccsUpResult, s.aiccsUpSeconds, s.aiccsFloorSeconds, s.aiccsRatioToFloor, s.aiccsSdkLoopSeconds, s.aiccsRatioToSdkLoop, s.aiccsThrottleErrors], [100, "ok", 20, 5, 4, 5, 4, 0]);
        assert.equal(met(results(undefined, { aiccs }), /AICCS/), true);
        const throttled = { ...aiccs, up: step("aiccs: up", 100, 20, 100, "CreateAiCallTask", 0, "Throttling.User: Request was denied") };
        assert.equal(met(results(undefined, { aiccs: throttled }), /AICCS/), false);
        assert.equal(met(results(undefined, { aiccs: { ...aiccs, up: step("aiccs: up", 100, 20, 100, "CreateAiCallTask", 1) } }), /AICCS/), false);
    });

    it("lists in its JSON every step the chart draws, the engine alone's included, each once", () => {
        const sdk = step("sdk loop", 100, 5.1, 100);
        const r = results({ n: 100, steps: [step("up", 100, 8, 100)], engineAlone: [step("engine alone: up", 100, 6, 0)], state }, { sdkLoops: [sdk], multiStack: { stacks: 5, up: step("multi-stack: up", 100, 7, 100), exitCodes: [0, 0, 0, 0, 0], sdkLoop: sdk } });
        const runs = render(r).json.runs as StepResult[];
        assert.deepEqual(runs.map((x) => x.step), ["up", "engine alone: up", "sdk loop", "multi-stack: up"]);
    });

    it("judges only the cases that ran (--only): no rollout, provider or callee target without them", () => {
        const r = results(undefined, { provider: undefined, aiccs: { up: step("aiccs: up", 10, 2, 10, "CreateAiCallTask"), sdkLoop: step("aiccs: sdk loop", 10, 1, 10, "CreateAiCallTask") } });
        assert.deepEqual(summarize(r).targets.map((t) => t.name), ["throttling errors seen by the user, AICCS"]);
        assert.doesNotMatch(render(r).text, /Engine rollouts|Provider CPU|CPU ms against callees|State \(/);
    });
});
