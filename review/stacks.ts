// The review of a pull request over many stacks: one document with a section per previewed stack (its
// own review, as `ccc-review` writes it) and the totals over all of them. Pure: the stacks' results in,
// the combined review out. It holds only what the stacks' reviews hold (masked numbers, no raw file).
import { ACTION_TEXT } from "./markdown";
import type { Action, Summary } from "./summary";

/** One stack's part of the run: its review, or why there is none. */
export interface StackResult {
    stack: string;
    /** The stack's run (`scripts/ci.sh preview`) passed. */
    passed: boolean;
    /** Why it failed, in the run's words (its last `ci:` line). */
    failure?: string;
    review?: Summary;
}

export interface CombinedReview {
    /** The stacks previewed, in the order the layout lists them. */
    stacks: StackResult[];
    /** The stacks whose folders, config and shared files did not change: not previewed. */
    unchanged: string[];
    failed: string[];
    totals: {
        stacks: number;
        previewed: number;
        actions: Record<Action, number>;
        /** Undefined when a stack's review could not count them. */
        calleesInNewTasks?: number;
        violations: Record<string, number>;
        restarts: number;
    };
}

export function combineReviews(results: StackResult[], unchanged: string[]): CombinedReview {
    const reviews = results.flatMap((r) => (r.review ? [r.review] : []));
    const actions = Object.fromEntries(Object.keys(ACTION_TEXT).map((a) => [a, 0])) as Record<Action, number>;
    const violations: Record<string, number> = {};
    let callees: number | undefined = 0;
    for (const { totals } of reviews) {
        for (const [a, n] of Object.entries(totals.actions)) actions[a as Action] += n;
        for (const [level, n] of Object.entries(totals.violations)) violations[level] = (violations[level] ?? 0) + n;
        callees = callees === undefined || totals.calleesInNewTasks === undefined ? undefined : callees + totals.calleesInNewTasks;
    }
    return {
        stacks: results,
        unchanged,
        failed: results.filter((r) => !r.passed).map((r) => r.stack),
        totals: {
            stacks: results.length + unchanged.length,
            previewed: results.length,
            actions,
            calleesInNewTasks: reviews.length === results.length ? callees : undefined,
            violations,
            restarts: reviews.reduce((n, r) => n + r.totals.restarts, 0),
        },
    };
}

const code = (s: string) => `\`${s}\``;
const list = (names: string[]) => names.map(code).join(", ");
const count = (n: number) => (n ? String(n) : "—");

/**
 * Markdown for one pull-request comment: verdict, a table of the stacks with totals, then each stack's
 * review as `ccc-review` wrote it (`markdownOf`; the JSON form cannot be rendered again).
 */
export function renderCombinedMarkdown(c: CombinedReview, markdownOf: (stack: string) => string | undefined): string {
    const shown = (Object.keys(ACTION_TEXT) as Action[]).filter((a) => a !== "unchanged");
    const lines = [`# Campaign review: ${c.totals.previewed} of ${c.totals.stacks} stacks changed`, ""];
    if (c.failed.length) lines.push(`**Blocked** in ${c.failed.length === 1 ? "stack" : "stacks"} ${list(c.failed)}: see ${c.failed.length === 1 ? "its section" : "their sections"} below.`);
    else lines.push(c.stacks.length ? "**OK to deploy**: every changed stack passed." : "**Nothing to deploy**: no stack changed.");
    lines.push("", `| stack | result | ${shown.map((a) => ACTION_TEXT[a]).join(" | ")} | violations |`, `|---|---|${shown.map(() => "---|").join("")}---|`);
    const violations = (v: Record<string, number>) => Object.entries(v).map(([level, n]) => `${n} ${level}`).join(", ") || "—";
    for (const r of c.stacks) {
        const t = r.review?.totals;
        const cells = shown.map((a) => (t ? count(t.actions[a]) : "?"));
        lines.push(`| ${code(r.stack)} | ${r.passed ? "passed" : "**failed**"} | ${cells.join(" | ")} | ${t ? violations(t.violations) : "?"} |`);
    }
    lines.push(`| **total** | ${c.totals.previewed - c.failed.length} passed | ${shown.map((a) => count(c.totals.actions[a])).join(" | ")} | ${violations(c.totals.violations)} |`, "");
    const callees = c.totals.calleesInNewTasks === undefined ? "unknown" : String(c.totals.calleesInNewTasks);
    lines.push(`Callees in new tasks: ${callees}; restarts of running campaigns: ${c.totals.restarts}.`);
    if (c.unchanged.length) lines.push(`Not changed, not previewed: ${list(c.unchanged)}.`);
    lines.push("");
    for (const r of c.stacks) {
        const failed = r.passed ? [] : [`**The run failed**: ${r.failure ?? "see the CI log"}.`, ""];
        const [heading, ...rest] = (markdownOf(r.stack) ?? `## Campaign review: stack ${code(r.stack)}\n\nNo review: the preview did not get that far.\n`).split("\n");
        lines.push(heading, "", ...failed, ...rest.slice(1));
    }
    return lines.join("\n");
}
