// Each policy from one happy-path campaign, changing one property per case (Pulumi's awsguard style).
// Policies are called as the CLI calls them, with configSchema defaults applied as the CLI applies them.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNKNOWN } from "../provider/callout-task/schema";
import { check, checkStack } from "../test/support/policy-harness";
import { allowedDays, allowedHours, attempts, doNotCall, numbers, policies, runPolicies, scheduleSanity, timeZoneConsistent } from "./policies";

/** A happy campaign in Shanghai: weekdays 10:00–12:00, four days in December 2026. */
function task(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        __provider: "serialized provider",
        sdkAppId: 1400123455,
        name: "winter-reminders",
        notBefore: "2026-12-01T09:00:00+08:00",
        notAfter: "2026-12-04T20:00:00+08:00",
        timeZone: "Asia/Shanghai",
        callers: ["+8602012345678"],
        callees: ["+8613012345678", "+8613112345678", "+8613212345678"],
        ivrId: 8,
        tries: 2,
        retryInterval: 3600,
        availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], timeRanges: [{ start: "10:00", end: "12:00" }] }],
        ...overrides,
    };
}

const NEW_YORK = "+12125550123"; // area code 212: New York only
const AU_MOBILE = "+61412345678"; // Australian mobiles are not geographic: every Australian zone
const daily = (from: string, to: string) => ({ availableWorkTimeConfig: undefined, availableTime: [{ start: from, end: to }] });

describe("policy pack", () => {
    it("passes the happy-path campaign on every policy", () => {
        assert.deepEqual(runPolicies([{ name: "reminders", props: task() }]), []);
    });

    it("ignores other resource types", () => {
        assert.deepEqual(runPolicies([{ name: "bucket", props: task({ availableWorkTimeConfig: undefined, tries: 9 }), type: "aws:s3/bucket:Bucket" }]), []);
    });

    it("declares every policy with a description, a level and config defaults", () => {
        assert.equal(new Set(policies.map((p) => p.name)).size, 8);
        const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name).sort();
        assert.deepEqual(mandatory, ["ccc-allowed-days", "ccc-allowed-hours", "ccc-do-not-call", "ccc-time-zone"]);
        for (const p of policies) assert.ok(p.description.length > 60 && p.configSchema, p.name);
    });

    describe("inputs that fail the schema are reported by the policy whose rule they break", () => {
        const cases: [string, Record<string, unknown>, string, string][] = [
            ["an end before the start", { notAfter: "2026-11-30T09:00:00+08:00" }, "ccc-schedule", "reminders: notAfter: must be after notBefore"],
            ["an unknown time zone", { timeZone: "Asia/Beijing" }, "ccc-time-zone", "reminders: timeZone: must be an IANA time zone such as Asia/Shanghai"],
            ["a window across midnight", daily("22:00", "01:00"), "ccc-allowed-hours", "reminders: availableTime[0].end: start must be before end (a window cannot cross midnight: split it in two)"],
            ["a window in a bad format", daily("09:00", "12:60"), "ccc-allowed-hours", 'reminders: availableTime[0].end: "12:60" must be HH:MM or HH:MM:SS, 24-hour, 00:00–23:59'],
            ["an invalid callee", { callees: ["+8613012345678", "+861234"] }, "ccc-numbers", "reminders: 1 callee (+86****) is not a valid number for their country"],
            ["an invalid caller", { callers: ["12345"] }, "ccc-numbers", "reminders: callers[0]: 12*** must start with a country code, as +86… (E.164) or 0086… (Tencent's format)"],
            ["too many tries for CCC", { tries: 9 }, "ccc-attempts", "reminders: tries: Too big: expected number to be <=3"],
        ];
        for (const [what, change, policy, message] of cases) {
            it(what, () => assert.deepEqual(runPolicies([{ name: "reminders", props: task(change) }]), [{ policy, message }]));
        }

        it("still judges the rest of such a task", () => {
            const v = runPolicies([{ name: "reminders", props: task({ tries: 9, ...daily("06:00", "09:00") }) }]);
            assert.deepEqual(v.map((x) => x.policy).sort(), ["ccc-allowed-hours", "ccc-attempts"]);
        });
    });

    describe("ccc-allowed-hours", () => {
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

    describe("ccc-allowed-days", () => {
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

    describe("ccc-time-zone", () => {
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

    describe("ccc-schedule", () => {
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

    describe("ccc-numbers", () => {
        it("finds one number written in two formats", () => {
            assert.deepEqual(check(numbers, task({ callees: ["+8602012345678", "+862012345678"] })), ["reminders: 1 callee (+86********78) appears more than once (in different formats): they would be called twice"]);
        });

        it("keeps callees to allowed countries and callers to the approved list", () => {
            assert.deepEqual(check(numbers, task({ callees: [NEW_YORK, "+8613012345678"] }), { allowedCountries: ["CN"] }), ["reminders: 1 callee (+1********23) is outside the allowed countries (CN)"]);
            assert.deepEqual(check(numbers, task(), { approvedCallers: ["008602012345678"] }), []);
            assert.deepEqual(check(numbers, task(), { approvedCallers: ["+8602099999999"] }), ["reminders: caller +86*********78 not on the approved list"]);
        });
    });

    describe("ccc-do-not-call", () => {
        it("reports listed callees with a count and masked numbers only", () => {
            const v = check(doNotCall, task(), { numbers: ["008613112345678"] });
            assert.deepEqual(v, ["reminders: 1 callee (+86*********78) is on the do-not-call list"]);
            assert.ok(!v[0].includes("13112345678"));
        });

        it("reads the list from a file", () => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dnc-")), "dnc.csv");
            fs.writeFileSync(file, "# opted out\n+8613012345678,2026-10-01\n0086 132 1234 5678\n");
            assert.match(check(doNotCall, task(), { file })[0], /^reminders: 2 callees \(.*\) are on the do-not-call list$/);
        });

        it("refuses to pass a campaign when the list cannot be read", () => {
            assert.match(check(doNotCall, task(), { file: "/nonexistent/dnc.txt" })[0], /do-not-call file cannot be read \(ENOENT/);
        });
    });

    describe("ccc-attempts", () => {
        it("caps tries and the time between them", () => {
            assert.deepEqual(check(attempts, task({ tries: 3 })), ["reminders: tries 3 is above the cap of 2 attempts per callee"]);
            assert.deepEqual(check(attempts, task({ retryInterval: 600 })), ["reminders: retryInterval 600s is below the minimum of 3600s between attempts"]);
            assert.deepEqual(check(attempts, task({ tries: 1, retryInterval: 600 })), []);
        });
    });

    describe("ccc-stack-overlap", () => {
        it("reports one person in two tasks that run at the same time, also when written differently", () => {
            const v = checkStack("ccc-stack-overlap", { a: task({ tries: 1 }), b: task({ tries: 1, name: "b", callees: ["0086 132 1234 5678", "+8613912345678"] }) });
            assert.deepEqual(v, ["a and b run at the same time and both call 1 callee (+86*********78)"]);
        });

        it("counts attempts per person across tasks in a rolling window", () => {
            const first = task({ notAfter: "2026-12-02T20:00:00+08:00" });
            const second = task({ name: "b", notBefore: "2026-12-03T09:00:00+08:00", notAfter: "2026-12-04T20:00:00+08:00" });
            assert.deepEqual(checkStack("ccc-stack-overlap", { a: first, b: second }), ["3 callees (+86*********78, +86*********78, …) would get up to 4 attempts within 7 days across the stack: above the cap of 3"]);
            assert.deepEqual(checkStack("ccc-stack-overlap", { a: first, b: second }, { maxAttemptsPerCallee: 4 }), []);
            assert.deepEqual(checkStack("ccc-stack-overlap", { a: first, b: task({ name: "b", notBefore: "2026-12-10T09:00:00+08:00", notAfter: "2026-12-11T20:00:00+08:00" }) }), []);
        });
    });
});
