// ccc-do-not-call: from the happy-path campaign (test/support/policy-harness.ts), one property changed per case.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { check, task } from "../../test/support/policy-harness";
import { doNotCall } from "./do-not-call";

describe("ccc-do-not-call", () => {
    it("passes the happy-path campaign", () => assert.deepEqual(check(doNotCall, task()), []));

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
