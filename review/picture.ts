// A campaign's call windows as a reviewer looks at them: per callee zone, the bars of the windows in
// that zone's local time on the first day and on each day that differs (a DST change, a window the
// campaign's start or end cuts), against the allowed hours of the policy pack's config. The windows
// the pack refuses (ccc-allowed-hours, ccc-allowed-days) are marked. Pure data; markdown.ts draws it.
import { DateTime } from "luxon";
import { zonedGroups } from "../campaign/callees";
import type { Schedule } from "../campaign/model";
import { campaignSpan, localTimes, type LocalOccurrence, span } from "../campaign/windows";
import { allowedDays, allowedHours, policyConfig } from "../policy/policies";
import type { AllowedDaysConfig } from "../policy/policies/allowed-days";
import type { AllowedHoursConfig } from "../policy/policies/allowed-hours";
import { withinHours } from "../policy/window-problems";

/** At most this many rows in one campaign's picture (allowed-hours rows included); the rest is counted. */
export const ROW_CAP = 40;

/** The window rules the picture judges by: the pack's config of ccc-allowed-hours and ccc-allowed-days. */
export interface WindowRules {
    hours?: AllowedHoursConfig;
    days?: AllowedDaysConfig;
}

/** The rules of a --policy-pack-config document (policy name → config); a disabled policy refuses nothing. */
export function windowRules(packConfig: Record<string, unknown> = {}): WindowRules {
    const of = <C>(policy: typeof allowedHours) => {
        const config = (packConfig[policy.name] ?? {}) as Record<string, unknown>;
        return config.enforcementLevel === "disabled" ? undefined : (policyConfig(policy, config) as C);
    };
    return { hours: of<AllowedHoursConfig>(allowedHours), days: of<AllowedDaysConfig>(allowedDays) };
}

/** Calls in one local day: "HH:mm" to "HH:mm" ("24:00" at midnight); `refused` gives the pack's rule when it refuses the window. */
export interface Bar {
    from: string;
    to: string;
    refused?: string;
}

export interface PictureDay {
    /** Local date and weekday ("2027-03-14", "Sun") and the zone's UTC offset that day ("UTC-4"). */
    date: string;
    weekday: string;
    offset: string;
    bars: Bar[];
}

/** Zones whose days read the same, under the same rules. */
export interface ZoneRow {
    zones: string[];
    callees: number;
    /** Allowed local hours; empty when ccc-allowed-hours is disabled. */
    allowed: Bar[];
    /** The first day with calls and each later day whose bars differ from the day before it. */
    days: PictureDay[];
    /** Days with calls that look like the day shown before them. */
    sameDays: number;
}

export interface Picture {
    timeZone: string;
    groups: ZoneRow[];
    /** What the row cap left out: zone groups and their callees, and the later days of a first group taller than the cap. */
    omitted?: { groups: number; callees: number; days: number; rowCap: number };
}

const offsetOf = (d: DateTime) => `UTC${d.toFormat("Z")}`;

/** The local pieces of one occurrence, cut by the campaign's start and end, split at local midnight. */
function pieces(l: LocalOccurrence, zone: string, from: DateTime, until: DateTime): { day: DateTime; from: string; to: string }[] {
    const o = l.occurrence;
    let s = DateTime.max(o.start, from).setZone(zone);
    const e = DateTime.min(o.end, until).setZone(zone);
    const out: { day: DateTime; from: string; to: string }[] = [];
    while (s < e) {
        const midnight = s.startOf("day").plus({ days: 1 });
        const end = DateTime.min(e, midnight);
        out.push({ day: s.startOf("day"), from: s.toFormat("HH:mm"), to: end.equals(midnight) ? "24:00" : end.toFormat("HH:mm") });
        s = end;
    }
    return out;
}

/** Why the pack refuses a local occurrence, if it does. */
function refusal(l: LocalOccurrence, country: string | undefined, rules: WindowRules): string | undefined {
    const hours = rules.hours && (rules.hours.countries[country ?? ""]?.allowedHours ?? rules.hours.allowedHours);
    if (hours && !withinHours(l, hours)) return `outside ${hours.map((r) => span(r.start, r.end)).join(", ")}`;
    const days = rules.days && (rules.days.countries[country ?? ""]?.allowedDays ?? rules.days.allowedDays);
    const bad = days && l.days.find((d) => !days.includes(d));
    return bad ? `${bad} not allowed` : undefined;
}

function zoneDays(local: LocalOccurrence[], zone: string, country: string | undefined, rules: WindowRules, from: DateTime, until: DateTime): { days: PictureDay[]; sameDays: number } {
    const byDay = new Map<string, PictureDay>();
    for (const l of local) {
        const refused = refusal(l, country, rules);
        for (const p of pieces(l, zone, from, until)) {
            const date = p.day.toISODate() ?? "";
            let day = byDay.get(date);
            if (!day) byDay.set(date, (day = { date, weekday: p.day.toFormat("ccc"), offset: offsetOf(p.day.plus({ hours: 12 })), bars: [] }));
            day.bars.push({ from: p.from, to: p.to, ...(refused ? { refused } : {}) });
        }
    }
    const all = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
    for (const d of all) d.bars.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const look = (d: PictureDay) => JSON.stringify([d.offset, d.bars]);
    const days = all.filter((d, i) => i === 0 || look(d) !== look(all[i - 1]));
    return { days, sameDays: all.length - days.length };
}

/** The picture of a schedule for its callees; undefined without a start, a zone or windows. */
export function pictureOf(schedule: Partial<Schedule>, callees: readonly string[], rules: WindowRules): Picture | undefined {
    const { start, end, timeZone, windows } = schedule;
    if (start === undefined || timeZone === undefined || !windows) return undefined;
    const local = localTimes({ start, end, timeZone, windows }, { workdaysOnWeekends: rules.days?.businessDayMayFallOnWeekends ?? true });
    const { from, until } = campaignSpan({ start, end, timeZone, windows });
    const rows = new Map<string, ZoneRow>();
    // The callee groups each row counts: a callee whose number can ring in several zones of a row counts once.
    const counted = new Map<ZoneRow, Set<string>>();
    for (const group of zonedGroups(callees, rules.hours?.countries ?? rules.days?.countries)) {
        const allowed = rules.hours ? (rules.hours.countries[group.country ?? ""]?.allowedHours ?? rules.hours.allowedHours).map((r) => ({ from: r.start, to: r.end })) : [];
        for (const zone of group.zones) {
            const look = zoneDays(local.in(zone), zone, group.country, rules, from, until);
            // Zones that read the same are one row group: a three-zone campaign stays three sections, a fifty-zone one a few.
            const key = JSON.stringify([allowed, look]);
            let row = rows.get(key);
            if (!row) rows.set(key, (row = { zones: [], callees: 0, allowed, ...look }));
            if (!row.zones.includes(zone)) row.zones.push(zone);
            const groups = counted.get(row) ?? new Set();
            if (!groups.has(group.key)) row.callees += group.numbers.length;
            counted.set(row, groups.add(group.key));
        }
    }
    const groups: ZoneRow[] = [];
    let used = 0;
    let omitted = { groups: 0, callees: 0, days: 0, rowCap: ROW_CAP };
    const barsOf = (days: PictureDay[]) => days.reduce((n, d) => n + d.bars.length, 0);
    for (const row of rows.values()) {
        const height = row.allowed.length + barsOf(row.days);
        if (used + height <= ROW_CAP) {
            groups.push({ ...row, zones: row.zones.sort() });
            used += height;
        } else if (groups.length) omitted = { ...omitted, groups: omitted.groups + 1, callees: omitted.callees + row.callees };
        else {
            // A first group taller than the cap keeps its first days.
            let kept = 0;
            while (kept < row.days.length && row.allowed.length + barsOf(row.days.slice(0, kept + 1)) <= ROW_CAP) kept++;
            groups.push({ ...row, zones: row.zones.sort(), days: row.days.slice(0, kept) });
            used = ROW_CAP;
            omitted = { ...omitted, days: row.days.length - kept };
        }
    }
    return { timeZone, groups, ...(omitted.groups || omitted.days ? { omitted } : {}) };
}
