// A campaign's call windows as concrete intervals in time, and those intervals seen from a callee's
// zone: the time arithmetic every window check shares (luxon for zones and DST). Local times depend
// only on the zone, so each zone is converted once per schedule, whatever the number of callees in it.
import { DateTime } from "luxon";
import { Memo } from "./memo";
import { type CallWindow, type Schedule, type Weekday, WEEKDAYS } from "./model";

/** How far ahead a campaign without an end is examined. */
export const HORIZON_DAYS = 14;
const DAY_SECONDS = 86400;

/** A schedule with a start: what the arithmetic needs. */
export type TimedSchedule = Pick<Schedule, "end" | "timeZone" | "windows"> & { start: number };

export interface WindowOptions {
    /** Treat windows on workdays as possibly opening on Saturday and Sunday (statutory make-up workdays). */
    workdaysOnWeekends?: boolean;
    horizonDays?: number;
}

/** Every weekday a window may open on: its own, or every day when its calendar moves its days there. */
export function windowDays(w: CallWindow, { workdaysOnWeekends = true }: WindowOptions = {}): readonly Weekday[] {
    return w.calendar === "holidays" || (w.calendar === "workdays" && workdaysOnWeekends) ? WEEKDAYS : w.days;
}

export interface Occurrence {
    window: CallWindow;
    start: DateTime;
    end: DateTime;
    /** The local start or end does not exist on that day (spring-forward gap). */
    inDstGap: boolean;
}

const hms = (t: string) => {
    const [hour, minute, second] = t.split(":").map(Number);
    return { hour, minute, second: second ?? 0 };
};

/** The campaign's span in its zone: start to end, or to the horizon when it has no end. */
export function campaignSpan(s: TimedSchedule, horizonDays = HORIZON_DAYS): { from: DateTime; until: DateTime } {
    const zone = s.timeZone;
    return { from: DateTime.fromSeconds(s.start, { zone }), until: DateTime.fromSeconds(s.end ?? s.start + horizonDays * DAY_SECONDS, { zone }) };
}

/** Every concrete opening of the windows between the start and the end (or the horizon). */
export function occurrences(s: TimedSchedule, opts: WindowOptions = {}): Occurrence[] {
    const windows = s.windows.map((w) => ({ w, days: windowDays(w, opts) }));
    const { from, until } = campaignSpan(s, opts.horizonDays);
    const out: Occurrence[] = [];
    for (let day = from.startOf("day"); day < until; day = day.plus({ days: 1 })) {
        const weekday = WEEKDAYS[day.weekday - 1];
        for (const { w, days } of windows) {
            if (!days.includes(weekday)) continue;
            const start = day.set(hms(w.start));
            const end = day.set(hms(w.end));
            const inDstGap = start.toFormat("HH:mm:ss") !== w.start || end.toFormat("HH:mm:ss") !== w.end;
            // A window the campaign's start or end cuts through is checked whole: it may dial in any part of it.
            if ((end > from && start < until) || (inDstGap && day >= from.startOf("day"))) out.push({ window: w, start, end, inDstGap });
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

/** The occurrences converted into each zone once, on first use. */
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
                    days: [WEEKDAYS[s.weekday - 1], WEEKDAYS[last.weekday - 1]],
                };
            });
            this.byZone.set(zone, local);
        }
        return local;
    }
}

// Shared by every check and every task with the same schedule (a stack of campaigns often has one).
const schedules = new Memo<LocalTimes>(1024);

/** The occurrences in the schedule's zone, converted into callee zones on demand, computed once per process per schedule. */
export function localTimes(s: TimedSchedule, opts: WindowOptions = {}): LocalTimes {
    const key = JSON.stringify([s.start, s.end, s.timeZone, s.windows, opts.workdaysOnWeekends ?? true, opts.horizonDays ?? HORIZON_DAYS]);
    return schedules.get(key, () => new LocalTimes(occurrences(s, opts)));
}

/** A time of day to the minute: "09:30" of "09:30:45". */
export const hhmm = (t: string) => t.slice(0, 5);

/** A time of day as written, exactly: "09:30", "23:59:59" (seconds only when there are some). */
export const clock = (t: string) => (t.length === 8 && t.endsWith(":00") ? t.slice(0, 5) : t);

/** A window as "09:30–12:00". */
export const span = (start: string, end: string) => `${clock(start)}–${clock(end)}`;
