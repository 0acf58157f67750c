// ccc-numbers: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { check, NEW_YORK, task } from "../../test/support/policy-harness";
import { numbers } from "./numbers";

describe("ccc-numbers", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(numbers, task()), []));

    it("finds one number written in two formats", () => {
        assert.deepEqual(check(numbers, task({ callees: ["+8602012345678", "+862012345678"] })), ["reminders: 1 callee (+86********78) appears more than once (in different formats): they would be called twice"]);
    });

    it("keeps callees to allowed countries and callers to the approved list", () => {
        assert.deepEqual(check(numbers, task({ callees: [NEW_YORK, "+8613012345678"] }), { allowedCountries: ["CN"] }), ["reminders: 1 callee (+1********23) is outside the allowed countries (CN)"]);
        assert.deepEqual(check(numbers, task(), { approvedCallers: ["008602012345678"] }), []);
        assert.deepEqual(check(numbers, task(), { approvedCallers: ["+8602099999999"] }), ["reminders: caller +86*********78 not on the approved list"]);
    });
});
