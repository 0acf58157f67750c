// CCC's adapter to the campaign model (provider/callout-task/campaign.ts): each CalloutTask input
// onto its part of the campaign, CCC's defaults, unknowns and failures by part, and the lifecycle facts.
import { strict as assert } from "assert";
import { campaignSchema } from "../../campaign/model";
import { calloutTaskKind, readCalloutTask } from "../../provider/callout-task/campaign";
import { FIELD_NAMES, TYPE_TOKEN, UNKNOWN } from "../../provider/callout-task/schema";
import { kindOfType } from "../../provider/kinds";
import { PLUGIN_TYPE_TOKEN } from "../../plugin/schema";
import { task } from "../support/policy-harness";

const DEC_1_0900_SHANGHAI = 1796086800;
const DEC_4_2000_SHANGHAI = 1796385600;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const EVERY_DAY = [...WEEKDAYS, "Saturday", "Sunday"];

describe("CalloutTask as a campaign", () => {
    it("maps each input onto its part of the campaign", () => {
        const r = readCalloutTask(task({ ivrId: undefined, aiAgentId: 3, concurrencyLimit: 20, callers: ["008602012345678"], retryInterval: 1200 }));
        assert.deepEqual(r.failures, []);
        assert.deepEqual(r.campaign, {
            // Callees as written (the policies analyse them once); callers normalised by the schema.
            callees: ["+8613012345678", "+8613112345678", "+8613212345678"],
            callers: ["+8602012345678"],
            schedule: {
                start: DEC_1_0900_SHANGHAI,
                end: DEC_4_2000_SHANGHAI,
                timeZone: "Asia/Shanghai",
                timeZoneSource: "task",
                windows: [{ start: "10:00:00", end: "12:00:00", days: WEEKDAYS, label: "Mon,Tue,Wed,Thu,Fri" }],
            },
            attempts: { tries: 2, retryInterval: 1200 },
            pace: { concurrency: 20 },
        });
        assert.deepEqual([...r.failed, ...r.unknown], []);
        // Every part read: a whole campaign by the model's schema.
        assert.deepEqual(campaignSchema.parse(r.campaign), r.campaign);
    });

    it("maps every day type, BusinessDay and Holiday with the calendar that moves their days", () => {
        const config = ["EveryDay", "BusinessDay", "Holiday"].map((dayType, i) => ({ dayType, timeRanges: [{ start: `0${i + 1}:00`, end: `0${i + 1}:30` }] }));
        const { windows } = readCalloutTask(task({ availableWorkTimeConfig: config })).campaign.schedule;
        assert.deepEqual(windows, [
            { start: "01:00:00", end: "01:30:00", days: EVERY_DAY, label: "EveryDay" },
            { start: "02:00:00", end: "02:30:00", days: WEEKDAYS, calendar: "workdays", label: "BusinessDay" },
            { start: "03:00:00", end: "03:30:00", days: EVERY_DAY, calendar: "holidays", label: "Holiday" },
        ]);
    });

    it("takes availableTime over availableWorkTimeConfig, as CCC does", () => {
        const { windows } = readCalloutTask(task({ availableTime: [{ start: "09:00", end: "11:00" }] })).campaign.schedule;
        assert.deepEqual(windows, [{ start: "09:00:00", end: "11:00:00", days: EVERY_DAY, label: "every day" }]);
    });

    it("fills CCC's defaults: its zone (not declared), one try, 600 s between tries, no windows", () => {
        const { campaign } = readCalloutTask(task({ timeZone: undefined, tries: undefined, retryInterval: undefined, availableWorkTimeConfig: undefined, notAfter: undefined }));
        assert.deepEqual(campaign.schedule, { start: DEC_1_0900_SHANGHAI, timeZone: "Asia/Shanghai", timeZoneSource: "assumed", windows: [] });
        assert.deepEqual(campaign.attempts, { tries: 1, retryInterval: 600 });
        assert.deepEqual(campaign.pace, {});
    });

    it("reports a failure by CCC's field name and the part it holds, and keeps the rest", () => {
        const r = readCalloutTask(task({ tries: 9, sdkAppId: -1, availableTime: [{ start: "10:00", end: "09:00" }] }));
        assert.deepEqual(r.failures, [
            { property: "sdkAppId", reason: "Too small: expected number to be >0", concern: undefined },
            { property: "tries", reason: "Too big: expected number to be <=3", concern: "tries" },
            { property: "availableTime[0].end", reason: "start must be before end (a window cannot cross midnight: split it in two)", concern: "windows" },
        ]);
        assert.deepEqual([...r.failed].sort(), ["tries", "windows"]);
        assert.equal(r.campaign.schedule.windows, undefined);
        // A refused try count is judged as not given; its violation is reported on its own.
        assert.equal(r.campaign.attempts.tries, 1);
        assert.equal(r.campaign.schedule.start, DEC_1_0900_SHANGHAI);
        assert.equal(readCalloutTask(task({ callees: "+8613012345678" })).failures[0].concern, "callees");
    });

    it("marks parts not known yet (preview) and leaves them out", () => {
        const r = readCalloutTask(task({ notBefore: UNKNOWN, callees: [UNKNOWN], availableWorkTimeConfig: [{ dayType: "Custom", daysOfWeek: [UNKNOWN], timeRanges: [{ start: "10:00", end: "12:00" }] }] }));
        assert.deepEqual([...r.unknown].sort(), ["callees", "start", "windows"]);
        assert.deepEqual([r.campaign.callees, r.campaign.schedule.start, r.campaign.schedule.windows], [undefined, undefined, undefined]);
        assert.equal(r.campaign.schedule.end, DEC_4_2000_SHANGHAI);
    });

    it("is found by both of its type tokens", () => {
        assert.equal(kindOfType(TYPE_TOKEN), calloutTaskKind);
        assert.equal(kindOfType(PLUGIN_TYPE_TOKEN), calloutTaskKind);
        assert.equal(kindOfType("aws:s3/bucket:Bucket"), undefined);
        assert.deepEqual(calloutTaskKind.tokens, { dynamic: "pulumi-nodejs:dynamic/tencentcloud-ccc:CalloutTask", plugin: "tencentcloud-ccc:index:CalloutTask" });
    });

    it("declares its lifecycle facts", () => {
        const { lifecycle } = calloutTaskKind;
        assert.deepEqual(lifecycle.updatable, ["paused"]);
        assert.deepEqual(lifecycle.secret, ["callees", "calleeAttributes", "triggerStrategy"]);
        assert.deepEqual(lifecycle.inputOrder, FIELD_NAMES);
        assert.deepEqual(lifecycle.states, {
            all: ["initial", "running", "completed", "ending", "terminated", "paused"],
            restarting: ["running", "paused"],
            finished: ["completed", "ending", "terminated"],
            final: ["completed", "terminated"],
        });
        const outputs = { taskId: 1000001, stateName: "running", progress: { total: 10, initial: 4, answered: 3, notAnswered: 1, calling: 1, awaitingRetry: 1 } };
        assert.deepEqual(lifecycle.progress(outputs), { total: 10, dialed: 6, reached: 3, notAnswered: 1, pending: 2 });
        assert.equal(lifecycle.progress({ progress: { total: 1 } }), undefined);
        assert.deepEqual([lifecycle.taskId(outputs), lifecycle.stateName(outputs)], [1000001, "running"]);
        assert.deepEqual([lifecycle.paused({ paused: true }), lifecycle.paused({}), lifecycle.redialsEveryone({ redial: "everyone" }), lifecycle.redialsEveryone({})], [true, false, true, false]);
    });

    it("shows its window inputs and withholds free text", () => {
        assert.equal(calloutTaskKind.display("availableTime", [{ start: "09:00:00", end: "12:00:00" }]), "09:00–12:00");
        assert.equal(calloutTaskKind.display("availableWorkTimeConfig", [{ dayType: "Custom", daysOfWeek: ["Monday", "Friday"], timeRanges: [{ start: "09:00:00", end: "12:00:00" }] }, { dayType: "Holiday", timeRanges: [{ start: "10:00:00", end: "11:00:00" }] }]), "Mon,Fri 09:00–12:00; Holiday 10:00–11:00");
        assert.equal(calloutTaskKind.display("uui", "account 42"), "(not shown)");
        assert.equal(calloutTaskKind.display("tries", 2), undefined);
    });
});
