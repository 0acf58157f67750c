// The combined review of many stacks: totals over the stacks' reviews, and a stack that failed before its review.
import { strict as assert } from "assert";
import { combineReviews, renderCombinedMarkdown } from "../../review/stacks";
import type { Summary } from "../../review/summary";

const totals = (create: number, callees: number | undefined, violations: Record<string, number>, restarts = 0) =>
    ({
        stack: "",
        campaigns: [],
        previewErrors: [],
        blocking: [],
        notes: [],
        totals: { actions: { create, replace: 1, pause: 0, resume: 0, update: 0, stop: 0, unchanged: 2 }, calleesInNewTasks: callees, violations, restarts },
    }) as unknown as Summary;

describe("ccc-review of many stacks: one review over them", () => {
    it("sums the stacks' totals; callees stay unknown when one stack could not count them", () => {
        const c = combineReviews(
            [
                { stack: "a", passed: true, review: totals(2, 5, { advisory: 1 }, 1) },
                { stack: "b", passed: false, failure: "pulumi preview failed (exit 255)", review: totals(1, 3, { advisory: 1, mandatory: 2 }) },
            ],
            ["c"],
        );
        assert.deepEqual(c.failed, ["b"]);
        assert.deepEqual(c.totals, {
            stacks: 3,
            previewed: 2,
            actions: { create: 3, replace: 2, pause: 0, resume: 0, update: 0, stop: 0, unchanged: 4 },
            calleesInNewTasks: 8,
            violations: { advisory: 2, mandatory: 2 },
            restarts: 1,
        });
        assert.equal(combineReviews([{ stack: "a", passed: true, review: totals(1, undefined, {}) }], []).totals.calleesInNewTasks, undefined);
        assert.equal(combineReviews([{ stack: "a", passed: false, failure: "npm ci failed" }], []).totals.calleesInNewTasks, undefined, "a stack without a review");
    });

    it("names a stack that failed before its review, in the verdict, the table and its section", () => {
        const c = combineReviews([{ stack: "a", passed: false, failure: "pulumi stack init a failed" }], ["b"]);
        assert.equal(
            renderCombinedMarkdown(c, () => undefined),
            [
                "# Campaign review: 1 of 2 stacks changed",
                "",
                "**Blocked** in stack `a`: see its section below.",
                "",
                "| stack | result | create | replace | pause | resume | update | stop (delete) | violations |",
                "|---|---|---|---|---|---|---|---|---|",
                "| `a` | **failed** | ? | ? | ? | ? | ? | ? | ? |",
                "| **total** | 0 passed | — | — | — | — | — | — | — |",
                "",
                "Callees in new tasks: unknown; restarts of running campaigns: 0.",
                "Not changed, not previewed: `b`.",
                "",
                "## Campaign review: stack `a`",
                "",
                "**The run failed**: pulumi stack init a failed.",
                "",
                "No review: the preview did not get that far.",
                "",
            ].join("\n"),
        );
    });
});
