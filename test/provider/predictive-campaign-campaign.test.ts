// The PredictiveDialingCampaign as a campaign: its adapter's reading (windows from availableTime, or
// the whole startTime–endTime span when it declares none), and the unchanged policy pack judging it.
import { strict as assert } from "assert";
import { allowedHours } from "../../policy/policies/allowed-hours";
import { spanWindows } from "../../campaign/span";
import { predictiveCampaignKind, SPAN_LABEL } from "../../provider/predictive-campaign/campaign";
import { kindOfType } from "../../provider/kinds";
import { resetProcessState } from "../../provider/shared/process";
import { check } from "../support/policy-harness";
import { predictiveCampaign } from "../support/provider-harness";

const TOKEN = predictiveCampaignKind.tokens.dynamic;
const ALL_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Tuesday 2026-12-01 09:00 to Thursday 2026-12-03 20:00, Shanghai. */
const START = Date.UTC(2026, 11, 1, 1) / 1000;
const END = Date.UTC(2026, 11, 3, 12) / 1000;
const campaign = (over: Record<string, unknown> = {}) =>
    predictiveCampaign({ callees: ["+8613012345678", "+8613112345678"], retryTimes: 2, startTime: "2026-12-01T09:00:00+08:00", endTime: "2026-12-03T20:00:00+08:00", availableTime: [{ start: "10:00", end: "12:00" }], ...over });

describe("PredictiveDialingCampaign as a campaign", () => {
    beforeEach(resetProcessState);

    it("is a kind of the list, by either token", () => {
        assert.equal(kindOfType("pulumi-nodejs:dynamic/tencentcloud-ccc:PredictiveDialingCampaign"), predictiveCampaignKind);
        assert.equal(kindOfType("tencentcloud-ccc:index:PredictiveDialingCampaign"), predictiveCampaignKind);
    });

    it("reads availableTime as windows every day in timeZone, retries as tries", () => {
        const r = predictiveCampaignKind.read(campaign());
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.campaign, {
            callees: ["+8613012345678", "+8613112345678"],
            callers: ["+8602012345678"],
            schedule: { start: START, end: END, timeZone: "Asia/Shanghai", timeZoneSource: "task", windows: [{ start: "10:00:00", end: "12:00:00", days: ALL_WEEK, label: "every day" }] },
            attempts: { tries: 3, retryInterval: 600 },
            pace: {},
        });
    });

    it("without availableTime, reads each day of the span as a window of the hours it covers", () => {
        const { availableTime: _, ...noWindows } = campaign();
        assert.deepEqual(predictiveCampaignKind.read(noWindows).campaign.schedule.windows, [
            { start: "09:00:00", end: "23:59:59", days: ["Tuesday"], label: `Tue, ${SPAN_LABEL}` },
            { start: "00:00:00", end: "23:59:59", days: ["Wednesday"], label: `Wed, ${SPAN_LABEL}` },
            { start: "00:00:00", end: "20:00:00", days: ["Thursday"], label: `Thu, ${SPAN_LABEL}` },
        ]);
        // Within one day: one window. Over more than a week: every weekday whole.
        assert.deepEqual(spanWindows(START, START + 3600, "Asia/Shanghai", SPAN_LABEL), [{ start: "09:00:00", end: "10:00:00", days: ["Tuesday"], label: `Tue, ${SPAN_LABEL}` }]);
        assert.deepEqual(
            spanWindows(START, START + 9 * 86400, "Asia/Shanghai", SPAN_LABEL),
            ALL_WEEK.map((d) => ({ start: "00:00:00", end: "23:59:59", days: [d], label: `${d.slice(0, 3)}, ${SPAN_LABEL}` })),
        );
        // In the campaign's zone: 09:00 Shanghai is 01:00 UTC.
        assert.deepEqual(spanWindows(START, START + 3600, "UTC", SPAN_LABEL), [{ start: "01:00:00", end: "02:00:00", days: ["Tuesday"], label: `Tue, ${SPAN_LABEL}` }]);
    });

    it("leaves the span's windows unknown while its start is, and out when its end fails", () => {
        const { availableTime: _, ...noWindows } = campaign();
        const unknown = predictiveCampaignKind.read({ ...noWindows, startTime: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" });
        assert.deepEqual([unknown.unknown.has("windows"), unknown.campaign.schedule.windows], [true, undefined]);
        const failed = predictiveCampaignKind.read({ ...noWindows, endTime: "tomorrow" });
        assert.deepEqual(failed.failures.map((f) => [f.property, f.concern]), [["endTime", "end"]]);
        assert.deepEqual([failed.failed.has("windows"), failed.campaign.schedule.windows], [true, undefined]);
    });

    it("reports a bad field against the campaign part it holds, and keeps the rest", () => {
        const r = predictiveCampaignKind.read(campaign({ retryTimes: 5, callers: ["12"] }));
        assert.deepEqual(r.failures.map((f) => [f.property, f.concern]), [["callers[0]", "callers"], ["retryTimes", "tries"]]);
        assert.equal(r.campaign.callers, undefined);
        assert.deepEqual(r.campaign.attempts, { tries: 1, retryInterval: 600 });
    });

    it("is blocked by the unchanged pack for a night window, and without windows on its whole span", () => {
        assert.deepEqual(check(allowedHours, campaign(), {}, TOKEN), []);
        assert.deepEqual(check(allowedHours, campaign({ availableTime: [{ start: "21:30", end: "23:00" }] }), {}, TOKEN), [
            "reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 21:30–23:00 Asia/Shanghai (every day) is 21:30–23:00 there (from Tue 2026-12-01): outside 08:00–21:00",
        ]);
        const { availableTime: _, ...noWindows } = campaign();
        // A span inside the allowed hours passes; one across the evening is refused where it runs late.
        assert.deepEqual(check(allowedHours, { ...noWindows, endTime: "2026-12-01T20:00:00+08:00" }, {}, TOKEN), []);
        assert.deepEqual(check(allowedHours, noWindows, {}, TOKEN), [
            `reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 09:00–23:59:59 Asia/Shanghai (Tue, ${SPAN_LABEL}) is 09:00–23:59:59 there (from Tue 2026-12-01): outside 08:00–21:00`,
            `reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 00:00–23:59:59 Asia/Shanghai (Wed, ${SPAN_LABEL}) is 00:00–23:59:59 there (from Wed 2026-12-02): outside 08:00–21:00`,
            `reminders: 2 callees (+86*********78, +86*********78) in Asia/Shanghai: window 00:00–20:00 Asia/Shanghai (Thu, ${SPAN_LABEL}) is 00:00–20:00 there (from Thu 2026-12-03): outside 08:00–21:00`,
        ]);
    });
});
