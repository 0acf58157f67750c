// A task's call windows as concrete intervals in time, and those intervals seen from a callee's zone:
// the time arithmetic every window policy shares (luxon for zones and DST). Local times depend only
// on the zone, so each zone is converted once per task, whatever the number of callees in it.
import { DateTime } from "luxon";
import { DAYS_OF_WEEK } from "../provider/callout-task/schema";
import { describeCallees, type ZonedGroup, zoneList } from "./callees";
import { Memo } from "./memo";
import type { TaskInputs } from "./task";

export type Weekday = (typeof DAYS_OF_WEEK)[number];
export const ALL_DAYS: readonly Weekday[] = DAYS_OF_WEEK;

/** CCC's default when a task declares no time zone is not documented; the service is in China. */
export const ASSUMED_TIME_ZONE = "Asia/Shanghai";
/** How far ahead a task without notAfter is examined. */
export const HORIZON_DAYS = 14;

export interface DeclaredWindow {
    start: string;
    end: string;
    /** The days of week it may run on, in the task's zone. */
    days: readonly Weekday[];
    /** How the task declared it, for messages. */
    label: string;
}

/** The windows a task declares (availableTime wins over availableWorkTimeConfig, as in CCC). */
export function declaredWindows(task: TaskInputs, businessDayWeekends = true): DeclaredWindow[] {
    if (task.availableTime?.length) return task.availableTime.map((r) => ({ ...r, days: ALL_DAYS, label: "every day" }));
    return (task.availableWorkTimeConfig ?? []).flatMap((w) => {
        // BusinessDay follows CCC's statutory calendar, which moves some workdays onto weekends;
        // Holiday covers weekends and public holidays, which can fall on any day.
        const days: readonly Weekday[] =
            w.dayType === "Custom" ? (w.daysOfWeek ?? [])
            : w.dayType === "BusinessDay" ? (businessDayWeekends ? ALL_DAYS : ALL_DAYS.slice(0, 5))
            : ALL_DAYS;
        const label = w.dayType === "Custom" ? (w.daysOfWeek ?? []).map((d) => d.slice(0, 3)).join(",") : w.dayType;
        return w.timeRanges.map((r) => ({ ...r, days, label }));
    });
}

export interface Occurrence {
    window: DeclaredWindow;
    start: DateTime;
    end: DateTime;
    /** The local start or end does not exist on that day (spring-forward gap). */
    inDstGap: boolean;
}

const hms = (t: string) => {
    const [hour, minute, second] = t.split(":").map(Number);
    return { hour, minute, second: second ?? 0 };
};

/** The campaign's span: notBefore to notAfter, or to the horizon when it has no end. */
export function campaignSpan(task: TaskInputs & { notBefore: number }, zone: string, horizonDays = HORIZON_DAYS): { from: DateTime; until: DateTime } {
    return { from: DateTime.fromSeconds(task.notBefore, { zone }), until: DateTime.fromSeconds(task.notAfter ?? task.notBefore + horizonDays * 86400, { zone }) };
}

/** Every concrete opening of the task's windows between notBefore and notAfter (or the horizon). */
export function occurrences(task: TaskInputs & { notBefore: number }, zone: string, opts: { horizonDays?: number; businessDayWeekends?: boolean } = {}): Occurrence[] {
    const windows = declaredWindows(task, opts.businessDayWeekends);
    const { from, until } = campaignSpan(task, zone, opts.horizonDays);
    const out: Occurrence[] = [];
    for (let day = from.startOf("day"); day < until; day = day.plus({ days: 1 })) {
        const weekday = DAYS_OF_WEEK[day.weekday - 1];
        for (const w of windows) {
            if (!w.days.includes(weekday)) continue;
            const s = day.set(hms(w.start));
            const e = day.set(hms(w.end));
            const inDstGap = s.toFormat("HH:mm:ss") !== w.start || e.toFormat("HH:mm:ss") !== w.end;
            // A window the campaign's start or end cuts through is checked whole: it may dial in any part of it.
            if ((e > from && s < until) || (inDstGap && day >= from.startOf("day"))) out.push({ window: w, start: s, end: e, inDstGap });
        }
    }
    return out;
}

/** One occurrence seen from a zone. */
export interface LocalOccurrence {
    occurrence: Occurrence;
    start: DateTime;
    /** Local "HH:mm:ss" of the start and of the end ("24:00:00" for an end at midnight). */
    from: string;
    to: string;
    /** Whether it runs within one local day. */
    oneDay: boolean;
    /** Local weekday of its first and of its last second. */
    days: [Weekday, Weekday];
}

/** The task's occurrences converted into each zone once, on first use. */
export class LocalTimes {
    private readonly byZone = new Map<string, LocalOccurrence[]>();

    constructor(readonly slots: readonly Occurrence[]) {}

    in(zone: string): LocalOccurrence[] {
        let local = this.byZone.get(zone);
        if (!local) {
            local = this.slots.map((o) => {
                const s = o.start.setZone(zone);
                const e = o.end.setZone(zone);
                const last = e.minus({ seconds: 1 });
                const to = e.toFormat("HH:mm:ss");
                return {
                    occurrence: o,
                    start: s,
                    from: s.toFormat("HH:mm:ss"),
                    to: to === "00:00:00" ? "24:00:00" : to,
                    oneDay: s.hasSame(last, "day"),
                    days: [DAYS_OF_WEEK[s.weekday - 1], DAYS_OF_WEEK[last.weekday - 1]],
                };
            });
            this.byZone.set(zone, local);
        }
        return local;
    }
}

// Shared by every policy and every task with the same schedule (a stack of campaigns often has one).
const schedules = new Memo<LocalTimes>(1024);

/** The task's occurrences in its zone, converted into callee zones on demand, computed once per process per schedule. */
export function localTimes(task: TaskInputs & { notBefore: number }, zone: string, opts: { businessDayWeekends?: boolean } = {}): LocalTimes {
    const key = JSON.stringify([task.notBefore, task.notAfter, task.availableTime, task.availableWorkTimeConfig, zone, opts.businessDayWeekends ?? true]);
    return schedules.get(key, () => new LocalTimes(occurrences(task, zone, opts)));
}

export interface HourRange {
    start: string;
    end: string;
}

const normal = (t: string) => (t.length === 5 ? `${t}:00` : t);

/** Whether a local occurrence lies inside one allowed range on a single local day. */
export function withinHours(l: LocalOccurrence, allowed: readonly HourRange[]): boolean {
    return l.oneDay && allowed.some((r) => normal(r.start) <= l.from && l.to <= normal(r.end));
}

/** A time of day as written, exactly: "09:30", "23:59:59" (seconds only when there are some). */
export const clock = (t: string) => (t.length === 8 && t.endsWith(":00") ? t.slice(0, 5) : t);

/** A window as "09:30–12:00". */
export const span = (start: string, end: string) => `${clock(start)}–${clock(end)}`;

/**
 * Problems of declared windows in callee zones, gathered so that each declared window yields one
 * message per group of callees and rule: the callees and their zones first, then what the window is
 * in each zone where it breaks the rule.
 */
export class WindowProblems {
    private readonly groups = new Map<string, { window: DeclaredWindow; rule: string; callees: ZonedGroup; where: Map<string, Map<string, DateTime>> }>();

    /** `preposition` joins what the window is to a zone ("on Sunday" + "in " + zone). */
    constructor(private readonly preposition = "") {}

    add(window: DeclaredWindow, rule: string, callees: ZonedGroup, zone: string, localText: string, at: DateTime): void {
        const key = `${window.label}|${window.start}|${window.end}|${rule}|${callees.key}`;
        let g = this.groups.get(key);
        if (!g) this.groups.set(key, (g = { window, rule, callees, where: new Map() }));
        let zones = g.where.get(localText);
        if (!zones) g.where.set(localText, (zones = new Map()));
        const first = zones.get(zone);
        if (!first || at < first) zones.set(zone, at);
    }

    messages(taskZone: string): string[] {
        return [...this.groups.values()].map((g) => {
            // Zones where the window is the same local hours from the same first day read as one phrase.
            const phrases = new Map<string, string[]>();
            for (const [text, zones] of g.where) {
                for (const [zone, first] of zones) {
                    const phrase = `${text} %ZONES% (from ${first.toFormat("ccc yyyy-LL-dd")})`;
                    phrases.set(phrase, [...(phrases.get(phrase) ?? []), zone]);
                }
            }
            const where = [...phrases].map(([phrase, zones]) => phrase.replace("%ZONES%", g.callees.oneZone ? "there" : `${this.preposition}${zoneList(zones)}`)).join("; ");
            return `${describeCallees(g.callees.numbers)} ${g.callees.where}: window ${span(g.window.start, g.window.end)} ${taskZone} (${g.window.label}) is ${where}: ${g.rule}`;
        });
    }
}
