// The window arithmetic on the vendor-neutral schedule (campaign/windows.ts), directly: the openings
// of windows between a start and an end, daylight-saving changes, a window cut by the end, and
// windows whose days follow a calendar that moves them.
import { strict as assert } from "assert";
import { DateTime } from "luxon";
import type { CallWindow, Weekday } from "../../campaign/model";
import { WEEKDAYS } from "../../campaign/model";
import { campaignSpan, HORIZON_DAYS, localTimes, occurrences, type TimedSchedule, windowDays } from "../../campaign/windows";

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toSeconds();
const window = (start: string, end: string, days: readonly Weekday[] = WEEKDAYS, extra: Partial<CallWindow> = {}): CallWindow => ({ start, end, days: [...days], label: "test", ...extra });
const shanghai = (start: string, end: string | undefined, windows: CallWindow[]): TimedSchedule => ({ start: at(start), end: end === undefined ? undefined : at(end), timeZone: "Asia/Shanghai", windows });
/** Each opening as "start/end" in the schedule's zone. */
const openings = (s: TimedSchedule, opts = {}) => occurrences(s, opts).map((o) => `${o.start.toISO({ suppressMilliseconds: true })}/${o.end.toFormat("HH:mm")}`);

describe("campaign windows", () => {
    it("opens each window on each of its days between the start and the end", () => {
        const s = shanghai("2026-12-04T09:00:00+08:00", "2026-12-08T20:00:00+08:00", [window("10:00:00", "12:00:00", ["Monday", "Friday"])]);
        assert.deepEqual(openings(s), ["2026-12-04T10:00:00+08:00/12:00", "2026-12-07T10:00:00+08:00/12:00"]);
    });

    it("checks a window the end cuts through whole, and leaves out one that opens at the end", () => {
        const daily = [window("10:00:00", "12:00:00")];
        assert.deepEqual(openings(shanghai("2026-12-01T09:00:00+08:00", "2026-12-02T10:30:00+08:00", daily)), ["2026-12-01T10:00:00+08:00/12:00", "2026-12-02T10:00:00+08:00/12:00"]);
        assert.deepEqual(openings(shanghai("2026-12-01T09:00:00+08:00", "2026-12-02T10:00:00+08:00", daily)), ["2026-12-01T10:00:00+08:00/12:00"]);
        // The same at the start: a window already open when the campaign starts may still dial.
        assert.deepEqual(openings(shanghai("2026-12-01T11:00:00+08:00", "2026-12-01T20:00:00+08:00", daily)), ["2026-12-01T10:00:00+08:00/12:00"]);
    });

    it("runs to the horizon when the schedule has no end", () => {
        const s = shanghai("2026-12-01T09:00:00+08:00", undefined, [window("10:00:00", "12:00:00")]);
        assert.equal(campaignSpan(s).until.toISO({ suppressMilliseconds: true }), "2026-12-15T09:00:00+08:00");
        assert.equal(occurrences(s).length, HORIZON_DAYS);
    });

    it("marks a window in the spring-forward gap, on that day only", () => {
        const s: TimedSchedule = { start: at("2026-03-07T00:00:00-05:00"), end: at("2026-03-09T23:00:00-04:00"), timeZone: "America/New_York", windows: [window("02:00:00", "03:00:00")] };
        assert.deepEqual(
            occurrences(s).map((o) => [o.start.toISO({ suppressMilliseconds: true }), o.inDstGap]),
            [
                ["2026-03-07T02:00:00-05:00", false],
                // 02:00 does not exist on 8 March in New York: luxon moves it to 03:00 EDT.
                ["2026-03-08T03:00:00-04:00", true],
                ["2026-03-09T02:00:00-04:00", false],
            ],
        );
    });

    it("sees a window from a callee's zone across its fall-back change", () => {
        const s = shanghai("2026-10-30T08:00:00+08:00", "2026-11-02T20:00:00+08:00", [window("09:00:00", "10:00:00")]);
        const local = localTimes(s).in("America/New_York");
        assert.deepEqual(
            local.map((l) => [l.start.toISODate(), l.from, l.to, l.days[0], l.oneDay]),
            [
                ["2026-10-29", "21:00:00", "22:00:00", "Thursday", true],
                ["2026-10-30", "21:00:00", "22:00:00", "Friday", true],
                ["2026-10-31", "21:00:00", "22:00:00", "Saturday", true],
                // New York is on EST from 1 November: an hour earlier there.
                ["2026-11-01", "20:00:00", "21:00:00", "Sunday", true],
            ],
        );
    });

    it("gives a window that ends at local midnight the end 24:00 on one day, and one that runs past it two days", () => {
        const s = shanghai("2026-12-01T00:00:00+08:00", "2026-12-01T23:59:59+08:00", [window("22:00:00", "23:00:00"), window("22:30:00", "23:30:00")]);
        const [midnight, past] = localTimes(s).in("Asia/Tokyo");
        assert.deepEqual([midnight.from, midnight.to, midnight.oneDay, midnight.days], ["23:00:00", "24:00:00", true, ["Tuesday", "Tuesday"]]);
        assert.deepEqual([past.from, past.to, past.oneDay, past.days], ["23:30:00", "00:30:00", false, ["Tuesday", "Wednesday"]]);
    });

    describe("days that move", () => {
        const workdays = window("10:00:00", "11:00:00", WEEKDAYS.slice(0, 5), { calendar: "workdays" });
        const holidays = window("10:00:00", "11:00:00", WEEKDAYS, { calendar: "holidays" });
        // Fri 4 to Mon 7 December 2026.
        const weekend = (w: CallWindow) => shanghai("2026-12-04T09:00:00+08:00", "2026-12-07T20:00:00+08:00", [w]);

        it("opens a workday window on weekends too (make-up workdays), unless told otherwise", () => {
            assert.deepEqual(windowDays(workdays), WEEKDAYS);
            assert.deepEqual(windowDays(workdays, { workdaysOnWeekends: false }), ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
            assert.deepEqual(openings(weekend(workdays)).map((o) => o.slice(0, 10)), ["2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"]);
            assert.deepEqual(openings(weekend(workdays), { workdaysOnWeekends: false }).map((o) => o.slice(0, 10)), ["2026-12-04", "2026-12-07"]);
        });

        it("opens a holiday window on any day, whatever the option", () => {
            assert.deepEqual(windowDays(holidays, { workdaysOnWeekends: false }), WEEKDAYS);
            assert.equal(occurrences(weekend(holidays), { workdaysOnWeekends: false }).length, 4);
        });

        it("keeps a window without a calendar to its own days", () => {
            assert.deepEqual(windowDays(window("10:00:00", "11:00:00", ["Saturday"])), ["Saturday"]);
        });
    });
});
