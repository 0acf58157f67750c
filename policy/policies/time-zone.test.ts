// ccc-time-zone: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { AU_MOBILE, check, NEW_YORK, task } from "../../test/support/policy-harness";
import { timeZoneConsistent } from "./time-zone";

describe("ccc-time-zone", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(timeZoneConsistent, task()), []));

    it("requires a declared time zone", () => {
        assert.deepEqual(check(timeZoneConsistent, task({ timeZone: undefined })), [
            "reminders: timeZone is not declared: the call windows' hours are ambiguous (declare an IANA zone such as Asia/Shanghai)",
        ]);
    });

    it("flags a zone far from the callees, by their prefixes", () => {
        assert.deepEqual(check(timeZoneConsistent, task({ timeZone: "America/New_York" })), [
            "reminders: 3 callees (+86*********78, +86*********78, …) in Asia/Shanghai: timeZone America/New_York is 13h from Asia/Shanghai: more than 3h",
        ]);
        assert.deepEqual(check(timeZoneConsistent, task({ timeZone: "Asia/Tokyo" })), []);
    });

    it("passes a New York campaign for New York numbers, and flags Honolulu ones", () => {
        const ny = { timeZone: "America/New_York", notBefore: "2026-12-01T09:00:00-05:00" };
        assert.deepEqual(check(timeZoneConsistent, task({ ...ny, callees: [NEW_YORK, "+13125550123"] })), []);
        assert.deepEqual(check(timeZoneConsistent, task({ ...ny, callees: ["+18085550123"] })), ["reminders: 1 callee (+1********23) in Pacific/Honolulu: timeZone America/New_York is 5h from Pacific/Honolulu: more than 3h"]);
    });

    it("judges a number that can be in several zones by the nearest", () => {
        assert.deepEqual(check(timeZoneConsistent, task({ timeZone: "Australia/Sydney", callees: [AU_MOBILE] })), []);
        assert.match(check(timeZoneConsistent, task({ timeZone: "Europe/London", callees: [AU_MOBILE] }))[0], /timeZone Europe\/London is 6.5h from Indian\/Cocos, the nearest of their zones: more than 3h$/);
    });
});
