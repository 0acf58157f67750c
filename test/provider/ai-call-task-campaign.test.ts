// The AiCallTask as a campaign: its adapter's reading, and the unchanged policy pack judging it.
import { strict as assert } from "assert";
import { allowedHours } from "../../policy/policies/allowed-hours";
import { aiCallTaskKind } from "../../provider/ai-call-task/campaign";
import { rememberConfig } from "../../provider/ai-call-task/settings";
import { resetProcessState } from "../../provider/shared/process";
import { parsePreview } from "../../review/input";
import { renderMarkdown } from "../../review/markdown";
import { summarize } from "../../review/summary";
import { check } from "../support/policy-harness";
import { configOf } from "../support/provider-harness";

const TOKEN = aiCallTaskKind.tokens.dynamic;
const task = (over: Record<string, unknown> = {}) => ({
    taskName: "ai-reminders",
    agentId: "agent-1",
    virtualNumber: "057100000000",
    startType: "SCHEDULE",
    taskStartTime: "2026-12-01T09:00:00+08:00",
    callTime: [{ start: "10:00", end: "12:00" }],
    callDays: ["MONDAY", "FRIDAY"],
    missCallRetry: true,
    callRetryTimes: 2,
    callRetryInterval: 30,
    taskCps: 4,
    callees: ["+8613012345678", { number: "+8613112345678", variables: { name: "Li" } }],
    ...over,
});

describe("AiCallTask as a campaign", () => {
    beforeEach(resetProcessState);

    it("reads its windows in the provider's zone setting, its retries in minutes as seconds", () => {
        const r = aiCallTaskKind.read(task());
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.campaign, {
            callees: ["+8613012345678", "+8613112345678"],
            callers: ["+8657100000000"],
            schedule: { start: Date.UTC(2026, 11, 1, 1) / 1000, timeZone: "Asia/Shanghai", timeZoneSource: "setting", windows: [{ start: "10:00:00", end: "12:00:00", days: ["Monday", "Friday"], label: "Mon,Fri" }] },
            attempts: { tries: 3, retryInterval: 1800 },
            pace: { concurrency: 4 },
        });
        rememberConfig(configOf({ "alicloud:aiccsWindowTimeZone": "Asia/Hong_Kong" }));
        assert.equal(aiCallTaskKind.read(task()).campaign.schedule.timeZone, "Asia/Hong_Kong");
    });

    it("reports a bad field against the campaign part it holds, and keeps the rest", () => {
        const r = aiCallTaskKind.read(task({ callDays: ["FUNDAY"], taskCps: 900 }));
        assert.deepEqual(r.failures.map((f) => [f.property, f.concern]), [["callDays[0]", "windows"], ["taskCps", "pace"]]);
        assert.equal(r.campaign.schedule.windows, undefined);
        assert.deepEqual(r.campaign.attempts, { tries: 3, retryInterval: 1800 });
    });

    it("is blocked by the unchanged pack for a night window, the message naming the resource", () => {
        assert.deepEqual(check(allowedHours, task(), {}, TOKEN), []);
        assert.deepEqual(check(allowedHours, task({ callTime: [{ start: "21:30", end: "23:00" }] }), {}, TOKEN), [
            "reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 21:30–23:00 Asia/Shanghai (Mon,Fri) is 21:30–23:00 there (from Fri 2026-12-04): outside 08:00–21:00",
        ]);
        // IMMEDIATE: judged from now on.
        const immediate = check(allowedHours, task({ startType: "IMMEDIATE", taskStartTime: undefined, callTime: [{ start: "21:30", end: "23:00" }] }), {}, TOKEN);
        assert.equal(immediate.length, 1);
        assert.match(immediate[0], /^reminders: 2 callees \(\+86\*{9}78, \+86\*{9}78\) in Asia\/Shanghai: window 21:30–23:00 Asia\/Shanghai \(Mon,Fri\) is 21:30–23:00 there \(from \w{3} \d{4}-\d\d-\d\d\): outside 08:00–21:00$/);
    });

    it("is reviewed: an update in place says the task stops briefly, counts added and cancelled callees, and that callees being called stay", () => {
        const outputs = { taskId: "118712345678900001", status: 1, statusName: "running", progress: { total: 2, pending: 2, completed: 0, failed: 0 } };
        const news = task({ callTime: [{ start: "10:30", end: "11:30" }], callees: ["+8613012345678", "+8613212345678", "+8613312345678"] });
        const preview = parsePreview(
            JSON.stringify({
                steps: [{ op: "update", urn: `urn:pulumi:dev::calls::${TOKEN}::ai`, oldState: { id: outputs.taskId, inputs: task(), outputs: { ...task(), ...outputs } }, newState: { inputs: news }, diffReasons: ["callTime", "callees"] }],
            }),
        );
        const summary = summarize({ preview });
        const [c] = summary.campaigns;
        assert.deepEqual([c.name, c.action, c.taskId, c.taskState], ["ai", "update", "118712345678900001", "running"]);
        assert.deepEqual([c.callees.added, c.callees.removed], [2, 1]);
        const md = renderMarkdown(summary).split("\n");
        for (const line of [
            "- **What**: task 118712345678900001 (running) is updated in place: the task stops briefly while its fields change, then starts again if it was running; 2 added callee(s) imported; 1 removed callee(s) cancelled where still pending (callees already queued or being called stay)",
            "  - `callTime`: 10:00–12:00 → 10:30–11:30",
        ]) {
            assert.ok(md.includes(line), `missing: ${line}\n${md.join("\n")}`);
        }
    });
});
