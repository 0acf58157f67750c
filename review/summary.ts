// The review of a preview: what each campaign will do, who it calls, when, what restarts, and the
// policy verdicts. Pure: parsed inputs in, a summary out (no files, no clock). Every number is masked.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DateTime } from "luxon";
import { isDeepStrictEqual } from "util";
import type { TaskKind } from "../campaign/adapter";
import { canonicalNumber, zonedGroups } from "../campaign/callees";
import { maskNumber } from "../campaign/numbers";
import { hhmm, occurrences } from "../campaign/windows";
import { HIDDEN, type ParsedPreview, type PreviewStep, ReviewInputError, type StateResource } from "./input";
import { type Picture, pictureOf, type WindowRules, windowRules } from "./picture";

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

/** A campaign's schedule in the review's JSON (`notBefore`/`notAfter` are that output's keys, whatever the kind). */
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
    taskId?: number | string;
    stateName: string;
    total: number;
    dialed: number;
    reached: number;
    notAnswered: number;
    pending: number;
    /** "everyone", or the kind's value that leaves out the callees already handled ("unreached", "uncalled"). */
    redial: string;
    /** The old task may still dial, so replacing it needs an explicit acknowledgement. */
    live: boolean;
    acknowledged: boolean;
}

/** The kind of a reviewed campaign: a symbol key, so that it stays out of the review's JSON. */
export const KIND: unique symbol = Symbol("kind");

export interface CampaignReview {
    [KIND]: TaskKind;
    name: string;
    action: Action;
    taskId?: number | string;
    taskState?: string;
    changes: FieldChange[];
    replaceReasons: string[];
    callees: CalleeSummary;
    schedule?: Schedule;
    /** The windows in the callees' zones against the allowed hours; `pictureBefore` when a change redraws them. */
    picture?: Picture;
    pictureBefore?: Picture;
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
    /** Call tasks of `pulumi stack export` (`--show-secrets` gives callee numbers). */
    state?: StateResource[];
    /** Declared inputs per campaign (file name → inputs), from the campaign files the preview ran on. */
    campaigns?: Record<string, Record<string, unknown>>;
    ackRestart?: boolean;
    /** The policy pack's window rules (its config's), which the picture marks refusals by; default: the pack's defaults. */
    rules?: WindowRules;
}

const ACTIONS: Action[] = ["create", "replace", "pause", "resume", "update", "stop", "unchanged"];
const LEVELS = ["mandatory", "remediate", "advisory", "disabled"];
const numbers = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined);
const sortedMasks = (ns: string[], limit = 3) => [...ns].sort().slice(0, limit).map(maskNumber);

function actionOf(kind: TaskKind, step: PreviewStep | undefined): Action {
    switch (step?.op) {
        case "create":
            return "create";
        case "replace":
            return "replace";
        case "delete":
            return "stop";
        case "update": {
            const was = kind.lifecycle.paused(step.old?.inputs ?? {});
            const will = kind.lifecycle.paused(step.new?.inputs ?? {});
            return was === will ? "update" : will ? "pause" : "resume";
        }
        default:
            return "unchanged";
    }
}

function iso(seconds: number, zone: string): string {
    return DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true }) ?? String(seconds);
}

/** A field's value as the review may show it: times in the task's zone, numbers masked, the kind's own fields as it says. */
function display(kind: TaskKind, field: string, value: unknown, zone: string): string {
    if (value === undefined) return "(unset)";
    if (value === HIDDEN) return "(secret)";
    const { fields } = kind;
    if (field === fields.start || field === fields.end) return typeof value === "number" ? iso(value, zone) : String(value);
    if (field === fields.callers) return (numbers(value) ?? []).map(maskNumber).join(", ");
    if (field === fields.callees) return `${(numbers(value) ?? []).length} numbers`;
    return kind.display(field, value) ?? (typeof value === "string" ? value : JSON.stringify(value));
}

/** Equal as JSON values (key order and undefined members aside). */
const same = (a: unknown, b: unknown) => isDeepStrictEqual(json(a), json(b));
const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Pictures that draw the same (callee counts aside): one chart says it. */
const samePicture = (a: Picture, b: Picture | undefined) => same(drawn(a), b && drawn(b));
const drawn = (p: Picture) => p.groups.map(({ zones, allowed, days }) => ({ zones, allowed, days }));

/** Equal, or both the input's default (an unset input and its default are no change). */
const sameInput = (kind: TaskKind, field: string, a: unknown, b: unknown) => {
    const defaults = kind.lifecycle.defaults;
    return same(a, b) || (field in defaults && (a ?? defaults[field]) === (b ?? defaults[field]));
};

function fieldOrder(kind: TaskKind, keys: Iterable<string>): string[] {
    const known = kind.lifecycle.inputOrder;
    return [...new Set(keys)].sort((a, b) => {
        const ia = known.indexOf(a);
        const ib = known.indexOf(b);
        return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib) || (a < b ? -1 : 1);
    });
}

function changesOf(kind: TaskKind, before: Record<string, unknown>, after: Record<string, unknown>, replaceReasons: string[], zone: string): FieldChange[] {
    const out: FieldChange[] = [];
    for (const field of fieldOrder(kind, [...Object.keys(before), ...Object.keys(after)])) {
        const b = before[field];
        const a = after[field];
        // A secret not given to the review differs only if the engine says so.
        const unknown = b === HIDDEN || a === HIDDEN;
        if (unknown ? !replaceReasons.includes(field) : sameInput(kind, field, b, a)) continue;
        out.push({ field, before: display(kind, field, b, zone), after: display(kind, field, a, zone) });
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

function scheduleOf(kind: TaskKind, inputs: Record<string, unknown>, callees: string[] | undefined): Schedule | undefined {
    const reading = kind.read(inputs);
    const { start, end, timeZone: zone, timeZoneSource, windows } = reading.campaign.schedule;
    if (start === undefined || zone === undefined || !windows || reading.failed.has("end") || reading.unknown.has("end")) return undefined;
    const first = occurrences({ start, end, timeZone: zone, windows });
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
        return where ? [`${hhmm(w.start)}–${hhmm(w.end)} ${w.label} is ${where} (from ${o.start.toFormat("ccc yyyy-MM-dd")})`] : [];
    });
    return {
        timeZone: zone + (timeZoneSource === "task" ? "" : ` (${kind.lifecycle.zoneNote})`),
        notBefore: iso(start, zone),
        notAfter: end === undefined ? undefined : iso(end, zone),
        windows: windows.map((w) => `${hhmm(w.start)}–${hhmm(w.end)} ${w.label}`),
        calleeLocal,
    };
}

function restartOf(kind: TaskKind, step: PreviewStep, stateOutputs: Record<string, unknown> | undefined, ack: boolean): Restart | undefined {
    const { lifecycle } = kind;
    const outputs = { ...stateOutputs, ...step.old?.outputs };
    const stateName = lifecycle.stateName(outputs);
    const p = lifecycle.progress(outputs);
    if (!stateName || !p) return undefined;
    const live = lifecycle.states.restarting.includes(stateName);
    if (!live && p.dialed === 0) return undefined;
    return {
        taskId: lifecycle.taskId(outputs),
        stateName,
        total: p.total,
        dialed: p.dialed,
        reached: p.reached,
        notAnswered: p.notAnswered,
        pending: p.pending,
        redial: lifecycle.redialsEveryone(step.new?.inputs ?? {}) ? "everyone" : lifecycle.restart.spare,
        live,
        acknowledged: live && ack,
    };
}

/** The declared inputs of a campaign file must be the preview's, or its callee numbers would be the wrong ones. */
function checkCampaignFile(kind: TaskKind, name: string, declared: Record<string, unknown>, planned: Record<string, unknown>): void {
    const differing = fieldOrder(kind, [...Object.keys(declared), ...Object.keys(planned)]).filter(
        (k) => !kind.lifecycle.secret.includes(k) && planned[k] !== HIDDEN && !sameInput(kind, k, declared[k], planned[k]),
    );
    if (differing.length) {
        throw new ReviewInputError(`campaigns: ${name}: the campaign file does not match the preview (${differing.join(", ")} differ); pass the campaign folder the preview ran on`);
    }
}

function reviewCampaign(kind: TaskKind, name: string, step: PreviewStep | undefined, recorded: StateResource | undefined, input: ReviewInput): CampaignReview {
    const { lifecycle } = kind;
    const action = actionOf(kind, step);
    const reasons = step?.replaceReasons ?? [];
    const declared = input.campaigns?.[name];
    const plannedInputs = step?.new?.inputs ?? (action === "unchanged" ? recorded?.inputs : undefined);
    if (declared && plannedInputs && action !== "stop") checkCampaignFile(kind, name, declared, plannedInputs);
    // Secret fields come from the state export (before) and the campaign files (after), never from the preview.
    const before: Record<string, unknown> = { ...(step ? step.old?.inputs : recorded?.inputs) };
    for (const k of lifecycle.secret) if (before[k] === HIDDEN && recorded && recorded.inputs[k] !== HIDDEN) before[k] = recorded.inputs[k];
    const after: Record<string, unknown> = { ...plannedInputs };
    for (const k of lifecycle.secret) {
        if (after[k] !== HIDDEN) continue;
        if (declared && k in declared) after[k] = declared[k];
        else if (!reasons.includes(k) && before[k] !== undefined) after[k] = before[k];
    }
    const [was, will] = [kind.read(before).campaign, kind.read(after).campaign];
    const oldCallees = was.callees;
    const newCallees = will.callees;
    const declaredZone = (c: typeof was) => (c.schedule.timeZoneSource === "task" ? c.schedule.timeZone : undefined);
    const zone = declaredZone(will) ?? declaredZone(was) ?? kind.assumedTimeZone;
    const changes = step && step.old && step.new ? changesOf(kind, before, after, reasons, zone) : [];
    const callees = calleeSummary(oldCallees, action === "unchanged" ? oldCallees : newCallees, action);
    const outputs = { ...recorded?.outputs, ...step?.old?.outputs };
    const schedule = scheduleOf(kind, action === "stop" ? before : after, action === "stop" ? oldCallees : newCallees);
    const rules = input.rules ?? windowRules();
    const draw = (c: typeof was) => (schedule && c.callees?.length ? pictureOf(c.schedule, c.callees, rules) : undefined);
    const picture = draw(action === "stop" ? was : will);
    const earlier = changes.length ? draw(was) : undefined;
    return {
        [KIND]: kind,
        name,
        action,
        taskId: lifecycle.taskId(outputs),
        taskState: lifecycle.stateName(outputs),
        changes,
        replaceReasons: reasons,
        callees,
        schedule,
        picture,
        pictureBefore: earlier && !samePicture(earlier, picture) ? earlier : undefined,
        restart: action === "replace" && step ? restartOf(kind, step, recorded?.outputs, input.ackRestart ?? false) : undefined,
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
    const campaigns = names.map((n) => {
        const [step, record] = [steps.get(n), recorded.get(n)];
        return reviewCampaign((step ?? record)!.kind, n, step, record, input);
    });
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
export function mayDial(kind: TaskKind, stateName: string | undefined): boolean {
    const { all, finished } = kind.lifecycle.states;
    return stateName !== undefined && all.includes(stateName) && !finished.includes(stateName);
}

/** 1 when something blocks the deploy, else 0. */
export const exitCodeOf = (s: Summary) => (s.blocking.length ? 1 : 0);
