// Policy 8 (stack-wide): one person in two tasks that run at the same time, or more attempts per
// person across the stack than the cap within a rolling window.
import type { StackValidationPolicy } from "@pulumi/policy";
import type { CalloutTaskInputs } from "../../provider/callout-task/schema";
import { describeCallees, HORIZON_DAYS } from "../schedule";
import { anyUnknown, calloutTaskOf, reportSome } from "../task";

export interface StackOverlapConfig {
    maxAttemptsPerCallee: number;
    windowDays: number;
}

interface Span {
    name: string;
    task: CalloutTaskInputs;
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
        for (const r of args.resources) {
            const task = calloutTaskOf(r.type, r.props);
            if (!task || anyUnknown(task.callees, task.notBefore, task.notAfter, task.tries)) continue;
            spans.push({ name: r.name, task, from: task.notBefore, to: task.notAfter ?? task.notBefore + HORIZON_DAYS * 86400 });
        }
        const overlaps = new Map<string, string[]>();
        for (let i = 0; i < spans.length; i++) {
            for (let j = i + 1; j < spans.length; j++) {
                const [a, b] = [spans[i], spans[j]];
                if (a.from >= b.to || b.from >= a.to) continue;
                const shared = a.task.callees.filter((n) => b.task.callees.includes(n));
                if (shared.length) overlaps.set(`${a.name} and ${b.name}`, shared);
            }
        }
        const messages = [...overlaps].map(([pair, shared]) => `${pair} run at the same time and both call ${describeCallees(shared)}`);
        // Rolling window: for each task start, sum the tries of every task holding the callee that overlaps [start, start + window).
        const windowSeconds = config.windowDays * 86400;
        const over = new Map<string, number>();
        for (const s of spans) {
            const inWindow = spans.filter((o) => o.from < s.from + windowSeconds && o.to > s.from);
            for (const n of s.task.callees) {
                const total = inWindow.filter((o) => o.task.callees.includes(n)).reduce((sum, o) => sum + (o.task.tries ?? 1), 0);
                if (total > config.maxAttemptsPerCallee) over.set(n, Math.max(total, over.get(n) ?? 0));
            }
        }
        if (over.size) {
            const worst = Math.max(...over.values());
            messages.push(`${describeCallees([...over.keys()])} would get up to ${worst} attempts within ${config.windowDays} days across the stack: above the cap of ${config.maxAttemptsPerCallee}`);
        }
        reportSome(messages, (m) => reportViolation(m));
    },
};
