// ccc-allowed-days: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { check, daily, NEW_YORK, task } from "../../test/support/policy-harness";
import { allowedDays } from "./allowed-days";

describe("ccc-allowed-days", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(allowedDays, task()), []));

    it("reports an every-day window for running on Sunday", () => {
        assert.deepEqual(check(allowedDays, task({ ...daily("10:00", "11:00"), notAfter: "2026-12-08T20:00:00+08:00" })), [
            "reminders: 3 callees (+86*********78, +86*********78, …) in Asia/Shanghai: window 10:00–11:00 Asia/Shanghai (every day) is on Sunday there (from Sun 2026-12-06): allowed days are Monday, Tuesday, Wednesday, Thursday, Friday, Saturday",
        ]);
    });

    it("counts days in the callee's zone: Monday morning in Shanghai is Sunday evening in New York", () => {
        const monday = [{ dayType: "Custom", daysOfWeek: ["Monday"], timeRanges: [{ start: "09:00", end: "10:00" }] }];
        const v = check(allowedDays, task({ callees: [NEW_YORK], availableWorkTimeConfig: monday, notAfter: "2026-12-08T20:00:00+08:00" }));
        assert.deepEqual(v, [
            "reminders: 1 callee (+1********23) in America/New_York: window 09:00–10:00 Asia/Shanghai (Mon) is on Sunday there (from Sun 2026-12-06): allowed days are Monday, Tuesday, Wednesday, Thursday, Friday, Saturday",
        ]);
    });

    it("handles BusinessDay and Holiday day types explicitly", () => {
        const business = { availableWorkTimeConfig: [{ dayType: "BusinessDay", timeRanges: [{ start: "10:00", end: "11:00" }] }], notAfter: "2026-12-08T20:00:00+08:00" };
        assert.match(check(allowedDays, task(business))[0], /\(BusinessDay\) is on Sunday there \(from Sun 2026-12-06\): BusinessDay can fall on Sunday; allowed days are/);
        assert.deepEqual(check(allowedDays, task(business), { businessDayMayFallOnWeekends: false }), []);
        const holiday = { ...business, availableWorkTimeConfig: [{ dayType: "Holiday", timeRanges: [{ start: "10:00", end: "11:00" }] }] };
        assert.match(check(allowedDays, task(holiday))[0], /Holiday can fall on Sunday/);
    });

    it("applies per-country days", () => {
        const saturday = [{ dayType: "Custom", daysOfWeek: ["Saturday"], timeRanges: [{ start: "10:00", end: "11:00" }] }];
        const props = task({ availableWorkTimeConfig: saturday, notAfter: "2026-12-06T20:00:00+08:00" });
        assert.deepEqual(check(allowedDays, props), []);
        assert.match(check(allowedDays, props, { countries: { CN: { allowedDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] } } })[0], /is on Saturday there/);
    });
});
