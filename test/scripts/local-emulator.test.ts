// The local loop's duration syntax (`npm run ccc -- clock advance 2h`).
import { strict as assert } from "assert";
import { parseDuration } from "../../scripts/local-emulator";

describe("parseDuration", () => {
    const cases: [string, number][] = [
        ["90s", 90],
        ["30m", 1800],
        ["2h", 7200],
        ["1d", 86400],
        ["1d12h", 129600],
        ["1h30m15s", 5415],
    ];
    for (const [text, seconds] of cases) it(`${text} is ${seconds} s`, () => assert.equal(parseDuration(text), seconds));

    for (const text of ["", "2", "2x", "h2", "-1h", "1.5h", "2 h"]) {
        it(`refuses "${text}", showing how to write one`, () => assert.throws(() => parseDuration(text), /is not a duration: write it like 2h, 30m, 1d12h or 90s/));
    }
});
