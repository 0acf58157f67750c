// Policy 8 (stack-wide): one person in two tasks that run at the same time, or more attempts per
// person across the stack than the cap within a rolling window.
import type { StackValidationPolicy } from "@pulumi/policy";
import { calleeList, describeCallees } from "../../campaign/callees";
import { HORIZON_DAYS } from "../../campaign/windows";
import { allKnown, campaignOf, reportSome } from "../campaign";

export interface StackOverlapConfig {
    maxAttemptsPerCallee: number;
    windowDays: number;
}

interface Span {
    name: string;
    tries: number;
    from: number;
    to: number;
}

export const stackOverlap: StackValidationPolicy = {
    name: "ccc-stack-overlap",
    description:
        "Across the whole stack: the same person is not in two tasks whose schedules overlap, and no person gets more attempts than the cap within a rolling window (summing tries of every task that runs in it).",
    enforcementLevel: "advisory",
    configSchema: {
        properties: {
            maxAttemptsPerCallee: { type: "integer", minimum: 1, default: 3, description: "Most attempts on one person across the stack within the window." },
            windowDays: { type: "number", minimum: 1, default: 7, description: "Length of the rolling window, in days." },
        },
    },
    validateStack: (args, reportViolation) => {
        const config = args.getConfig<StackOverlapConfig>();
        const spans: Span[] = [];
        // Person (one canonical form) → the spans that call them, and the number as first written (for masking).
        const byCallee = new Map<string, { spans: number[]; number: string }>();
        for (const r of args.resources) {
            const view = campaignOf(r.type, r.props);
            if (!view || !allKnown(view, "callees", "start", "end", "tries")) continue;
            const { callees, schedule, attempts } = view.campaign;
            const { start, end } = schedule;
            if (!callees || start === undefined || attempts.tries === undefined) continue;
            const index = spans.push({ name: r.name, tries: attempts.tries, from: start, to: end ?? start + HORIZON_DAYS * 86400 }) - 1;
            calleeList(callees).canonical.forEach((key, i) => {
                const entry = byCallee.get(key);
                if (!entry) byCallee.set(key, { spans: [index], number: callees[i] });
                else if (entry.spans[entry.spans.length - 1] !== index) entry.spans.push(index);
            });
        }
        // People in the same set of tasks are judged once, as a group: the work grows with the callees, not their pairs.
        const bySet = new Map<string, { spans: number[]; numbers: string[] }>();
        for (const { spans: s, number } of byCallee.values()) {
            if (s.length < 2 && spans[s[0]].tries <= config.maxAttemptsPerCallee) continue; // nobody to overlap with, nothing above the cap
            const key = s.join(",");
            const group = bySet.get(key);
            if (group) group.numbers.push(number);
            else bySet.set(key, { spans: s, numbers: [number] });
        }
        const overlaps = new Map<string, string[]>();
        const over: string[] = [];
        let worst = 0;
        const windowSeconds = config.windowDays * 86400;
        for (const { spans: indices, numbers } of bySet.values()) {
            const held = indices.map((i) => spans[i]);
            for (let i = 0; i < held.length; i++) {
                for (let j = i + 1; j < held.length; j++) {
                    const [a, b] = [held[i], held[j]];
                    if (a.from >= b.to || b.from >= a.to) continue;
                    const pair = `${a.name} and ${b.name}`;
                    overlaps.set(pair, [...(overlaps.get(pair) ?? []), ...numbers]);
                }
            }
            // Rolling window: from each task's start, the tries of every task of theirs that runs in [start, start + window).
            const most = Math.max(...held.map((s) => held.filter((o) => o.from < s.from + windowSeconds && o.to > s.from).reduce((sum, o) => sum + o.tries, 0)));
            if (most > config.maxAttemptsPerCallee) {
                over.push(...numbers);
                worst = Math.max(worst, most);
            }
        }
        const messages = [...overlaps].map(([pair, shared]) => `${pair} run at the same time and both call ${describeCallees(shared)}`);
        if (over.length) messages.push(`${describeCallees(over)} would get up to ${worst} attempts within ${config.windowDays} days across the stack: above the cap of ${config.maxAttemptsPerCallee}`);
        reportSome(messages, (m) => reportViolation(m));
    },
};
