// The pack as a whole: the happy path passes every policy, other resource types are ignored, and
// inputs that fail a kind's rules are reported by the policy whose rule they break. Each policy has
// its own file beside it (policies/<policy>.test.ts). Policies are called as the CLI calls them, with
// configSchema defaults applied as the CLI applies them.
import { strict as assert } from "assert";
import { daily, task } from "../test/support/policy-harness";
import { policies, runPolicies } from "./policies";

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
});
