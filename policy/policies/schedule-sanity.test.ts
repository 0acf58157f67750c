// ccc-schedule: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { check, daily, task } from "../../test/support/policy-harness";
import { scheduleSanity } from "./schedule-sanity";

describe("ccc-schedule", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(scheduleSanity, task()), []));

    it("wants an end, within the maximum length", () => {
        assert.deepEqual(check(scheduleSanity, task({ notAfter: undefined })), ["reminders: notAfter is not set: the task never ends"]);
        assert.deepEqual(check(scheduleSanity, task({ notAfter: "2026-12-31T20:00:00+08:00" })), ["reminders: the campaign runs 30.5 days: longer than 14"]);
    });

    it("says why a task can never dial", () => {
        const sunday = [{ dayType: "Custom", daysOfWeek: ["Sunday"], timeRanges: [{ start: "10:00", end: "11:00" }] }];
        assert.deepEqual(check(scheduleSanity, task({ availableWorkTimeConfig: sunday })), [
            "reminders: no call window opens between notBefore (Tue 2026-12-01 09:00) and notAfter (Fri 2026-12-04 20:00) in Asia/Shanghai, which covers Tue, Wed, Thu, Fri: the windows are Sun 10:00–11:00: the task can never dial",
        ]);
    });

    it("reports windows in a daylight-saving gap and pairs that run across midnight", () => {
        const gap = check(scheduleSanity, task({ timeZone: "America/New_York", notBefore: "2026-03-06T09:00:00-05:00", notAfter: "2026-03-10T20:00:00-04:00", ...daily("02:00", "03:00") }));
        assert.deepEqual(gap, ["reminders: window 02:00–03:00 starts or ends in a daylight-saving gap in America/New_York on 2026-03-08: that local time does not exist"]);
        const midnight = check(scheduleSanity, task({ availableWorkTimeConfig: undefined, availableTime: [{ start: "22:00", end: "23:59:59" }, { start: "00:00", end: "01:00" }] }));
        assert.deepEqual(midnight, ["reminders: windows 22:00–23:59:59 and 00:00–01:00 together run across midnight in Asia/Shanghai"]);
    });
});
