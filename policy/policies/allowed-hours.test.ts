// ccc-allowed-hours: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { UNKNOWN } from "../../provider/callout-task/schema";
import { AU_MOBILE, check, daily, NEW_YORK, task } from "../../test/support/policy-harness";
import { allowedHours } from "./allowed-hours";

describe("ccc-allowed-hours", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(allowedHours, task()), []));

    it("reports a Shanghai evening window that is early morning in New York, with the callee's zone first", () => {
        assert.deepEqual(check(allowedHours, task({ callees: [NEW_YORK, "+8613012345678"], ...daily("19:00", "21:00") })), [
            "reminders: 1 callee (+1********23) in America/New_York: window 19:00–21:00 Asia/Shanghai (every day) is 06:00–08:00 there (from Tue 2026-12-01): outside 08:00–21:00",
        ]);
    });

    it("passes business hours in the callee's own zone, wherever the task is written", () => {
        assert.deepEqual(check(allowedHours, task({ callees: [NEW_YORK], timeZone: "America/New_York", notBefore: "2026-12-01T09:00:00-05:00", notAfter: "2026-12-04T18:00:00-05:00" })), []);
    });

    it("checks every zone a number can be in, and shortens the list", () => {
        const v = check(allowedHours, task({ callees: [AU_MOBILE], timeZone: "Australia/Sydney", ...daily("08:00", "10:00") }));
        assert.equal(v.length, 1, v.join("\n"));
        assert.match(v[0], /^reminders: 1 callee \(\+61\*+78\) in Australia\/Adelaide, Australia\/Brisbane, Australia\/Eucla and 5 more: window 08:00–10:00 Australia\/Sydney \(every day\) is /);
        assert.match(v[0], /05:00–07:00 Australia\/Perth \(from Wed 2026-12-02\)/);
        assert.match(v[0], /: outside 08:00–21:00$/);
    });

    it("follows daylight saving: a window legal before the change is not after it", () => {
        const window = { callees: [NEW_YORK], ...daily("20:00", "21:00") };
        assert.deepEqual(check(allowedHours, task({ ...window, notBefore: "2026-10-20T09:00:00+08:00", notAfter: "2026-10-28T20:00:00+08:00" })), []);
        assert.deepEqual(check(allowedHours, task({ ...window, notBefore: "2026-10-28T09:00:00+08:00", notAfter: "2026-11-04T20:00:00+08:00" })), [
            "reminders: 1 callee (+1********23) in America/New_York: window 20:00–21:00 Asia/Shanghai (every day) is 07:00–08:00 there (from Sun 2026-11-01): outside 08:00–21:00",
        ]);
    });

    it("prints times exactly", () => {
        const v = check(allowedHours, task({ ...daily("20:00", "21:00:30") }));
        assert.match(v[0], /window 20:00–21:00:30 Asia\/Shanghai \(every day\) is 20:00–21:00:30 there .*: outside 08:00–21:00$/);
    });

    it("refuses a task with no window at all", () => {
        assert.deepEqual(check(allowedHours, task({ availableWorkTimeConfig: undefined })), [
            "reminders: no call window (availableTime or availableWorkTimeConfig): the task would dial at any hour",
        ]);
    });

    it("applies per-country split windows", () => {
        const config = { countries: { CN: { allowedHours: [{ start: "10:00", end: "13:00" }, { start: "14:00", end: "20:00" }] } } };
        assert.match(check(allowedHours, task(daily("09:30", "12:00")), config)[0], /is 09:30–12:00 there .*: outside 10:00–13:00, 14:00–20:00$/);
        assert.deepEqual(check(allowedHours, task(daily("14:30", "19:30")), config), []);
    });

    it("takes a country's zones from the config when given", () => {
        const v = check(allowedHours, task(daily("09:00", "11:00")), { countries: { CN: { zones: ["Asia/Urumqi"] } } });
        assert.match(v[0], /^reminders: 3 callees \(.*\) in Asia\/Urumqi \(zones set in the config\): window 09:00–11:00 Asia\/Shanghai \(every day\) is 07:00–09:00 there/);
    });

    it("checks an invalid number in every zone of its country, and says so", () => {
        const v = check(allowedHours, task({ callees: ["+8612345"], ...daily("09:00", "11:00") }));
        assert.match(v[0], /^reminders: 1 callee \(\+86\*\*\*45\) in Asia\/Shanghai, Asia\/Urumqi \(not a valid number: every zone of CN\): .* 07:00–09:00 Asia\/Urumqi/);
    });

    it("refuses callees whose zone is unknown", () => {
        assert.deepEqual(check(allowedHours, task({ callees: ["+80012345678"] })), [
            "reminders: 1 callee (+800******78) in no known time zone (no zone for the number in the data): their local hours cannot be checked",
        ]);
    });

    it("skips values unknown during preview", () => {
        assert.deepEqual(check(allowedHours, task({ callees: UNKNOWN, ...daily("01:00", "02:00") })), []);
    });
});
