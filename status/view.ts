// Where each campaign of a stack stands, from its recorded outputs (a `pulumi stack export`): state,
// progress, the next window opening in the task's zone and the callees' zones, and what blocks it.
// Pure: resources and a clock in, rows out; every kind through its adapter (provider/kinds.ts). No
// callee number is ever in a row: callees are counted and placed in zones only.
import { DateTime } from "luxon";
import { zonedGroups } from "../campaign/callees";
import { campaignSpan, occurrences, type Occurrence } from "../campaign/windows";
import { HIDDEN, type StateResource } from "../review/input";

/** What stops a campaign from dialing, if anything. */
export const BLOCKS = ["paused", "ended", "no window left"] as const;
export type Block = (typeof BLOCKS)[number];

export interface Progress {
    total: number;
    dialed: number;
    /** The outcomes of the dialed: absent when the kind's vendor reports none (it counts the dialed only). */
    answered?: number;
    /** Dialed, done, not answered. */
    failed?: number;
    /** Being called or awaiting a retry. */
    pending?: number;
    notDialed: number;
}

/** A window opening in one zone: its local day and hours. */
export interface LocalWindow {
    zones: string[];
    /** "Mon 2027-03-01 09:00–12:00" */
    text: string;
}

export interface NextWindow {
    /** ISO times in the task's zone. */
    opens: string;
    closes: string;
    /** Already open at the status's time. */
    openNow: boolean;
    task: LocalWindow;
    /** The same window in the zones the callees can be in; undefined when the numbers are secret in the export. */
    callees?: LocalWindow[];
}

export interface CampaignStatus {
    name: string;
    kind: string;
    taskId?: number | string;
    state?: string;
    progress?: Progress;
    next?: NextWindow;
    blocked?: Block;
    /** Why, in a few words ("paused since its inputs ask so", "ended 2027-03-04T20:00+08:00"). */
    reason?: string;
}

const localText = (o: Occurrence, zone: string) => {
    const s = o.start.setZone(zone);
    const e = o.end.setZone(zone);
    return `${s.toFormat("ccc yyyy-MM-dd HH:mm")}–${e.hasSame(s, "day") ? e.toFormat("HH:mm") : e.toFormat("ccc HH:mm")}`;
};
const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true, suppressSeconds: true }) ?? "";

function nextWindow(r: StateResource, now: number): { next?: NextWindow; ended?: string } {
    const { campaign } = r.kind.read(r.outputs);
    const { start, end, timeZone, windows } = campaign.schedule;
    if (start === undefined || timeZone === undefined || !windows) return {};
    if (end !== undefined && end <= now) return { ended: iso(DateTime.fromSeconds(end, { zone: timeZone })) };
    const from = Math.max(start, now);
    const o = occurrences({ start: from, end, timeZone, windows }).find((x) => x.end.toSeconds() > now);
    if (!o) return {};
    const opens = DateTime.max(o.start, campaignSpan({ start, end, timeZone, windows }).from);
    // The numbers as the campaign model reads them (a kind may declare callees as objects), unless the export hides them.
    const hidden = r.outputs[r.kind.fields.callees] === HIDDEN;
    const callees = hidden ? undefined : campaign.callees;
    const byText = new Map<string, string[]>();
    if (callees) {
        for (const zone of [...new Set(zonedGroups(callees).flatMap((g) => g.zones))].sort()) {
            const text = localText(o, zone);
            byText.set(text, [...(byText.get(text) ?? []), zone]);
        }
    }
    return {
        next: {
            opens: iso(opens),
            closes: iso(o.end),
            openNow: opens.toSeconds() <= now,
            task: { zones: [timeZone], text: localText(o, timeZone) },
            callees: hidden ? undefined : [...byText].map(([text, zones]) => ({ zones, text })),
        },
    };
}

/** The status of one recorded task at `now` (Unix seconds). */
export function statusOf(r: StateResource, now: number): CampaignStatus {
    const { lifecycle } = r.kind;
    const state = lifecycle.stateName(r.outputs);
    const p = lifecycle.progress(r.outputs);
    const outcomes = p && p.outcomes !== false && { answered: p.reached, failed: p.notAnswered, pending: p.pending };
    const progress = p && { total: p.total, dialed: p.dialed, ...outcomes, notDialed: p.total - p.dialed };
    const { next, ended } = nextWindow(r, now);
    const status: CampaignStatus = { name: r.name, kind: r.kind.name, taskId: lifecycle.taskId(r.outputs), state, progress, next };
    if (state !== undefined && lifecycle.states.finished.includes(state)) return { ...status, next: undefined, blocked: "ended", reason: `the task is ${state}` };
    if (ended) return { ...status, blocked: "ended", reason: `its end passed (${ended})` };
    if (lifecycle.paused(r.outputs)) return { ...status, blocked: "paused", reason: "its inputs pause it" };
    if (!next) return { ...status, blocked: "no window left", reason: "no call window opens before its end" };
    return status;
}

/** Every recorded task's status, by name. */
export const statusesOf = (resources: readonly StateResource[], now: number): CampaignStatus[] => resources.map((r) => statusOf(r, now));
