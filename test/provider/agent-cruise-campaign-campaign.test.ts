// The AgentCruiseDialingCampaign as a campaign: no windows, so its StartTime–EndTime span is read as
// windows (campaign/span.ts), and the unchanged policy pack judges it.
import { strict as assert } from "assert";
import { spanWindows } from "../../campaign/span";
import { allowedHours, policies } from "../../policy/policies";
import { agentCruiseCampaignKind } from "../../provider/agent-cruise-campaign/campaign";
import { UNKNOWN } from "../../provider/agent-cruise-campaign/schema";
import { check } from "../support/policy-harness";

const TOKEN = agentCruiseCampaignKind.tokens.dynamic;
/** Tuesday 2026-12-01, 09:00–17:00 in Shanghai. */
const campaign = (over: Record<string, unknown> = {}) => ({
    sdkAppId: 1400123455,
    name: "agent-cruise",
    agent: "agent1@example.com",
    concurrencyNumber: 3,
    startTime: "2026-12-01T09:00:00+08:00",
    endTime: "2026-12-01T17:00:00+08:00",
    callees: ["+8613012345678", "+8613112345678"],
    callers: ["008602012345678"],
    ...over,
});

describe("AgentCruiseDialingCampaign as a campaign", () => {
    it("reads its span as the windows of the days it touches, one attempt each, concurrencyNumber calls at once", () => {
        const r = agentCruiseCampaignKind.read(campaign());
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.campaign, {
            callees: ["+8613012345678", "+8613112345678"],
            callers: ["+8602012345678"],
            schedule: {
                start: Date.UTC(2026, 11, 1, 1) / 1000,
                end: Date.UTC(2026, 11, 1, 9) / 1000,
                timeZone: "Asia/Shanghai",
                timeZoneSource: "setting",
                windows: [{ start: "09:00:00", end: "17:00:00", days: ["Tuesday"], label: "Tue, startTime–endTime span" }],
            },
            attempts: { tries: 1, retryInterval: 0 },
            pace: { concurrency: 3 },
        });
    });

    it("spanWindows: a span over midnight is two days' windows; a weekday met twice gets the hull; a week or more is every hour", () => {
        const at = (iso: string) => Date.parse(iso) / 1000;
        assert.deepEqual(spanWindows(at("2026-12-01T20:00:00+08:00"), at("2026-12-02T08:30:00+08:00"), "Asia/Shanghai", "span"), [
            { start: "20:00:00", end: "23:59:59", days: ["Tuesday"], label: "Tue, span" },
            { start: "00:00:00", end: "08:30:00", days: ["Wednesday"], label: "Wed, span" },
        ]);
        const sevenAndAHalf = spanWindows(at("2026-12-01T20:00:00+08:00"), at("2026-12-08T08:00:00+08:00"), "Asia/Shanghai", "span");
        assert.deepEqual(sevenAndAHalf.map((w) => [w.days[0], w.start, w.end]), [
            ["Monday", "00:00:00", "23:59:59"],
            ["Tuesday", "00:00:00", "23:59:59"],
            ["Wednesday", "00:00:00", "23:59:59"],
            ["Thursday", "00:00:00", "23:59:59"],
            ["Friday", "00:00:00", "23:59:59"],
            ["Saturday", "00:00:00", "23:59:59"],
            ["Sunday", "00:00:00", "23:59:59"],
        ]);
        assert.equal(spanWindows(at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), "UTC", "span").length, 7);
        // An end at midnight adds no empty window on the next day.
        assert.deepEqual(spanWindows(at("2026-12-01T22:00:00+08:00"), at("2026-12-02T00:00:00+08:00"), "Asia/Shanghai", "span").map((w) => w.days[0]), ["Tuesday"]);
    });

    it("an unknown or bad end leaves the windows unknown or failed, not guessed", () => {
        const unknown = agentCruiseCampaignKind.read(campaign({ endTime: UNKNOWN }));
        assert.deepEqual([[...unknown.unknown].sort(), unknown.campaign.schedule.windows], [["end", "windows"], undefined]);
        const bad = agentCruiseCampaignKind.read(campaign({ endTime: "2026-12-01T08:00:00+08:00", concurrencyNumber: 30 }));
        assert.deepEqual(bad.failures.map((f) => [f.property, f.concern]), [["concurrencyNumber", "pace"], ["endTime", "end"]]);
        assert.deepEqual([[...bad.failed].sort(), bad.campaign.schedule.windows], [["end", "pace", "windows"], undefined]);
    });

    it("a day span passes every policy of the pack; a night span is blocked, the message naming the span", () => {
        for (const policy of policies) if ("validateResource" in policy) assert.deepEqual([policy.name, check(policy, campaign(), {}, TOKEN)], [policy.name, []]);
        assert.deepEqual(check(allowedHours, campaign({ startTime: "2026-12-01T20:00:00+08:00", endTime: "2026-12-01T23:00:00+08:00" }), {}, TOKEN), [
            "reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 20:00–23:00 Asia/Shanghai (Tue, startTime–endTime span) is 20:00–23:00 there (from Tue 2026-12-01): outside 08:00–21:00",
        ]);
    });

    it("lifecycle facts: nothing updates in place, no pause; progress from the called count", () => {
        const { lifecycle } = agentCruiseCampaignKind;
        assert.deepEqual([lifecycle.updatable, lifecycle.secret, lifecycle.states], [[], ["callees"], { all: ["notStarted", "running", "completed", "terminated"], restarting: ["running"], finished: ["completed", "terminated"], final: ["completed", "terminated"] }]);
        assert.equal(lifecycle.paused({ paused: true }), false);
        assert.deepEqual(lifecycle.progress({ progress: { total: 5, called: 2 } }), { total: 5, dialed: 2, reached: 2, notAnswered: 0, pending: 0, outcomes: false });
        assert.deepEqual([lifecycle.taskId({ campaignId: 5000001 }), lifecycle.stateName({ stateName: "running" })], [5000001, "running"]);
    });
});
