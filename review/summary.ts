// The review of a preview: what each campaign will do, who it calls, when, what restarts, and the
// policy verdicts. Pure: parsed inputs in, a summary out (no files, no clock). Every number is masked.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DateTime } from "luxon";
import { isDeepStrictEqual } from "util";
import { z } from "zod";
import { canonicalNumber, zonedGroups } from "../policy/callees";
import { ASSUMED_TIME_ZONE, declaredWindows, occurrences } from "../policy/schedule";
import { type CalloutTaskInputs, FIELD_NAMES, FINISHED_STATES, maskNumber, schemas, SECRET_FIELDS, TASK_STATES } from "../provider/callout-task/schema";
import { HIDDEN, type ParsedPreview, type PreviewStep, ReviewInputError, type StateResource } from "./input";

export type Action = "create" | "replace" | "pause" | "resume" | "update" | "stop" | "unchanged";

export interface FieldChange {
    field: string;
    /** Display text, never a full number or a secret value. */
    before?: string;
    after?: string;
}

export interface CalleeSummary {
    /** Undefined when the numbers are not available (a secret this review was not given). */
    count?: number;
    countries: Record<string, number>;
    added?: number;
    removed?: number;
    addedSamples: string[];
    removedSamples: string[];
}

export interface Schedule {
    timeZone: string;
    notBefore: string;
    notAfter?: string;
    /** Windows in the task's zone, e.g. "09:00–12:00 every day". */
    windows: string[];
    /** The same windows in each zone a callee can be in, on the campaign's first day. */
    calleeLocal: string[];
}

export interface Restart {
    taskId?: number;
    stateName: string;
    total: number;
    dialed: number;
    reached: number;
    notAnswered: number;
    pending: number;
    redial: "unreached" | "everyone";
    /** The old task may still dial, so replacing it needs an explicit acknowledgement. */
    live: boolean;
    acknowledged: boolean;
}

export interface CampaignReview {
    name: string;
    action: Action;
    taskId?: number;
    taskState?: string;
    changes: FieldChange[];
    replaceReasons: string[];
    callees: CalleeSummary;
    schedule?: Schedule;
    restart?: Restart;
}

export interface PolicyVerdict {
    level: string;
    policy: string;
    violations: { resource?: string; message: string }[];
}

export interface Summary {
    stack: string;
    campaigns: CampaignReview[];
    /** Undefined when the preview JSON carries no policy events (the digest form). */
    policy?: { verdicts: PolicyVerdict[]; passed: string[] };
    previewErrors: string[];
    /** Why deploying this needs a fix or an acknowledgement first; empty when it may go ahead. */
    blocking: string[];
    notes: string[];
    totals: {
        actions: Record<Action, number>;
        calleesInNewTasks?: number;
        added?: number;
        removed?: number;
        violations: Record<string, number>;
        restarts: number;
    };
}

export interface ReviewInput {
    preview: ParsedPreview;
    /** CalloutTasks of `pulumi stack export` (`--show-secrets` gives callee numbers). */
    state?: StateResource[];
    /** Declared inputs per campaign (file name → inputs), from the campaign files the preview ran on. */
    campaigns?: Record<string, Record<string, unknown>>;
    ackRestart?: boolean;
}

const ACTIONS: Action[] = ["create", "replace", "pause", "resume", "update", "stop", "unchanged"];
const LEVELS = ["mandatory", "remediate", "advisory", "disabled"];
/** Started and able to dial again: replacing it restarts the campaign. */
const RESTARTING_STATES = ["running", "paused"];
const SCHEDULE_FIELDS = ["notBefore", "notAfter", "timeZone", "availableTime", "availableWorkTimeConfig"] as const;

const scheduleSchema = () => {
    const f = schemas().fields;
    return z.object({ notBefore: f.notBefore, notAfter: f.notAfter, timeZone: f.timeZone, availableTime: f.availableTime, availableWorkTimeConfig: f.availableWorkTimeConfig });
};

const numbers = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
const sortedMasks = (ns: string[], limit = 3) => [...ns].sort().slice(0, limit).map(maskNumber);

function actionOf(step: PreviewStep | undefined): Action {
    switch (step?.op) {
        case "create":
            return "create";
        case "replace":
            return "replace";
        case "delete":
            return "stop";
        case "update": {
            const was = step.old?.inputs.paused === true;
            const will = step.new?.inputs.paused === true;
            return was === will ? "update" : will ? "pause" : "resume";
        }
        default:
            return "unchanged";
    }
}

function iso(seconds: number, zone: string): string {
    return DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true }) ?? String(seconds);
}

const short = (t: string) => t.slice(0, 5);
type Range = { start: string; end: string };
const ranges = (rs: Range[]) => rs.map((r) => `${short(r.start)}–${short(r.end)}`).join(", ");

/** A field's value as the review may show it: times in the task's zone, numbers masked, free text withheld. */
function display(field: string, value: unknown, zone: string): string {
    if (value === undefined) return "(unset)";
    if (value === HIDDEN) return "(secret)";
    switch (field) {
        case "notBefore":
        case "notAfter":
            return typeof value === "number" ? iso(value, zone) : String(value);
        case "callers":
            return (numbers(value) ?? []).map(maskNumber).join(", ");
        case "callees":
            return `${(numbers(value) ?? []).length} numbers`;
        case "availableTime":
            return ranges(value as Range[]);
        case "availableWorkTimeConfig":
            return (value as { dayType: string; daysOfWeek?: string[]; timeRanges: Range[] }[])
                .map((w) => `${w.daysOfWeek ? w.daysOfWeek.map((d) => d.slice(0, 3)).join(",") : w.dayType} ${ranges(w.timeRanges)}`)
                .join("; ");
        case "variables":
        case "uui":
        case "calleeAttributes":
        case "triggerStrategy":
            // Free text and per-callee data may be personal: say that it changed, not what it holds.
            return "(not shown)";
        default:
            return typeof value === "string" ? value : JSON.stringify(value);
    }
}

/** Equal as JSON values (key order and undefined members aside). */
const same = (a: unknown, b: unknown) => isDeepStrictEqual(json(a), json(b));
const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

function fieldOrder(keys: Iterable<string>): string[] {
    const known: readonly string[] = FIELD_NAMES;
    return [...new Set(keys)].sort((a, b) => {
        const ia = known.indexOf(a);
        const ib = known.indexOf(b);
        return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || (a < b ? -1 : 1);
    });
}

function changesOf(before: Record<string, unknown>, after: Record<string, unknown>, replaceReasons: string[], zone: string): FieldChange[] {
    const out: FieldChange[] = [];
    for (const field of fieldOrder([...Object.keys(before), ...Object.keys(after)])) {
        const b = before[field];
        const a = after[field];
        // A secret not given to the review differs only if the engine says so.
        const unknown = b === HIDDEN || a === HIDDEN;
        if (unknown ? !replaceReasons.includes(field) : same(b, a)) continue;
        if (field === "paused" && (b ?? false) === (a ?? false)) continue;
        out.push({ field, before: display(field, b, zone), after: display(field, a, zone) });
    }
    return out;
}

function countriesOf(ns: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const n of ns) {
        const c = parsePhoneNumberFromString(n)?.country ?? "unknown";
        out[c] = (out[c] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function calleeSummary(before: string[] | undefined, after: string[] | undefined, action: Action): CalleeSummary {
    const shown = action === "stop" ? before : after;
    const summary: CalleeSummary = { count: shown?.length, countries: shown ? countriesOf(shown) : {}, addedSamples: [], removedSamples: [] };
    const next = action === "stop" ? [] : after;
    const prev = action === "create" ? [] : before;
    if (next && prev) {
        const p = new Set(prev.map(canonicalNumber));
        const n = new Set(next.map(canonicalNumber));
        const added = next.filter((x) => !p.has(canonicalNumber(x)));
        const removed = prev.filter((x) => !n.has(canonicalNumber(x)));
        Object.assign(summary, { added: added.length, removed: removed.length, addedSamples: sortedMasks(added), removedSamples: sortedMasks(removed) });
    }
    return summary;
}

function scheduleOf(inputs: Record<string, unknown>, callees: string[] | undefined): Schedule | undefined {
    const parsed = scheduleSchema().safeParse(Object.fromEntries(SCHEDULE_FIELDS.map((k) => [k, inputs[k]])));
    if (!parsed.success) return undefined;
    const s = parsed.data;
    const zone = s.timeZone ?? ASSUMED_TIME_ZONE;
    // The window helpers read only the schedule fields of a task.
    const task: CalloutTaskInputs = { sdkAppId: 0, callees: [], callers: [], paused: false, redial: "unreached", ...s };
    const windows = declaredWindows(task);
    const first = occurrences(task, zone);
    const zones = [...new Set(zonedGroups(callees ?? []).flatMap((g) => g.zones))].sort();
    const calleeLocal = windows.flatMap((w) => {
        const o = first.find((x) => x.window.start === w.start && x.window.end === w.end && x.window.label === w.label);
        if (!o) return [];
        const local = new Map<string, string[]>();
        for (const z of zones) {
            const text = `${o.start.setZone(z).toFormat("HH:mm")}–${o.end.setZone(z).toFormat("HH:mm")}`;
            local.set(text, [...(local.get(text) ?? []), z]);
        }
        const where = [...local].map(([text, zs]) => `${text} ${zs.join(", ")}`).join("; ");
        return where ? [`${short(w.start)}–${short(w.end)} ${w.label} is ${where} (from ${o.start.toFormat("ccc yyyy-MM-dd")})`] : [];
    });
    return {
        timeZone: zone + (s.timeZone ? "" : " (not declared; CCC's default assumed)"),
        notBefore: iso(s.notBefore, zone),
        notAfter: s.notAfter === undefined ? undefined : iso(s.notAfter, zone),
        windows: windows.map((w) => `${short(w.start)}–${short(w.end)} ${w.label}`),
        calleeLocal,
    };
}

function restartOf(step: PreviewStep, stateOutputs: Record<string, unknown> | undefined, ack: boolean): Restart | undefined {
    const outputs = { ...stateOutputs, ...step.old?.outputs };
    const stateName = typeof outputs.stateName === "string" ? outputs.stateName : undefined;
    const progress = schemas().progress.safeParse(outputs.progress);
    if (!stateName || !progress.success) return undefined;
    const p = progress.data;
    const dialed = p.total - p.initial;
    if (!RESTARTING_STATES.includes(stateName) && dialed === 0) return undefined;
    const live = RESTARTING_STATES.includes(stateName);
    return {
        taskId: typeof outputs.taskId === "number" ? outputs.taskId : undefined,
        stateName,
        total: p.total,
        dialed,
        reached: p.answered,
        notAnswered: p.notAnswered,
        pending: p.calling + p.awaitingRetry,
        redial: step.new?.inputs.redial === "everyone" ? "everyone" : "unreached",
        live,
        acknowledged: live && ack,
    };
}

/** The declared inputs of a campaign file must be the preview's, or its callee numbers would be the wrong ones. */
function checkCampaignFile(name: string, declared: Record<string, unknown>, planned: Record<string, unknown>): void {
    const differing = fieldOrder([...Object.keys(declared), ...Object.keys(planned)]).filter(
        (k) => !(SECRET_FIELDS as readonly string[]).includes(k) && planned[k] !== HIDDEN && !same(declared[k], planned[k]) && !(k === "paused" && (declared[k] ?? false) === (planned[k] ?? false)),
    );
    if (differing.length) {
        throw new ReviewInputError(`campaigns: ${name}: the campaign file does not match the preview (${differing.join(", ")} differ); pass the campaign folder the preview ran on`);
    }
}

function reviewCampaign(name: string, step: PreviewStep | undefined, recorded: StateResource | undefined, input: ReviewInput): CampaignReview {
    const action = actionOf(step);
    const reasons = step?.replaceReasons ?? [];
    const declared = input.campaigns?.[name];
    const plannedInputs = step?.new?.inputs ?? (action === "unchanged" ? recorded?.inputs : undefined);
    if (declared && plannedInputs && action !== "stop") checkCampaignFile(name, declared, plannedInputs);
    // Secret fields come from the state export (before) and the campaign files (after), never from the preview.
    const before: Record<string, unknown> = { ...(step ? step.old?.inputs : recorded?.inputs) };
    for (const k of SECRET_FIELDS) if (before[k] === HIDDEN && recorded && recorded.inputs[k] !== HIDDEN) before[k] = recorded.inputs[k];
    const after: Record<string, unknown> = { ...plannedInputs };
    for (const k of SECRET_FIELDS) {
        if (after[k] !== HIDDEN) continue;
        if (declared && k in declared) after[k] = declared[k];
        else if (!reasons.includes(k) && before[k] !== undefined) after[k] = before[k];
    }
    const oldCallees = numbers(before.callees);
    const newCallees = numbers(after.callees);
    const zone = (typeof after.timeZone === "string" ? after.timeZone : typeof before.timeZone === "string" ? before.timeZone : undefined) ?? ASSUMED_TIME_ZONE;
    const changes = step && step.old && step.new ? changesOf(before, after, reasons, zone) : [];
    const callees = calleeSummary(oldCallees, action === "unchanged" ? oldCallees : newCallees, action);
    const outputs = { ...recorded?.outputs, ...step?.old?.outputs };
    return {
        name,
        action,
        taskId: typeof outputs.taskId === "number" ? outputs.taskId : undefined,
        taskState: typeof outputs.stateName === "string" ? outputs.stateName : undefined,
        changes,
        replaceReasons: reasons,
        callees,
        schedule: scheduleOf(action === "stop" ? before : after, action === "stop" ? oldCallees : newCallees),
        restart: action === "replace" && step ? restartOf(step, recorded?.outputs, input.ackRestart ?? false) : undefined,
    };
}

const NUMBER_LIKE = /(?:\+|\b00)\d{7,15}\b/g;

function verdictsOf(preview: ParsedPreview): Summary["policy"] {
    if (!preview.policy) return undefined;
    const groups = new Map<string, PolicyVerdict>();
    for (const v of preview.policy.violations) {
        const key = `${v.level}|${v.policy}`;
        const g = groups.get(key) ?? { level: v.level, policy: v.policy, violations: [] };
        // Policy messages mask numbers already; this keeps a full number out even if one did not.
        g.violations.push({ resource: v.resource, message: v.message.replace(NUMBER_LIKE, (n) => maskNumber(n)) });
        groups.set(key, g);
    }
    const rank = (l: string) => (LEVELS.includes(l) ? LEVELS.indexOf(l) : LEVELS.length);
    const verdicts = [...groups.values()].sort((a, b) => rank(a.level) - rank(b.level) || (a.policy < b.policy ? -1 : 1));
    for (const v of verdicts) v.violations.sort((a, b) => ((a.resource ?? "") + a.message < (b.resource ?? "") + b.message ? -1 : 1));
    return { verdicts, passed: preview.policy.passed };
}

export function summarize(input: ReviewInput): Summary {
    const { preview, state } = input;
    const steps = new Map(preview.steps.map((s) => [s.name, s]));
    const recorded = new Map((state ?? []).map((r) => [r.name, r]));
    const names = [...new Set([...steps.keys(), ...recorded.keys()])].sort();
    const campaigns = names.map((n) => reviewCampaign(n, steps.get(n), recorded.get(n), input));
    const policy = verdictsOf(preview);
    const notes: string[] = [];
    if (!state) notes.push("No state export given (`--state`): unchanged campaigns are not listed and the callees of running tasks are not counted.");
    if (!policy) notes.push("This preview JSON carries no policy events (Pulumi's default `--json` drops them): run the preview with `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true` to see the verdicts here.");
    if (campaigns.some((c) => c.action !== "stop" && c.action !== "unchanged" && c.callees.count === undefined)) {
        notes.push("Callee numbers are secret in the preview: give `--campaigns` (the campaign folder) and `--state` (`pulumi stack export --show-secrets`) to count them.");
    }

    const violations: Record<string, number> = {};
    for (const v of policy?.verdicts ?? []) violations[v.level] = (violations[v.level] ?? 0) + v.violations.length;
    const blocking: string[] = [];
    if (violations.mandatory) blocking.push(`${violations.mandatory} mandatory policy violation${violations.mandatory === 1 ? "" : "s"}`);
    for (const c of campaigns) {
        if (c.restart?.live && !c.restart.acknowledged) {
            blocking.push(`replacing ${c.name} restarts a ${c.restart.stateName} campaign (task ${c.restart.taskId ?? "?"}): review it, then acknowledge with --ack-restart`);
        }
    }
    // A mandatory violation fails the preview with the bare "preview failed": already counted above.
    for (const e of preview.errors) if (!(violations.mandatory && e === "preview failed")) blocking.push(e === "preview failed" ? "the preview failed" : `the preview failed: ${e}`);

    const actions = Object.fromEntries(ACTIONS.map((a) => [a, campaigns.filter((c) => c.action === a).length])) as Record<Action, number>;
    const changed = campaigns.filter((c) => c.action !== "unchanged");
    const sum = (xs: (number | undefined)[]) => (xs.some((x) => x === undefined) ? undefined : xs.reduce<number>((s, x) => s + (x ?? 0), 0));
    const starting = campaigns.filter((c) => c.action === "create" || c.action === "replace");
    return {
        stack: preview.stack,
        campaigns,
        policy,
        previewErrors: preview.errors,
        blocking,
        notes,
        totals: {
            actions,
            calleesInNewTasks: sum(starting.map((c) => c.callees.count)),
            added: sum(changed.map((c) => c.callees.added)),
            removed: sum(changed.map((c) => c.callees.removed)),
            violations,
            restarts: campaigns.filter((c) => c.restart?.live).length,
        },
    };
}

/** Whether a task in this state may still place calls (used to describe a stop). */
export function mayDial(stateName: string | undefined): boolean {
    const state = TASK_STATES.findIndex((n) => n === stateName);
    return state >= 0 && !FINISHED_STATES.includes(state);
}

/** 1 when something blocks the deploy, else 0. */
export const exitCodeOf = (s: Summary) => (s.blocking.length ? 1 : 0);
