import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CampaignFileError, loadCampaigns } from "../../program/campaigns";

const FIXTURES = path.resolve(__dirname, "../fixtures/campaigns");
/** The loader's clock: 2026-11-25T12:00:00Z. */
const NOW = Date.UTC(2026, 10, 25, 12) / 1000;

function problemsOf(dir: string): string[] {
    try {
        loadCampaigns(dir, { now: NOW, warn: assert.fail });
    } catch (e) {
        assert.ok(e instanceof CampaignFileError, String(e));
        return e.problems;
    }
    assert.fail(`${dir} was accepted`);
}

describe("Campaign files", () => {
    it("reads every campaign, normalised, with a warning for a start already passed", () => {
        const warnings: string[] = [];
        const campaigns = loadCampaigns(path.join(FIXTURES, "good"), { now: NOW, warn: (m) => warnings.push(m) });
        assert.deepEqual(
            campaigns.map((c) => [c.name, c.file]),
            [
                ["delivery-checks", "good/delivery-checks.yml"],
                ["spring-reminders", "good/spring-reminders.yaml"],
            ],
        );
        assert.deepEqual(warnings, ["good/spring-reminders.yaml: notBefore: 2026-11-25T01:00:00Z has already passed: CCC starts the task at once"]);
        const read = campaigns[1];
        assert.equal(read.kind, "CalloutTask");
        if (read.kind !== "CalloutTask") return;
        const spring = read.inputs;
        assert.deepEqual(spring.callees, ["+8613012345678", "+8613112345678"]);
        assert.equal(spring.notBefore, Date.UTC(2026, 10, 25, 1) / 1000);
        assert.deepEqual(spring.availableTime, [{ start: "09:00:00", end: "12:00:00" }, { start: "12:00:00", end: "18:00:00" }]);
    });

    it("chooses the resource by kind: (CalloutTask by default), the AiCallTask's and the PredictiveDialingCampaign's inputs read by their own schemas", () => {
        const campaigns = loadCampaigns(path.join(FIXTURES, "kinds"), { now: NOW, warn: assert.fail });
        assert.deepEqual(campaigns.map((c) => [c.name, c.kind]), [["ai-reminders", "AiCallTask"], ["default-kind", "CalloutTask"], ["predictive-reminders", "PredictiveDialingCampaign"]]);
        assert.deepEqual(campaigns[2].inputs, {
            sdkAppId: 1400123455,
            name: "predictive-reminders",
            callees: ["+8613012345678"],
            callers: ["+8602012345678"],
            callOrder: 1,
            skillGroupId: 7,
            priority: 2,
            expectedAbandonRate: 10,
            retryInterval: 600,
            startTime: Date.UTC(2026, 11, 1, 1) / 1000,
            endTime: Date.UTC(2026, 11, 3, 12) / 1000,
            availableTime: [{ start: "09:00:00", end: "12:00:00" }],
            paused: false,
            redial: "unreached",
        });
        assert.deepEqual(campaigns[0].inputs, {
            taskName: "ai-reminders",
            agentId: "agent-1",
            virtualNumber: "057100000000",
            startType: "SCHEDULE",
            taskStartTime: Date.UTC(2026, 11, 1, 1) / 1000,
            callTime: [{ start: "09:00:00", end: "12:00:00" }],
            callDays: ["MONDAY", "TUESDAY"],
            callRetryTimes: 2,
            callees: [{ number: "+8613012345678" }, { number: "+8613112345678", variables: { name: "Li" } }],
            redial: "unreached",
        });
    });

    it("lists a bad kind, an AiCallTask's and a PredictiveDialingCampaign's bad fields, a taskName and a campaign name used twice, in one pass", () => {
        assert.deepEqual(problemsOf(path.join(FIXTURES, "kinds-broken")), [
            'kinds-broken/a.yaml: kind: must be one of CalloutTask, AiCallTask, PredictiveDialingCampaign, AgentCruiseDialingCampaign (default CalloutTask), got "Robot"',
            "kinds-broken/b.yaml: callRetryTimes: must be at most 3",
            "kinds-broken/b.yaml: taskCps: must be at most 500",
            "kinds-broken/b.yaml: taskStartTime: is required when startType is SCHEDULE",
            "kinds-broken/e.yaml: skillGroupId: is required",
            "kinds-broken/e.yaml: priority: must be 1–5",
            "kinds-broken/e.yaml: expectedAbandonRate: must be 5–50 percent",
            'kinds-broken/d.yaml: taskName: "shared-name" is already the taskName of kinds-broken/c.yaml; AICCS task names are unique per account',
            'kinds-broken/g.yaml: name: "shared-campaign" is already the name of kinds-broken/f.yaml in SdkAppId 1400123455; the provider tells predictive campaigns apart by name',
        ]);
    });

    it("reads an AgentCruiseDialingCampaign by its own schema; lists its bad fields and a name used twice in one application", () => {
        const [cruise] = loadCampaigns(path.join(FIXTURES, "agent-cruise"), { now: NOW, warn: assert.fail });
        assert.deepEqual([cruise.name, cruise.kind, cruise.inputs], [
            "cruise",
            "AgentCruiseDialingCampaign",
            {
                sdkAppId: 1400123455,
                name: "december-follow-ups",
                agent: "agent1@example.com",
                concurrencyNumber: 3,
                startTime: Date.UTC(2026, 11, 1, 1) / 1000,
                endTime: Date.UTC(2026, 11, 1, 9) / 1000,
                callees: ["+8613012345678", "+8613112345678"],
                callOrder: 1,
                redial: "uncalled",
            },
        ]);
        assert.deepEqual(problemsOf(path.join(FIXTURES, "agent-cruise-broken")), [
            "agent-cruise-broken/a.yaml: paused: is not an AgentCruiseDialingCampaign input (check the spelling; inputs are camelCase)",
            "agent-cruise-broken/a.yaml: agent: must not be empty",
            "agent-cruise-broken/a.yaml: concurrencyNumber: must be at most 20",
            "agent-cruise-broken/a.yaml: endTime: must be after startTime",
            'agent-cruise-broken/c.yaml: name: "shared-name" is already the name of agent-cruise-broken/b.yaml in SdkAppId 1400123455; the provider tells agent cruise campaigns apart by name',
        ]);
    });

    it("is a RunError, which Pulumi prints without a stack trace", () => {
        assert.ok(pulumi.RunError.isInstance(new CampaignFileError(["x"])));
    });

    it("lists every problem of every file at once, naming file and field, cross-field rules and duplicate keys included", () => {
        assert.deepEqual(problemsOf(path.join(FIXTURES, "broken")), [
            "broken/Not-A-Name.yaml: file name must be lowercase letters, digits and dashes (it names the resource)",
            'broken/Not-A-Name.yaml: notBefore: "2026-02-30T09:00:00+08:00": 2026-02-30 is not a date in the calendar',
            "broken/ended.yaml: tries: written more than once (again on line 7); YAML keeps only the last one",
            'broken/ended.yaml: callees[1]: +86*********78 contains "x" (U+0078): only digits 0-9, a leading + and the separators space - ( ) . are allowed',
            'broken/ended.yaml: callers[0]: is a number, not text (+86*********78); an unquoted 00… or +… loses its prefix in YAML: write it in quotes, as "0086…" or "+86…"',
            'broken/ended.yaml: availableWorkTimeConfig[0].timeRanges[0].start: "9:30" must be HH:MM or HH:MM:SS, 24-hour, 00:00–23:59 (write 09:30)',
            "broken/ended.yaml: availableWorkTimeConfig[0].timeRanges[2]: 15:00–17:00 overlaps 14:00–16:00 (window [1]): windows must not overlap",
            "broken/ended.yaml: aiAgentId: exactly one of ivrId and aiAgentId must be set",
            "broken/ended.yaml: notAfter: 2026-11-20T12:00:00Z has already passed (now 2026-11-25T12:00:00Z): the task could never dial; move the dates, or remove a campaign that has run",
            "broken/list.yaml: must be a mapping of CalloutTask inputs",
            "broken/unclosed.yaml: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1",
        ]);
    });

    it("never shows a full callee number in a problem", () => {
        const text = problemsOf(path.join(FIXTURES, "broken")).join("\n");
        assert.ok(!/\d{6}/.test(text.replace(/2026-\d\d-\d\d/g, "")), text);
    });

    it("names a missing folder", () => {
        assert.deepEqual(problemsOf(path.join(FIXTURES, "missing")), [`${path.join(FIXTURES, "missing")}: folder not found`]);
    });
});
