// A campaign that declares no call windows dials at any time between its start and its end: its span,
// as windows in the model's terms, one per weekday it touches, so that every window policy judges it
// unchanged. Kinds without windows (agent cruise campaigns, predictive ones without AvailableTime) read it here.
import { DateTime } from "luxon";
import { type CallWindow, type Weekday, WEEKDAYS } from "./model";

/** A span this long covers every hour of every weekday. */
const FULL_WEEK_DAYS = 8;
const DAY_START = "00:00:00";
/** Windows lie within one day (model.ts): the last second of a day stands for its end. */
const DAY_END = "23:59:59";

/**
 * The hours of each weekday on which `start`–`end` (Unix seconds) can dial, in `timeZone`: the first
 * day from the start, the last up to the end, whole days between. A weekday met twice (a span of a week
 * or more) gets the hull of both: judged at least as wide as it dials. `label` says where it comes from.
 */
export function spanWindows(start: number, end: number, timeZone: string, label: string): CallWindow[] {
    const from = DateTime.fromSeconds(start, { zone: timeZone });
    const until = DateTime.fromSeconds(end, { zone: timeZone });
    const hours = new Map<Weekday, { start: string; end: string }>();
    const allWeek = until.diff(from, "days").days >= FULL_WEEK_DAYS;
    if (allWeek) for (const d of WEEKDAYS) hours.set(d, { start: DAY_START, end: DAY_END });
    for (let day = from.startOf("day"); day < until && !allWeek; day = day.plus({ days: 1 })) {
        const next = day.plus({ days: 1 });
        const opens = (day < from ? from : day).toFormat("HH:mm:ss");
        const closes = until < next ? until.toFormat("HH:mm:ss") : DAY_END;
        if (opens >= closes) continue;
        const weekday = WEEKDAYS[day.weekday - 1];
        const seen = hours.get(weekday);
        hours.set(weekday, seen ? { start: seen.start < opens ? seen.start : opens, end: seen.end > closes ? seen.end : closes } : { start: opens, end: closes });
    }
    return WEEKDAYS.filter((d) => hours.has(d)).map((d) => ({ ...hours.get(d)!, days: [d], label: `${d.slice(0, 3)}, ${label}` }));
}
