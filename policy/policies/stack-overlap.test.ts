// ccc-stack-overlap: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import { checkStack, task } from "../../test/support/policy-harness";

describe("ccc-stack-overlap", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(checkStack("ccc-stack-overlap", { reminders: task() }), []));

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
