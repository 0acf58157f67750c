// Each policy from one happy-path campaign, changing one property per case (Pulumi's awsguard style).
// Policies are called as the CLI calls them, with configSchema defaults applied as the CLI applies them.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TYPE_TOKEN, UNKNOWN } from "../provider/callout-task/schema";
import { runResourcePolicy, runStackPolicy } from "./invoke";
import { allowedDays, allowedHours, attempts, doNotCall, numbers, policies, scheduleSanity, stackOverlap, timeZoneConsistent } from "./policies";

/** A happy campaign in Shanghai: weekdays 10:00–12:00 (08:00 in Urumqi, the other zone China has in the database), four days in December 2026. */
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

function check(policy: ResourceValidationPolicy, props: Record<string, unknown>, config: Record<string, unknown> = {}, type = TYPE_TOKEN): string[] {
    return runResourcePolicy(policy, { name: "reminders", props, type }, config);
}

function checkStack(tasks: Record<string, Record<string, unknown>>, config: Record<string, unknown> = {}): string[] {
    return runStackPolicy(stackOverlap, Object.entries(tasks).map(([name, props]) => ({ name, props })), config);
}

const US = "+12125550123"; // New York, but +1 numbers can be in any US zone
const shanghai = (from: string, to: string) => [{ start: from, end: to }];

describe("policy pack", () => {
    it("passes the happy-path campaign on every resource policy", () => {
        for (const p of policies) if ("validateResource" in p) assert.deepEqual(check(p as ResourceValidationPolicy, task()), [], p.name);
        assert.deepEqual(checkStack({ a: task() }), []);
    });

    it("ignores other resource types and inputs the provider will reject", () => {
        assert.deepEqual(check(allowedHours, task({ availableWorkTimeConfig: undefined }), {}, "aws:s3/bucket:Bucket"), []);
        assert.deepEqual(check(allowedHours, task({ availableWorkTimeConfig: undefined, tries: 9 })), []);
    });

    it("declares every policy with a description, a level and config defaults", () => {
        assert.equal(new Set(policies.map((p) => p.name)).size, 8);
        const mandatory = policies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name).sort();
        assert.deepEqual(mandatory, ["ccc-allowed-days", "ccc-allowed-hours", "ccc-do-not-call", "ccc-time-zone"]);
        for (const p of policies) assert.ok(p.description.length > 60 && p.configSchema, p.name);
    });

    describe("ccc-allowed-hours", () => {
        it("reports a Shanghai evening window that is early morning in New York, in the callee's hours", () => {
            const v = check(allowedHours, task({ callees: [US, "+8613012345678"], availableTime: shanghai("19:00", "21:00"), availableWorkTimeConfig: undefined }));
            assert.equal(v.length, 1, v.join("\n"));
            assert.match(v[0], /^reminders: window 19:00–21:00 Asia\/Shanghai \(every day\) is .*06:00–08:00 [^;]*America\/New_York[^;]* \(from Tue 2026-12-01\).* for 1 callee \(\+1\*+23\): outside 08:00–21:00$/);
            assert.ok(!/Asia\/(Shanghai|Urumqi) \(from/.test(v[0]), "the Shanghai callee is within hours");
        });

        it("checks every zone of a country that spans several", () => {
            const v = check(allowedHours, task({ callees: [US], timeZone: "America/New_York", availableTime: shanghai("09:00", "10:00"), availableWorkTimeConfig: undefined }));
            assert.match(v[0], /06:00–07:00 [^;]*America\/Los_Angeles/);
            assert.match(v[0], /05:00–06:00 [^;]*America\/Anchorage/);
            assert.ok(!v[0].split(" is ")[1].includes("America/New_York"), "New York itself is fine");
        });

        it("follows daylight saving: a window legal before the change is not after it", () => {
            const window = { callees: [US], availableTime: shanghai("20:00", "21:00"), availableWorkTimeConfig: undefined };
            const before = check(allowedHours, task({ ...window, notBefore: "2026-10-20T09:00:00+08:00", notAfter: "2026-10-28T20:00:00+08:00" }));
            assert.ok(!before.some((m) => m.includes("America/New_York")), before.join("\n"));
            assert.ok(before.some((m) => m.includes("America/Los_Angeles")), "Los Angeles is too early either way");
            const across = check(allowedHours, task({ ...window, notBefore: "2026-10-28T09:00:00+08:00", notAfter: "2026-11-04T20:00:00+08:00" }));
            assert.ok(across.some((m) => /07:00–08:00 [^;]*America\/New_York[^;]* \(from Sun 2026-11-01\)/.test(m)), across.join("\n"));
        });

        it("refuses a task with no window at all", () => {
            assert.deepEqual(check(allowedHours, task({ availableWorkTimeConfig: undefined })), [
                "reminders: no call window (availableTime or availableWorkTimeConfig): the task would dial at any hour",
            ]);
        });

        it("applies per-country split windows", () => {
            const config = { countries: { CN: { allowedHours: [{ start: "10:00", end: "13:00" }, { start: "14:00", end: "20:00" }], zones: ["Asia/Shanghai"] } } };
            assert.ok(check(allowedHours, task({ availableWorkTimeConfig: undefined, availableTime: shanghai("09:30", "12:00") }), config).length > 0, "09:30 is before 10:00");
            assert.deepEqual(check(allowedHours, task({ availableWorkTimeConfig: undefined, availableTime: shanghai("14:30", "19:30") }), config), []);
            const across = check(allowedHours, task({ availableWorkTimeConfig: undefined, availableTime: shanghai("12:30", "14:30") }), config);
            assert.match(across[0], /outside 10:00–13:00, 14:00–20:00/);
        });

        it("checks every zone the database lists for a country unless the config narrows it", () => {
            const early = task({ availableWorkTimeConfig: undefined, availableTime: shanghai("09:00", "11:00") });
            assert.match(check(allowedHours, early)[0], /07:00–09:00 Asia\/Urumqi/);
            assert.deepEqual(check(allowedHours, early, { countries: { CN: { zones: ["Asia/Shanghai"] } } }), []);
        });

        it("skips values unknown during preview", () => {
            assert.deepEqual(check(allowedHours, task({ callees: UNKNOWN, availableWorkTimeConfig: undefined })), []);
        });
    });

    describe("ccc-allowed-days", () => {
        it("reports an every-day window for running on Sunday", () => {
            const v = check(allowedDays, task({ availableWorkTimeConfig: undefined, availableTime: shanghai("10:00", "11:00"), notAfter: "2026-12-08T20:00:00+08:00" }));
            assert.ok(v.some((m) => /is on Sunday in Asia\/Shanghai/.test(m)), v.join("\n"));
        });

        it("counts days in the callee's zone: Monday morning in Shanghai is Sunday evening in New York", () => {
            const monday = [{ dayType: "Custom", daysOfWeek: ["Monday"], timeRanges: [{ start: "09:00", end: "10:00" }] }];
            const v = check(allowedDays, task({ callees: [US], availableWorkTimeConfig: monday, notAfter: "2026-12-08T20:00:00+08:00" }));
            assert.ok(v.some((m) => /is on Sunday in [^;]*America\/New_York.* for 1 callee/.test(m)), v.join("\n"));
        });

        it("handles BusinessDay and Holiday day types explicitly", () => {
            const business = [{ dayType: "BusinessDay", timeRanges: [{ start: "10:00", end: "11:00" }] }];
            const v = check(allowedDays, task({ availableWorkTimeConfig: business, notAfter: "2026-12-08T20:00:00+08:00" }));
            assert.ok(v.some((m) => m.includes("(BusinessDay)") && m.includes("BusinessDay can fall on Sunday")), v.join("\n"));
            assert.deepEqual(check(allowedDays, task({ availableWorkTimeConfig: business, notAfter: "2026-12-08T20:00:00+08:00" }), { businessDayMayFallOnWeekends: false }), []);
            const holiday = [{ dayType: "Holiday", timeRanges: [{ start: "10:00", end: "11:00" }] }];
            assert.ok(check(allowedDays, task({ availableWorkTimeConfig: holiday, notAfter: "2026-12-08T20:00:00+08:00" })).length > 0);
        });

        it("applies per-country days", () => {
            const saturday = [{ dayType: "Custom", daysOfWeek: ["Saturday"], timeRanges: [{ start: "10:00", end: "11:00" }] }];
            const props = task({ availableWorkTimeConfig: saturday, notAfter: "2026-12-06T20:00:00+08:00" });
            assert.deepEqual(check(allowedDays, props), []);
            assert.ok(check(allowedDays, props, { countries: { CN: { allowedDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] } } }).some((m) => m.includes("Saturday")));
        });
    });

    describe("ccc-time-zone", () => {
        it("requires a declared time zone", () => {
            assert.deepEqual(check(timeZoneConsistent, task({ timeZone: undefined })), [
                "reminders: timeZone is not declared: the call windows' hours are ambiguous (declare an IANA zone such as Asia/Shanghai)",
            ]);
        });

        it("flags a zone far from the callees", () => {
            const v = check(timeZoneConsistent, task({ timeZone: "America/New_York" }));
            assert.match(v[0], /timeZone America\/New_York is 13h from Asia\/Shanghai, where 3 callees \(\+86\*+78, \+86\*+78, …\) can be: more than 3h/);
            assert.deepEqual(check(timeZoneConsistent, task({ timeZone: "Asia/Tokyo" })), []);
        });
    });

    describe("ccc-schedule", () => {
        it("wants an end, within the maximum length", () => {
            assert.deepEqual(check(scheduleSanity, task({ notAfter: undefined })), ["reminders: notAfter is not set: the task never ends"]);
            assert.match(check(scheduleSanity, task({ notAfter: "2026-12-31T20:00:00+08:00" }))[0], /runs 30\.5 days: longer than 14/);
        });

        it("reports a task whose windows never open while it runs", () => {
            const sunday = [{ dayType: "Custom", daysOfWeek: ["Sunday"], timeRanges: [{ start: "10:00", end: "11:00" }] }];
            assert.match(check(scheduleSanity, task({ availableWorkTimeConfig: sunday }))[0], /no call window opens .* can never dial/);
        });

        it("reports windows in a daylight-saving gap and pairs that run across midnight", () => {
            const gap = check(scheduleSanity, task({ timeZone: "America/New_York", notBefore: "2026-03-06T09:00:00-05:00", notAfter: "2026-03-10T20:00:00-04:00", availableWorkTimeConfig: undefined, availableTime: shanghai("02:00", "03:00") }));
            assert.ok(gap.some((m) => /daylight-saving gap in America\/New_York on 2026-03-08/.test(m)), gap.join("\n"));
            const midnight = check(scheduleSanity, task({ availableWorkTimeConfig: undefined, availableTime: [{ start: "22:00", end: "23:59:59" }, { start: "00:00", end: "01:00" }] }));
            assert.ok(midnight.some((m) => m.includes("across midnight")), midnight.join("\n"));
        });
    });

    describe("ccc-numbers", () => {
        it("finds one number written in two formats", () => {
            assert.match(check(numbers, task({ callees: ["+8602012345678", "+862012345678"] }))[0], /1 callee \(\+86\*+78\) appear more than once/);
        });

        it("keeps callees to allowed countries and callers to the approved list", () => {
            assert.match(check(numbers, task({ callees: [US, "+8613012345678"] }), { allowedCountries: ["CN"] })[0], /1 callee \(\+1\*+23\) are outside the allowed countries \(CN\)/);
            assert.deepEqual(check(numbers, task(), { approvedCallers: ["008602012345678"] }), []);
            assert.match(check(numbers, task(), { approvedCallers: ["+8602099999999"] })[0], /caller \+86\*+78 not on the approved list/);
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
        it("reports one person in two tasks that run at the same time", () => {
            const v = checkStack({ a: task(), b: task({ name: "b", callees: ["+8613212345678", "+8613912345678"] }) });
            assert.ok(v.some((m) => /^a and b run at the same time and both call 1 callee \(\+86\*+78\)$/.test(m)), v.join("\n"));
        });

        it("counts attempts per person across tasks in a rolling window", () => {
            const first = task({ notAfter: "2026-12-02T20:00:00+08:00" });
            const second = task({ name: "b", notBefore: "2026-12-03T09:00:00+08:00", notAfter: "2026-12-04T20:00:00+08:00" });
            const v = checkStack({ a: first, b: second });
            assert.ok(!v.some((m) => m.includes("same time")), v.join("\n"));
            assert.match(v[0], /3 callees .* would get up to 4 attempts within 7 days across the stack: above the cap of 3/);
            assert.deepEqual(checkStack({ a: first, b: second }, { maxAttemptsPerCallee: 4 }), []);
        });
    });
});
