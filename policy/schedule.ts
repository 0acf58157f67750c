// A task's call windows as concrete intervals in time, and where its callees can be: the time
// arithmetic every window policy shares (luxon for zones and DST, libphonenumber-js for countries,
// countries-and-timezones for each country's IANA zones).
import { getCountry } from "countries-and-timezones";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { DateTime } from "luxon";
import { type CalloutTaskInputs, DAYS_OF_WEEK, maskNumber } from "../provider/callout-task/schema";

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
export function declaredWindows(task: CalloutTaskInputs, businessDayWeekends = true): DeclaredWindow[] {
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
    return { hour, minute, second };
};

/** Every concrete opening of the task's windows between notBefore and notAfter (or the horizon). */
export function occurrences(task: CalloutTaskInputs, zone: string, opts: { horizonDays?: number; businessDayWeekends?: boolean } = {}): Occurrence[] {
    const windows = declaredWindows(task, opts.businessDayWeekends);
    const from = DateTime.fromSeconds(task.notBefore, { zone });
    const until = DateTime.fromSeconds(task.notAfter ?? task.notBefore + (opts.horizonDays ?? HORIZON_DAYS) * 86400, { zone });
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

export interface Callee {
    number: string;
    country?: string;
    zones: string[];
}

/**
 * One number's one form, for comparing lists written differently: spaces and dashes dropped, `00` read
 * as `+`, and E.164 as libphonenumber-js gives it (`+8602…` with a trunk 0 and `+862…` are one number).
 */
export function canonicalNumber(raw: string): string {
    const compact = raw.trim().replace(/[\s\-().]/g, "").replace(/^00/, "+");
    return parsePhoneNumberFromString(compact)?.number ?? compact;
}

/**
 * Where a callee's number can ring: every IANA zone of its country, unless the config narrows a
 * country to some of them (China keeps Beijing time by law, but the zone database also lists Urumqi).
 */
export function calleeOf(number: string, zoneOverrides: Record<string, { zones?: string[] }> = {}): Callee {
    const parsed = parsePhoneNumberFromString(number);
    const country = parsed?.country;
    const zones = country ? (zoneOverrides[country]?.zones ?? getCountry(country)?.timezones ?? []) : [];
    return { number, country, zones };
}

/** Groups callees by zone: zone → numbers. */
export function calleesByZone(callees: string[]): Map<string, string[]> {
    const byZone = new Map<string, string[]>();
    for (const n of callees) for (const z of calleeOf(n).zones) byZone.set(z, [...(byZone.get(z) ?? []), n]);
    return byZone;
}

/** "3 callees (+1 …)" or "1 callee (+86*********78)": counts and masked samples, never a list. */
export function describeCallees(numbers: string[]): string {
    const sample = numbers.slice(0, 2).map(maskNumber).join(", ");
    return `${numbers.length} callee${numbers.length === 1 ? "" : "s"} (${sample}${numbers.length > 2 ? ", …" : ""})`;
}

export const hhmm = (d: DateTime) => d.toFormat("HH:mm");
export const short = (t: string) => t.slice(0, 5);

export interface HourRange {
    start: string;
    end: string;
}

/** Whether [start, end) in a zone lies inside one allowed range on a single local day. */
export function withinHours(start: DateTime, end: DateTime, zone: string, allowed: HourRange[]): boolean {
    const s = start.setZone(zone);
    const e = end.setZone(zone);
    if (!s.hasSame(e.minus({ milliseconds: 1 }), "day")) return false;
    const from = s.toFormat("HH:mm:ss");
    const to = e.toFormat("HH:mm:ss") === "00:00:00" ? "24:00:00" : e.toFormat("HH:mm:ss");
    return allowed.some((r) => normal(r.start) <= from && to <= normal(r.end));
}

const normal = (t: string) => (t.length === 5 ? `${t}:00` : t);

/**
 * Problems of declared windows in callee zones, gathered so that each declared window yields one
 * message per country and rule, with the zones grouped by what the window is there.
 */
export class WindowProblems {
    private readonly groups = new Map<string, { window: DeclaredWindow; rule: string; numbers: Set<string>; where: Map<string, Map<string, DateTime>> }>();

    add(window: DeclaredWindow, country: string, rule: string, zone: string, localText: string, at: DateTime, number: string): void {
        const key = `${window.label}|${window.start}|${window.end}|${country}|${rule}`;
        const g = this.groups.get(key) ?? { window, rule, numbers: new Set<string>(), where: new Map() };
        g.numbers.add(number);
        const zones = g.where.get(localText) ?? new Map<string, DateTime>();
        const first = zones.get(zone);
        if (!first || at < first) zones.set(zone, at);
        g.where.set(localText, zones);
        this.groups.set(key, g);
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
            const where = [...phrases].map(([phrase, zones]) => phrase.replace("%ZONES%", zones.join(", "))).join("; ");
            return `window ${short(g.window.start)}–${short(g.window.end)} ${taskZone} (${g.window.label}) is ${where} for ${describeCallees([...g.numbers])}: ${g.rule}`;
        });
    }
}
