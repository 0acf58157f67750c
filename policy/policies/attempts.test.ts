// ccc-attempts: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { check, task } from "../../test/support/policy-harness";
import { attempts } from "./attempts";

describe("ccc-attempts", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(attempts, task()), []));

    it("caps tries and the time between them", () => {
        assert.deepEqual(check(attempts, task({ tries: 3 })), ["reminders: tries 3 is above the cap of 2 attempts per callee"]);
        assert.deepEqual(check(attempts, task({ retryInterval: 600 })), ["reminders: retryInterval 600s is below the minimum of 3600s between attempts"]);
        assert.deepEqual(check(attempts, task({ tries: 1, retryInterval: 600 })), []);
    });
});
