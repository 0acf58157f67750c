// The pipeline's filter of the engine's event stream (review/events.ts): it keeps exactly what the
// review reads, drops the rest as it reads it (debug diagnostics carry callee numbers), and the review
// of what it kept is the review of the whole stream.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Readable } from "stream";
import { reviewOf } from "../../review/cli";
import { keepReviewedEvents } from "../../review/events";
import { FIXTURES } from "./golden";

const CALLEE = "+8613812345678";
/** What the engine streams besides the reviewed events, as captured before normalisation. */
const UNREVIEWED = [
    JSON.stringify({ sequence: 90, timestamp: 1, diagnosticEvent: { message: `RegisterResource RPC finished: resp: {"callees":["${CALLEE}"]}`, severity: "debug", color: "never" } }),
    JSON.stringify({ sequence: 91, timestamp: 1, diagnosticEvent: { message: "error: shown while it runs", severity: "error", ephemeral: true, color: "never" } }),
    JSON.stringify({ sequence: 92, timestamp: 1, progressEvent: { type: "plugin-download", id: "x", message: "", received: 1, total: 2, done: false } }),
    JSON.stringify({ sequence: 93, timestamp: 1, diagnosticEvent: { message: "info from the program", severity: "info", color: "never" } }),
    "not JSON at all",
];

async function filter(lines: string[]) {
    const kept: string[] = [];
    const log: string[] = [];
    const counts = await keepReviewedEvents(Readable.from(lines.map((l) => `${l}\n`)), { write: (l) => kept.push(l), log: (l) => log.push(l) });
    return { kept, log, counts };
}

describe("review/events: the engine's event stream cut down to what the review reads", () => {
    const dir = path.join(FIXTURES, "policy-failure");
    const captured = fs.readFileSync(path.join(dir, "preview.json"), "utf8").trim().split("\n");
    const reviewed = captured.filter((l) => /"(resourcePreEvent|policyEvent|policyAnalyzeSummaryEvent|policyAnalyzeStackSummaryEvent|summaryEvent)"|"severity":"error"/.test(l));
    // The unreviewed events among the reviewed ones, as the engine interleaves them.
    const stream = captured.flatMap((l, i) => (i % 4 === 1 ? [UNREVIEWED[(i >> 2) % UNREVIEWED.length], l] : [l])).concat(UNREVIEWED);

    it("keeps every reviewed event verbatim, in order, and drops every other line", async () => {
        const { kept, counts } = await filter(stream);
        assert.deepEqual(kept, reviewed);
        assert.deepEqual(counts, { kept: reviewed.length, dropped: stream.length - reviewed.length });
        assert.ok(!kept.join("\n").includes(CALLEE.slice(3)), "a callee number kept");
    });

    it("the review of what it kept is the review of the whole stream", async () => {
        const { kept } = await filter(stream);
        const state = fs.readFileSync(path.join(dir, "state.json"), "utf8");
        const campaigns = path.join(dir, "campaigns");
        assert.deepEqual(reviewOf({ preview: kept.join("\n"), state, campaigns }), reviewOf({ preview: stream.filter((l) => l.startsWith("{")).join("\n"), state, campaigns }));
    });

    it("prints each policy violation and each error for the CI log, numbers masked", async () => {
        const { log } = await filter(stream);
        assert.deepEqual(
            log.filter((l) => l.startsWith("[mandatory]")),
            ["[mandatory] ccc-allowed-hours: night-calls: 1 callee (+86*********08) in Asia/Shanghai: window 21:30–23:00 Asia/Shanghai (every day) is 21:30–23:00 there (from Mon 2027-03-01): outside 08:00–21:00"],
        );
        assert.deepEqual(log.filter((l) => !l.startsWith("[")), ["preview failed"], "the lasting error only");
    });
});
