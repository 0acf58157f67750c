// Turns the measurements into the printed table, the targets (met/missed), the growth ratios and
// the one-line JSON summary.
import type { AiccsRollout } from "./aiccs";
import type { KnobResult } from "./diy-knobs";
import type { EngineProfile } from "./engine-profile";
import type { LongLivedResult } from "./long-lived";
import type { MultiStackResult } from "./multi-stack";
import type { ProviderCost } from "./provider-cost";
import type { RolloutResult, StateSize, StepResult } from "./rollout";
import { ALL, type CaseResult, CALLEE_COUNTS, sizeName } from "./scale";

export interface Results {
    quick: boolean;
    parallel: number;
    machine: Record<string, unknown>;
    versions: Record<string, string>;
    commands: string[];
    rollouts: RolloutResult[];
    sdkLoops: StepResult[];
    provider?: ProviderCost;
    cases: CaseResult[];
    largeTask?: StateSize & { callees: number; upSeconds: number; exitCode: number };
    /** The CLI's own profile of the engine-alone up (`--profile-engine`). */
    engineProfile?: EngineProfile & { n: number };
    /** N campaigns over several stacks side by side, and the SDK loop of the same N. */
    multiStack?: MultiStackResult & { sdkLoop: StepResult };
    longLived?: LongLivedResult;
    diyKnobs?: KnobResult[];
    aiccs?: AiccsRollout;
}

/** The bars of the scale-out cases (issue 22). */
export const BARS = { multiStackRatioToFloor: 1.25, oneChangeRatioToEngineAlone: 1.2 };

interface Target {
    name: string;
    value: string;
    bar: string;
    met: boolean | null;
}

const KB = 1024;
const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v.toFixed(digits));
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    return [pad(header, widths), ...rows.map((r) => pad(r, widths))].join("\n");
};
const short = (action: string) => action.replace("AutoCalloutTasks", "Tasks").replace("AutoCalloutTask", "");

/** "ok" only when the step exited 0 and did its action for every task: an empty or failed step is no figure. */
export function outcome(s: StepResult): string {
    if (s.exitCode !== 0) return `FAILED (exit ${s.exitCode})`;
    return s.done >= s.n ? "ok" : `INCOMPLETE (${s.done} of ${s.n})`;
}

function caseMs(results: Results, name: string): CaseResult | undefined {
    return results.cases.find((c) => c.case === name);
}

/** The engine-alone `up` beside a rollout, if it ran. */
const engineAloneUp = (ro: RolloutResult) => ro.engineAlone?.find((s) => s.step === "engine alone: up");

/** The policies measured one by one. */
const policyNames = (r: Results) => [...new Set(r.cases.filter((c) => c.case.startsWith("policy:")).map((c) => c.case.split(":")[1]))].filter((p) => p !== ALL);

/** The whole pack at one size; null if it did not finish. */
function policiesMs(results: Results, size: string): number | null {
    return caseMs(results, `policy:${ALL}:${size}`)?.ms ?? null;
}

/** "×k (linear ×e): linear|SUPERLINEAR" (with 50% slack for noise); missing inputs give "—". */
function growth(big: number | null | undefined, small: number | null | undefined, expected: number, bar = "linear"): { ratio: number | null; text: string } {
    if (big === null || big === undefined || small === null || small === undefined || small <= 0) return { ratio: null, text: big === null ? "— (did not finish)" : "—" };
    const ratio = big / small;
    return { ratio, text: `×${fmt(ratio, 1)} (${bar} ×${expected}): ${ratio <= expected * 1.5 ? bar : `ABOVE ${bar}`}` };
}

const ratio = (a: StepResult | undefined, b: StepResult | undefined) => (a && b && b.seconds > 0 ? a.seconds / b.seconds : null);
/** A target met only on steps that all did their work. */
const metOn = (steps: (StepResult | undefined)[], holds: boolean) => steps.every((s) => s && outcome(s) === "ok") && holds;

/** The original cases: rollouts, provider CPU, callee scale, state. */
function coreFigures(r: Results) {
    const largest = r.rollouts.reduce<RolloutResult | undefined>((a, b) => (!a || b.n > a.n ? b : a), undefined);
    const step = (ro: RolloutResult | undefined, name: string) => ro?.steps.find((s) => s.step === name);
    const up = step(largest, "up");
    const sdk = r.sdkLoops.find((s) => s.n === largest?.n);
    const worstOverhead = r.provider ? Math.max(...r.provider.calls.map((c) => c.overheadMs)) : null;
    const check100k = caseMs(r, "check:100000")?.ms ?? null;
    const diff100k = caseMs(r, "diff:100000")?.ms ?? null;
    const policies100k = policiesMs(r, sizeName(1, 100_000));
    const throttleErrors = largest?.steps.reduce((s, x) => s + x.throttleErrors, 0) ?? null;
    const preview = step(largest, "preview");
    const summary = {
        n: largest?.n ?? null,
        upResult: up ? outcome(up) : null,
        upSeconds: up?.seconds ?? null,
        floorSeconds: up?.floorSeconds ?? null,
        ratioToFloor: up?.ratioToFloor ?? null,
        sdkLoopSeconds: sdk?.seconds ?? null,
        engineSaveSnapshotShare: r.engineProfile ? r.engineProfile.saveSnapshotSeconds / r.engineProfile.cpuSeconds : null,
        engineAloneUpSeconds: (largest && engineAloneUp(largest)?.seconds) ?? null,
        ratioToSdkLoop: ratio(up, sdk),
        throttleErrors,
        throttledRequests: largest?.steps.reduce((s, x) => s + x.throttledRequests, 0) ?? null,
        noChangePreviewApiCalls: preview?.apiCalls ?? null,
        refreshApiCallsPerTask: step(largest, "refresh")?.apiCallsPerTask ?? null,
        previewSeconds: preview?.seconds ?? null,
        refreshSeconds: step(largest, "refresh")?.seconds ?? null,
        destroySeconds: step(largest, "destroy")?.seconds ?? null,
        check100kCalleesMs: check100k,
        diff100kCalleesMs: diff100k,
        policies100kCalleesMs: policies100k,
        policies500x1000CalleesMs: policiesMs(r, sizeName(500, 1_000)),
        stateBytesPerTask: largest?.state?.bytesPerTask ?? null,
        stateProviderBytesPerTask: largest?.state?.providerBytesPerTask ?? null,
        state100kCalleesBytes: r.largeTask?.bytesPerTask ?? null,
        providerOverheadMs: r.provider ? Object.fromEntries(r.provider.calls.map((c) => [c.call, c.overheadMs])) : null,
        timedOut: r.cases.filter((c) => c.timedOut).map((c) => c.case),
    };
    const targets: Target[] = [];
    if (largest) {
        const at500 = largest.n >= 500 ? "" : ` (measured at N=${largest.n}; the bar is for N=500)`;
        targets.push(
            { name: "state per task", value: `${fmt((summary.stateBytesPerTask ?? NaN) / KB, 1)} KB`, bar: "< 4 KB", met: summary.stateBytesPerTask === null ? null : summary.upResult === "ok" && summary.stateBytesPerTask < 4 * KB },
            { name: `rollout (up) vs floor${at500}`, value: `×${fmt(summary.ratioToFloor, 2)}${summary.engineAloneUpSeconds && up ? ` (engine alone ×${fmt(summary.engineAloneUpSeconds / up.floorSeconds, 2)})` : ""}`, bar: "≤ ×1.1", met: summary.ratioToFloor === null ? null : summary.upResult === "ok" && summary.ratioToFloor <= 1.1 },
            { name: "throttling errors seen by the user", value: String(throttleErrors), bar: "0", met: throttleErrors === 0 },
            { name: "checkpoint shortcuts", value: "PULUMI_SKIP_CHECKPOINTS unset", bar: "none", met: true },
            { name: "no-change preview API calls", value: String(summary.noChangePreviewApiCalls ?? "—"), bar: "0", met: summary.noChangePreviewApiCalls === null ? null : summary.noChangePreviewApiCalls === 0 },
        );
    }
    if (r.cases.length) {
        targets.push(
            { name: "check, 100k callees", value: `${fmt(check100k, 0)} ms`, bar: "< 1000 ms", met: check100k === null ? false : check100k < 1000 },
            { name: "diff, 100k callees", value: `${fmt(diff100k, 0)} ms`, bar: "< 200 ms", met: diff100k === null ? false : diff100k < 200 },
            { name: "all policies, 100k callees", value: policies100k === null ? "did not finish" : `${fmt(policies100k, 0)} ms`, bar: "< 2000 ms", met: policies100k === null ? false : policies100k < 2000 },
        );
    }
    if (worstOverhead !== null) targets.push({ name: "provider overhead per call (worst)", value: `${fmt(worstOverhead, 2)} ms`, bar: "< 1 ms", met: worstOverhead < 1 });
    const growths: { name: string; ratio: number | null; text: string }[] = [];
    const r100 = r.rollouts.find((x) => x.n === 100);
    const r500 = r.rollouts.find((x) => x.n === 500);
    if (r100 && r500) {
        for (const s of ["up", "refresh", "destroy"]) growths.push({ name: `${s} N=500 / N=100`, ...growth(step(r500, s)?.seconds, step(r100, s)?.seconds, 5) });
        growths.push({ name: "state per task N=500 / N=100", ...growth(r500.state?.bytesPerTask, r100.state?.bytesPerTask, 1, "flat") });
    }
    if (r.cases.length) {
        for (const kind of ["check", "diff"]) growths.push({ name: `${kind} 100k / 1k callees`, ...growth(caseMs(r, `${kind}:100000`)?.ms, caseMs(r, `${kind}:1000`)?.ms, 100) });
        growths.push({ name: "all policies 100k / 1k callees", ...growth(policies100k, policiesMs(r, sizeName(1, 1_000)), 100) });
        for (const name of policyNames(r)) {
            growths.push({ name: `  ${name} 100k / 1k`, ...growth(caseMs(r, `policy:${name}:1x100000`)?.ms, caseMs(r, `policy:${name}:1x1000`)?.ms, 100) });
        }
    }
    return { summary: { ...summary, growth: Object.fromEntries(growths.map((g) => [g.name.trim(), g.ratio])) }, targets, growths };
}

/** Many stacks, the long-lived stack, the DIY backend's knobs and the AICCS rollout (issues 22 and 20). */
function scaleOutFigures(r: Results) {
    const summary: Record<string, unknown> = {};
    const targets: Target[] = [];
    const ms = r.multiStack;
    if (ms) {
        const { up, sdkLoop } = ms;
        Object.assign(summary, {
            multiStackN: up.n,
            multiStackStacks: ms.stacks,
            multiStackUpResult: outcome(up),
            multiStackUpSeconds: up.seconds,
            multiStackFloorSeconds: up.floorSeconds,
            multiStackRatioToFloor: up.ratioToFloor,
            multiStackSdkLoopSeconds: sdkLoop.seconds,
            multiStackRatioToSdkLoop: ratio(up, sdkLoop),
            multiStackThrottleErrors: up.throttleErrors,
            multiStackThrottledRequests: up.throttledRequests,
        });
        targets.push(
            { name: `${up.n} tasks over ${ms.stacks} stacks (up) vs floor`, value: `×${fmt(up.ratioToFloor, 2)}`, bar: `≤ ×${BARS.multiStackRatioToFloor}`, met: metOn([up], (up.ratioToFloor ?? Infinity) <= BARS.multiStackRatioToFloor) },
            { name: "throttling errors seen by the user, many stacks", value: String(up.throttleErrors), bar: "0", met: metOn([up], up.throttleErrors === 0) },
        );
    }
    const ll = r.longLived;
    if (ll) {
        const { preview, up, engineAlonePreview, engineAloneUp } = ll.oneChange;
        // Throttled requests are retried by the caller: they are not calls for another task.
        const refreshCalls = ll.refresh.apiCalls - ll.refresh.throttledRequests;
        const upRatio = ratio(up, engineAloneUp);
        const previewRatio = ratio(preview, engineAlonePreview);
        Object.assign(summary, {
            longLivedTasks: ll.tasks,
            longLivedLiveTasks: ll.liveTasks,
            longLivedRefreshResult: outcome(ll.refresh),
            longLivedRefreshApiCalls: ll.refresh.apiCalls,
            longLivedRefreshSeconds: ll.refresh.seconds,
            longLivedOneChangeUpSeconds: up.seconds,
            longLivedOneChangeEngineAloneUpSeconds: engineAloneUp.seconds,
            longLivedOneChangeRatioToEngineAlone: upRatio,
            longLivedOneChangePreviewSeconds: preview.seconds,
            longLivedOneChangeEngineAlonePreviewSeconds: engineAlonePreview.seconds,
            longLivedOneChangePreviewRatioToEngineAlone: previewRatio,
        });
        const bar = `≤ ×${BARS.oneChangeRatioToEngineAlone}`;
        targets.push(
            { name: `refresh API calls, ${ll.tasks} tasks of which ${ll.liveTasks} live`, value: String(ll.refresh.apiCalls), bar: `≤ ${ll.liveTasks}`, met: metOn([ll.refresh], refreshCalls <= ll.liveTasks) },
            { name: "one-campaign change, up vs engine alone", value: `×${fmt(upRatio, 2)}`, bar, met: metOn([up, engineAloneUp], (upRatio ?? Infinity) <= BARS.oneChangeRatioToEngineAlone) },
            { name: "one-campaign change, preview vs engine alone", value: `×${fmt(previewRatio, 2)}`, bar, met: metOn([preview, engineAlonePreview], (previewRatio ?? Infinity) <= BARS.oneChangeRatioToEngineAlone) },
        );
    }
    if (r.diyKnobs?.length) {
        Object.assign(summary, {
            diyBackendN: r.diyKnobs[0].up.n,
            diyBackendUpSeconds: Object.fromEntries(r.diyKnobs.map((k) => [k.knob, k.up.seconds])),
            diyBackendRatioToDefault: Object.fromEntries(r.diyKnobs.slice(1).map((k) => [k.knob, k.ratioToDefault])),
        });
    }
    const ai = r.aiccs;
    if (ai) {
        Object.assign(summary, {
            aiccsN: ai.up.n,
            aiccsUpResult: outcome(ai.up),
            aiccsUpSeconds: ai.up.seconds,
            aiccsFloorSeconds: ai.up.floorSeconds,
            aiccsRatioToFloor: ai.up.ratioToFloor,
            aiccsSdkLoopSeconds: ai.sdkLoop.seconds,
            aiccsRatioToSdkLoop: ratio(ai.up, ai.sdkLoop),
            aiccsThrottleErrors: ai.up.throttleErrors,
            aiccsThrottledRequests: ai.up.throttledRequests,
        });
        targets.push({ name: "throttling errors seen by the user, AICCS", value: String(ai.up.throttleErrors), bar: "0", met: metOn([ai.up], ai.up.throttleErrors === 0) });
    }
    return { summary, targets };
}

export function summarize(r: Results) {
    const core = coreFigures(r);
    const scaleOut = scaleOutFigures(r);
    const summary: typeof core.summary & Record<string, unknown> = { ...core.summary, ...scaleOut.summary };
    return { summary, targets: [...core.targets, ...scaleOut.targets], growths: core.growths };
}

export function render(r: Results): { text: string; json: Record<string, unknown> } {
    const { summary, targets, growths } = summarize(r);
    const out: string[] = [];
    out.push(`Benchmark (${r.quick ? "--quick" : "full"}), ${new Date().toISOString()}`);
    out.push(`Machine: ${Object.entries(r.machine).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    out.push(`Versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(", ")}`);

    if (r.rollouts.length) {
        out.push(`\n1. Engine rollouts (default program, one callee per campaign, --parallel ${r.parallel}; emulator at 20 requests/s per action), and the SDK loop`);
        out.push(stepTable(r.rollouts.flatMap((ro) => [...ro.steps, ...r.sdkLoops.filter((s) => s.n === ro.n), ...(ro.engineAlone ?? [])])));
    }
    for (const ro of r.rollouts) {
        const up = ro.steps.find((s) => s.step === "up");
        const sdk = r.sdkLoops.find((s) => s.n === ro.n);
        if (up && sdk) out.push(`N=${ro.n}: pulumi up takes ×${fmt(up.seconds / sdk.seconds, 2)} the SDK loop`);
        const alone = engineAloneUp(ro);
        if (up && alone) out.push(`N=${ro.n}: the engine alone (same program and state, a provider that does nothing) takes ${fmt(alone.seconds, 1)} s, ×${fmt(alone.ratioToFloor, 2)} the floor; pulumi up with the provider and the API ${fmt(up.seconds, 1)} s`);
    }

    const ep = r.engineProfile;
    if (ep) {
        out.push(
            `N=${ep.n}, engine alone, the CLI's CPU profile (pulumi --profiling; that up ran profiled): ${fmt(ep.cpuSeconds, 1)} CPU s, of which ${fmt(ep.saveSnapshotSeconds, 1)} s (${fmt((100 * ep.saveSnapshotSeconds) / ep.cpuSeconds, 0)}%) in SnapshotManager.saveSnapshot, the whole state written after every step (go tool pprof -top -cum ${ep.file})`,
        );
    }

    const pc = r.provider;
    if (pc) {
        out.push(`\n2. Provider CPU per call (median of ${pc.samples}; emulator in another process; bare SDK: create ${fmt(pc.sdkCreateMs, 2)} ms, describe ${fmt(pc.sdkDescribeMs, 2)} ms)`);
        out.push(
            table(
                ["call", "provider ms", "API calls", "bare SDK ms", "overhead ms", "< 1 ms"],
                pc.calls.map((c) => [c.call, fmt(c.providerMs, 2), fmt(c.apiCalls, 0), fmt(c.sdkMs, 2), fmt(c.overheadMs, 2), c.overheadMs < 1 ? "met" : "MISSED"]),
            ),
        );
    }

    if (r.cases.length) out.push(...calleeScale(r));
    if (r.rollouts.length || r.largeTask) out.push(...stateTable(r));
    if (growths.length) {
        out.push("\n5. Growth");
        out.push(table(["ratio", "measured"], growths.map((g) => [g.name, g.text])));
        if (!growths.some((g) => g.name.startsWith("up N=500"))) out.push("(rollout growth needs N=100 and N=500: the full run)");
    }
    out.push(...scaleOut(r));

    out.push("\nTargets");
    out.push(table(["target", "measured", "bar", ""], targets.map((t) => [t.name, t.value, t.bar, t.met === null ? "n/a" : t.met ? "met" : "MISSED"])));

    out.push("\nCommands");
    out.push(...r.commands.map((c) => `  ${c}`));
    // Each step once: many stacks may share the SDK loop of the rollouts' N.
    const runs = [
        ...new Set([
            ...r.rollouts.flatMap((x) => [...x.steps, ...(x.engineAlone ?? [])]),
            ...r.sdkLoops,
            ...(r.multiStack ? [r.multiStack.up, r.multiStack.sdkLoop] : []),
            ...(r.aiccs ? [r.aiccs.up, r.aiccs.sdkLoop] : []),
        ]),
    ];
    return { text: out.join("\n"), json: { ...summary, targets: Object.fromEntries(targets.map((t) => [t.name, t.met])), quick: r.quick, machine: r.machine, versions: r.versions, runs, cases: r.cases, provider: r.provider } };
}

/** One row per step: times, floor, API calls by action, where the time went, throttling, result. */
function stepTable(steps: StepResult[], label: (s: StepResult) => string = (s) => s.step): string {
    const rows = steps.map((s) => [
        String(s.n),
        label(s),
        fmt(s.seconds, 1),
        fmt(s.floorSeconds, 1),
        s.ratioToFloor === null ? "—" : `×${fmt(s.ratioToFloor, 2)}`,
        fmt(s.apiCallsPerTask, 2),
        Object.entries(s.callsByAction).map(([a, c]) => `${short(a)} ${c}`).join(", ") || "none",
        `${fmt(s.phases.beforeFirstCall, 1)} / ${fmt(s.phases.calls, 1)} / ${fmt(s.phases.afterLastCall, 1)}`,
        `${s.throttledRequests} / ${s.throttleErrors}`,
        outcome(s),
    ]);
    return table(["N", "step", "wall s", "floor s", "ratio", "calls/task", "API calls", "before/during/after calls s", "throttled API/user", "result"], rows);
}

function calleeScale(r: Results): string[] {
    const out = ["\n3. CPU ms against callees (one task; policies also on 500 tasks × 1,000 callees)"];
    const sizes = [...CALLEE_COUNTS.map((n) => String(n)), "500x1000"];
    const cell = (c: CaseResult | undefined) => (!c ? "" : c.timedOut ? "timeout" : `${fmt(c.ms, c.ms! < 10 ? 2 : 0)}${c.violations ? ` (${c.violations} violations)` : ""}`);
    const scaleRows = [
        ...["check", "diff"].map((k) => [k, ...CALLEE_COUNTS.map((n) => cell(caseMs(r, `${k}:${n}`))), ""]),
        ...policyNames(r).map((p) => [
            p,
            "",
            cell(caseMs(r, `policy:${p}:1x1000`)),
            cell(caseMs(r, `policy:${p}:1x100000`)),
            cell(caseMs(r, `policy:${p}:500x1000`)),
        ]),
        ["all policies", "", fmt(policiesMs(r, "1x1000"), 0), fmt(policiesMs(r, "1x100000"), 0), fmt(policiesMs(r, "500x1000"), 0)],
    ];
    out.push(table(["callees", ...sizes], scaleRows));
    const timeouts = r.cases.filter((c) => c.timedOut).length;
    if (timeouts) out.push(`"timeout": stopped after the per-case limit (—); "—" in a sum: a part did not finish.`);
    return out;
}

function stateTable(r: Results): string[] {
    const out = ["\n4. State (pulumi stack export, compact JSON per CalloutTask)"];
    const stateRows = r.rollouts.filter((ro) => ro.state).map((ro) => [`N=${ro.n}, 1 callee each`, fmt(ro.state!.bytesPerTask / KB, 1), fmt(ro.state!.providerBytesPerTask / KB, 1), fmt(ro.state!.exportBytes / KB, 0)]);
    if (r.largeTask) stateRows.push([`1 task, ${r.largeTask.callees} callees`, fmt(r.largeTask.bytesPerTask / KB, 1), fmt(r.largeTask.providerBytesPerTask / KB, 1), fmt(r.largeTask.exportBytes / KB, 0)]);
    out.push(table(["stack", "KB per task", "of which provider KB", "export KB"], stateRows));
    if (r.largeTask) out.push(`(the ${r.largeTask.callees}-callee task: pulumi up ${r.largeTask.exitCode === 0 ? `took ${fmt(r.largeTask.upSeconds, 1)} s` : `did not finish: stopped or failed after ${fmt(r.largeTask.upSeconds, 0)} s`})`);
    return out;
}

/** Sections 6 to 9: many stacks, the long-lived stack, the DIY backend's knobs, the AICCS rollout. */
function scaleOut(r: Results): string[] {
    const out: string[] = [];
    const ms = r.multiStack;
    if (ms) {
        out.push(`\n6. Many stacks: ${ms.up.n} campaigns over ${ms.stacks} stacks, side by side (one emulator, the account's 20 requests/s per action), and the SDK loop of ${ms.up.n}`);
        out.push(stepTable([ms.up, ms.sdkLoop]));
        out.push(`each stack's up exited ${ms.exitCodes.join(", ")}; up takes ×${fmt(ratio(ms.up, ms.sdkLoop), 2)} the SDK loop`);
    }
    const ll = r.longLived;
    if (ll) {
        const c = ll.oneChange;
        out.push(`\n7. A long-lived stack: ${ll.tasks} tasks, ${ll.tasks - ll.liveTasks} finished (stopped in the console: Terminated), ${ll.liveTasks} live; then one campaign added (rounds: ${ll.rounds.up.length}; the median round below)`);
        const labels = new Map<StepResult, string>([
            [ll.setup[0], "up (all tasks)"],
            [ll.setup[1], "refresh (learns which finished)"],
            [ll.refresh, "refresh (held to the live tasks)"],
            [c.preview, "one change: preview"],
            [c.up, "one change: up"],
            [ll.setup[2], "engine alone: up (all)"],
            [c.engineAlonePreview, "engine alone: one change: preview"],
            [c.engineAloneUp, "engine alone: one change: up"],
        ]);
        out.push(stepTable([...labels.keys()], (s) => labels.get(s)!));
        out.push(`one change against the engine alone: preview ×${fmt(ratio(c.preview, c.engineAlonePreview), 2)}, up ×${fmt(ratio(c.up, c.engineAloneUp), 2)}`);
        const rounds = (xs: number[]) => xs.map((x) => fmt(x, 1)).join(", ");
        out.push(`each round, s: preview ${rounds(ll.rounds.preview)} (engine alone ${rounds(ll.rounds.engineAlonePreview)}); up ${rounds(ll.rounds.up)} (engine alone ${rounds(ll.rounds.engineAloneUp)})`);
    }
    if (r.diyKnobs?.length) {
        out.push(`\n8. The DIY backend's crash-safe knobs: up of ${r.diyKnobs[0].up.n} tasks on one stack, each on a fresh stack`);
        out.push(table(["knob", "up s", "ratio to default", "result"], r.diyKnobs.map((k) => [k.knob, fmt(k.up.seconds, 1), k.ratioToDefault === null ? "—" : `×${fmt(k.ratioToDefault, 2)}`, outcome(k.up)])));
    }
    const ai = r.aiccs;
    if (ai) {
        out.push(`\n9. AICCS rollout: ${ai.up.n} AiCallTasks of one callee (emulator and provider at 20 requests/s per action), and the SDK loop (Create, Import, Start per task)`);
        out.push(stepTable([ai.up, ai.sdkLoop]));
        out.push(`AICCS: pulumi up takes ×${fmt(ratio(ai.up, ai.sdkLoop), 2)} the SDK loop`);
    }
    return out;
}
