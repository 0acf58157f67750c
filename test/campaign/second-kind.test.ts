// The measure of the campaign model: a second kind of task (test/support/fake-kind.ts, a vendor of
// its own) added to the list of kinds is judged by every policy and reviewed, with no change under
// policy/ or review/. Messages name its fields; the review states its facts, not CCC's.
import { strict as assert } from "assert";
import { parsePreview } from "../../review/input";
import { renderMarkdown } from "../../review/markdown";
import { summarize } from "../../review/summary";
import { runPolicies } from "../../policy/policies";
import { KINDS } from "../../provider/kinds";
import { dialerKind } from "../support/fake-kind";
import { task } from "../support/policy-harness";

const DEC_1_0900_SHANGHAI = 1796086800;
const DEC_4_2000_SHANGHAI = 1796385600;
const DIALER = dialerKind.tokens.plugin;

function dialer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        numbers: ["+8613012345678", "+8613112345678"],
        callerIds: ["+8602012345678"],
        from: DEC_1_0900_SHANGHAI,
        until: DEC_4_2000_SHANGHAI,
        zone: "Asia/Shanghai",
        hours: { start: "10:00:00", end: "12:00:00" },
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
        attempts: 2,
        gapSeconds: 3600,
        ...overrides,
    };
}

const violations = (props: Record<string, unknown>, type = DIALER) => runPolicies([{ name: "dialer", props, type }]);

describe("a second kind of task, added to the list of kinds only", () => {
    before(() => KINDS.push(dialerKind));
    after(() => KINDS.splice(KINDS.indexOf(dialerKind), 1));

    describe("the policy pack", () => {
        it("passes its happy path, under either of its type tokens", () => {
            assert.deepEqual(violations(dialer()), []);
            assert.deepEqual(violations(dialer(), dialerKind.tokens.dynamic), []);
        });

        it("blocks a night window in the callees' zone", () => {
            assert.deepEqual(violations(dialer({ hours: { start: "22:00:00", end: "23:00:00" } })), [
                {
                    policy: "ccc-allowed-hours",
                    message: "dialer: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 22:00–23:00 Asia/Shanghai (Mon,Tue,Wed,Thu,Fri) is 22:00–23:00 there (from Tue 2026-12-01): outside 08:00–21:00",
                },
            ]);
        });

        it("names its own fields in messages", () => {
            assert.deepEqual(violations(dialer({ attempts: 3, zone: undefined, until: undefined })), [
                { policy: "ccc-time-zone", message: "dialer: zone is not declared: the call windows' hours are ambiguous (declare an IANA zone such as Asia/Shanghai)" },
                { policy: "ccc-schedule", message: "dialer: until is not set: the task never ends" },
                { policy: "ccc-attempts", message: "dialer: attempts 3 is above the cap of 2 attempts per callee" },
            ]);
            assert.deepEqual(violations(dialer({ attempts: 9 })), [{ policy: "ccc-attempts", message: "dialer: attempts: Too big: expected number to be <=5" }]);
        });

        it("judges a stack of both kinds together", () => {
            const both = runPolicies([
                { name: "reminders", props: task({ tries: 1 }) },
                { name: "dialer", props: dialer({ attempts: 1 }), type: DIALER },
            ]);
            assert.deepEqual(both, [{ policy: "ccc-stack-overlap", message: "reminders and dialer run at the same time and both call 2 callees (+86*********78, +86*********78)" }]);
        });
    });

    describe("the review", () => {
        const urn = `urn:pulumi:dev::calls::${DIALER}::dialer`;
        const outputs = { dialerId: "dl-7", status: "dialing", counts: { total: 10, waiting: 4, answered: 3, missed: 1, busy: 2 } };
        const preview = () =>
            parsePreview(
                JSON.stringify({
                    steps: [
                        {
                            op: "replace",
                            urn,
                            oldState: { id: "dl-7", inputs: dialer(), outputs: { ...dialer(), ...outputs } },
                            newState: { inputs: dialer({ hours: { start: "09:00:00", end: "12:00:00" } }) },
                            replaceReasons: ["hours"],
                        },
                    ],
                }),
            );

        it("reads its steps and states its facts: ids, states, progress, what changes in place", () => {
            const summary = summarize({ preview: preview() });
            const [c] = summary.campaigns;
            assert.deepEqual([c.name, c.action, c.taskId, c.taskState], ["dialer", "replace", "dl-7", "dialing"]);
            assert.deepEqual(c.changes, [{ field: "hours", before: "10:00:00…", after: "09:00:00…" }]);
            assert.deepEqual(c.restart, { taskId: "dl-7", stateName: "dialing", total: 10, dialed: 6, reached: 3, notAnswered: 1, pending: 2, redial: "unreached", live: true, acknowledged: false });
            const md = renderMarkdown(summary);
            for (const line of [
                "- **What**: task dl-7 (dialing) is stopped, then a new task is created (fakevendor changes nothing in place)",
                "- **Why replaced**: `hours` changed; only `enabled` can change on an existing task",
                "- **When**: 2026-12-01T09:00:00+08:00 → 2026-12-04T20:00:00+08:00 (Asia/Shanghai)",
                "  - windows (Asia/Shanghai): 09:00–12:00 Mon,Tue,Wed,Thu,Fri",
                "- **Restart**: task dl-7 is dialing: 6 of 10 callees dialed, 3 reached (answered), 1 not answered, 2 in progress or awaiting a retry",
            ]) {
                assert.ok(md.split("\n").includes(line), `missing: ${line}\n${md}`);
            }
        });

        it("says when its zone is the vendor's assumption", () => {
            const p = preview();
            p.steps[0].new!.inputs.zone = undefined;
            assert.equal(summarize({ preview: p }).campaigns[0].schedule?.timeZone, "Europe/Berlin (not declared; fakevendor's zone assumed)");
        });
    });
});
