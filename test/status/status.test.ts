// ccc-status on stack exports captured from the real engine and the emulator (test/fixtures/previews),
// for each kind (CCC's CalloutTask, AiCallTask, the predictive and agent cruise campaigns; the tests'
// second kind, fakevendor's Dialer): exact text, table and JSON; the bin in a terminal (tmux) and
// through a pipe; the options and bad input.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import type { StateResource } from "../../review/input";
import { REPO } from "../../scripts/pulumi-cli";
import { main, OPTIONS, statusText, USAGE } from "../../status/cli";
import { renderTable, renderText, TABLE_COLUMNS, wrap } from "../../status/render";
import { statusOf } from "../../status/view";
import { agentCruiseCampaignKind } from "../../provider/agent-cruise-campaign/campaign";
import { aiCallTaskKind } from "../../provider/ai-call-task/campaign";
import { predictiveCampaignKind } from "../../provider/predictive-campaign/campaign";
import { dialerKind } from "../support/fake-kind";
import { FIXTURES } from "../review/golden";
import { inTerminal } from "../support/terminal";

const exportOf = (scenario: string) => fs.readFileSync(path.join(FIXTURES, scenario, "state.json"), "utf8");
const at = (iso: string) => DateTime.fromISO(iso).toSeconds();
/** 10:30 in Shanghai on the campaigns' first day: the reminders' window is open. */
const MID_WINDOW = "2027-03-01T10:30:00+08:00";
const BIN = path.join(REPO, "status", "bin.ts");

function run(args: string[], io: Partial<Parameters<typeof main>[1]> = {}) {
    let stdout = "";
    let stderr = "";
    const code = main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, ...io });
    return { code, stdout, stderr };
}

const RUNNING_TEXT = `status at 2027-03-01T02:30:00Z

progress bars: # answered, x failed, ~ pending, . not dialed

reminders (CalloutTask 1000001): running
  progress: [#######~~~~~~~~~~~~~] 3/3 dialed: 1 answered, 0 failed, 2 pending
  next window: open now: Mon 2027-03-01 09:00–12:00 Asia/Shanghai (task)
    callees: Mon 2027-03-01 09:00–12:00 Asia/Shanghai
  blocked: no

surveys (CalloutTask 1000002): completed
  progress: [####################] 2/2 dialed: 2 answered, 0 failed, 0 pending
  next window: none
  blocked: ended (the task is completed)
`;

const RUNNING_TABLE = `status at 2027-03-01T02:30:00Z

CAMPAIGN     STATE      PROGRESS              NEXT WINDOW                 BLOCKED
───────────  ─────────  ────────────────────  ──────────────────────────  ─────────────────────
reminders    running    ███████▒▒▒▒▒▒▒▒▒▒▒▒▒  open now                    —
CalloutTask             3/3 dialed            Mon 2027-03-01 09:00–12:00
1000001                 1 answered              in Asia/Shanghai (task)
                        0 failed              Mon 2027-03-01 09:00–12:00
                        2 pending               callees in Asia/Shanghai

surveys      completed  ████████████████████  none                        ended:
CalloutTask             2/2 dialed                                        the task is completed
1000002                 2 answered
                        0 failed
                        0 pending

progress: █ answered  ▓ failed  ▒ pending  ░ not dialed
`;

describe("ccc-status: CalloutTask campaigns from a stack export", () => {
    it("a running and a completed campaign, as plain text", () => {
        assert.equal(statusText(exportOf("replace-started"), at(MID_WINDOW), "text"), RUNNING_TEXT);
    });

    it("the same as a table", () => {
        assert.equal(statusText(exportOf("replace-started"), at(MID_WINDOW), "table"), RUNNING_TABLE);
    });

    it("as JSON: the same facts, for bots", () => {
        const json = JSON.parse(statusText(exportOf("replace-started"), at(MID_WINDOW), "json"));
        assert.equal(json.at, "2027-03-01T02:30:00Z");
        assert.deepEqual(json.campaigns[0], {
            name: "reminders",
            kind: "CalloutTask",
            taskId: 1000001,
            state: "running",
            progress: { total: 3, dialed: 3, answered: 1, failed: 0, pending: 2, notDialed: 0 },
            next: {
                opens: "2027-03-01T09:00+08:00",
                closes: "2027-03-01T12:00+08:00",
                openNow: true,
                task: { zones: ["Asia/Shanghai"], text: "Mon 2027-03-01 09:00–12:00" },
                callees: [{ zones: ["Asia/Shanghai"], text: "Mon 2027-03-01 09:00–12:00" }],
            },
        });
        assert.deepEqual([json.campaigns[1].blocked, json.campaigns[1].reason, json.campaigns[1].next], ["ended", "the task is completed", undefined]);
    });

    it("after the last window of the campaigns: no window left; a paused one says so", () => {
        const late = statusText(exportOf("pause"), at("2027-03-04T19:00:00+08:00"), "text");
        assert.match(late, /^reminders \(CalloutTask 1000001\): initial\n {2}progress: \[\.{20}\] 0\/3 dialed: 0 answered, 0 failed, 0 pending\n {2}next window: none\n {2}blocked: no window left \(no call window opens before its end\)$/m);
        const paused = statusText(exportOf("resume"), at("2027-03-01T13:00:00+08:00"), "text");
        assert.match(paused, /^surveys \(CalloutTask 1000002\): paused\n.*\n {2}next window: Tue 2027-03-02 09:00–12:00 Asia\/Shanghai \(task\)\n {4}callees: Tue 2027-03-02 09:00–12:00 Asia\/Shanghai\n {2}blocked: paused \(its inputs pause it\)$/m);
        const ended = statusText(exportOf("pause"), at("2027-03-05T09:00:00+08:00"), "text");
        assert.match(ended, /blocked: ended \(its end passed \(2027-03-04T20:00\+08:00\)\)/);
    });

    it("an export without --show-secrets: the callees' zones are not guessed, and no number appears in any form", () => {
        const text = exportOf("replace-started");
        // What `pulumi stack export` writes without --show-secrets: the envelope's ciphertext, no plaintext.
        const encrypt = (v: unknown): unknown =>
            Array.isArray(v) ? v.map(encrypt) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => (k === "plaintext" ? ["ciphertext", "v1:AAAA"] : [k, encrypt(x)]))) : v;
        const hidden = JSON.stringify(encrypt(JSON.parse(text)));
        assert.ok(!hidden.includes("+8613"));
        const out = statusText(hidden, at(MID_WINDOW), "text");
        assert.match(out, /next window: open now: Mon 2027-03-01 09:00–12:00 Asia\/Shanghai \(task\)\n {4}callees' zones: secret in this export \(use --show-secrets\)/);
        for (const format of ["text", "table", "json"] as const) {
            const shown = statusText(text, at(MID_WINDOW), format);
            for (const n of text.match(/\+86\d{11}/g) ?? []) assert.ok(!shown.includes(n.slice(-8)), `a number in the ${format} status`);
        }
    });
});

describe("ccc-status: another kind (the tests' Dialer), with callees in two zones", () => {
    const dialer: StateResource = {
        name: "berlin-dialer",
        kind: dialerKind,
        inputs: {},
        outputs: {
            numbers: ["+12127364000", "+13127440000"],
            from: at("2027-03-08T00:00:00Z"),
            zone: "Europe/Berlin",
            hours: { start: "15:00:00", end: "18:00:00" },
            weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            enabled: false,
            dialerId: "d-7",
            status: "dialing",
            counts: { total: 4, waiting: 1, answered: 1, missed: 1, busy: 1 },
        },
    };
    const status = () => statusOf(dialer, at("2027-03-12T12:00:00Z"));

    it("text", () => {
        assert.equal(
            renderText([status()]),
            `progress bars: # answered, x failed, ~ pending, . not dialed

berlin-dialer (Dialer d-7): dialing
  progress: [#####xxxxx~~~~~.....] 3/4 dialed: 1 answered, 1 failed, 1 pending
  next window: Fri 2027-03-12 15:00–18:00 Europe/Berlin (task)
    callees: Fri 2027-03-12 08:00–11:00 America/Chicago
             Fri 2027-03-12 09:00–12:00 America/New_York
  blocked: paused (its inputs pause it)
`,
        );
    });

    it("table", () => {
        assert.equal(
            renderTable([status()]),
            `CAMPAIGN       STATE    PROGRESS              NEXT WINDOW                    BLOCKED
─────────────  ───────  ────────────────────  ─────────────────────────────  ───────────────────
berlin-dialer  dialing  █████▓▓▓▓▓▒▒▒▒▒░░░░░  Fri 2027-03-12 15:00–18:00     paused:
Dialer                  3/4 dialed              in Europe/Berlin (task)      its inputs pause it
d-7                     1 answered            Fri 2027-03-12 08:00–11:00
                        1 failed                callees in America/Chicago
                        1 pending             Fri 2027-03-12 09:00–12:00
                                                callees in America/New_York

progress: █ answered  ▓ failed  ▒ pending  ░ not dialed
`,
        );
    });

    it("JSON", () => {
        assert.deepEqual(JSON.parse(JSON.stringify(status())), {
            name: "berlin-dialer",
            kind: "Dialer",
            taskId: "d-7",
            state: "dialing",
            progress: { total: 4, dialed: 3, answered: 1, failed: 1, pending: 1, notDialed: 1 },
            next: {
                opens: "2027-03-12T15:00+01:00",
                closes: "2027-03-12T18:00+01:00",
                openNow: false,
                task: { zones: ["Europe/Berlin"], text: "Fri 2027-03-12 15:00–18:00" },
                callees: [
                    { zones: ["America/Chicago"], text: "Fri 2027-03-12 08:00–11:00" },
                    { zones: ["America/New_York"], text: "Fri 2027-03-12 09:00–12:00" },
                ],
            },
            blocked: "paused",
            reason: "its inputs pause it",
        });
    });
});

describe("ccc-status: an AiCallTask, whose callees are objects and whose windows are read in the provider's zone", () => {
    const task: StateResource = {
        name: "ai-reminders",
        kind: aiCallTaskKind,
        inputs: {},
        outputs: {
            taskName: "ai-reminders",
            agentId: "agent-1",
            virtualNumber: "02012345678",
            startType: "SCHEDULE",
            taskStartTime: at("2027-03-01T09:00:00+08:00"),
            callTime: [{ start: "10:00", end: "12:00" }],
            callDays: ["MONDAY", "WEDNESDAY"],
            callees: [{ number: "+8613012345678", variables: { name: "Li" } }, { number: "+8613112345678" }],
            paused: false,
            taskId: "118712345678900001",
            status: 1,
            statusName: "running",
            progress: { total: 2, pending: 1, completed: 1, failed: 0 },
        },
    };

    it("text: unfinished records count as not dialed; the next window in the task's and the callees' zone", () => {
        assert.equal(
            renderText([statusOf(task, at("2027-03-02T12:00:00+08:00"))]),
            `progress bars: # answered, x failed, ~ pending, . not dialed

ai-reminders (AiCallTask 118712345678900001): running
  progress: [##########..........] 1/2 dialed: 1 answered, 0 failed, 0 pending
  next window: Wed 2027-03-03 10:00–12:00 Asia/Shanghai (task)
    callees: Wed 2027-03-03 10:00–12:00 Asia/Shanghai
  blocked: no
`,
        );
    });
});

describe("ccc-status: a PredictiveDialingCampaign, which CCC reports finished callees of, not outcomes", () => {
    const campaign = (status: number, statusName: string, finishedCallees: number, paused = false): StateResource => ({
        name: "predictive-renewals",
        kind: predictiveCampaignKind,
        inputs: {},
        outputs: {
            sdkAppId: 1400123455,
            name: "predictive-renewals",
            callees: ["+8613012345678", "+8613112345678", "+8613212345678", "+8613312345678"],
            callers: ["008602012345678"],
            callOrder: 1,
            skillGroupId: 7,
            priority: 2,
            expectedAbandonRate: 10,
            retryInterval: 3600,
            startTime: at("2027-03-01T09:00:00+08:00"),
            endTime: at("2027-03-03T18:00:00+08:00"),
            timeZone: "Asia/Shanghai",
            availableTime: [{ start: "10:00", end: "12:00" }],
            paused,
            redial: "unreached",
            campaignId: 5000002,
            status,
            statusName,
            statusReason: "normal",
            progress: { callees: 4, finishedCallees, sessions: finishedCallees + 1 },
        },
    });

    it("text: the finished callees as dialed with no outcome, the next daily window", () => {
        assert.equal(
            renderText([statusOf(campaign(1, "running", 1), at(MID_WINDOW))]),
            `progress bars: # answered, x failed, ~ pending, . not dialed, + dialed (no outcome reported)

predictive-renewals (PredictiveDialingCampaign 5000002): running
  progress: [+++++...............] 1/4 dialed: no outcomes reported
  next window: open now: Mon 2027-03-01 10:00–12:00 Asia/Shanghai (task)
    callees: Mon 2027-03-01 10:00–12:00 Asia/Shanghai
  blocked: no
`,
        );
    });

    it("JSON: paused through its inputs, completed as ended; no outcome counts", () => {
        assert.deepEqual(statusOf(campaign(2, "paused", 2, true), at(MID_WINDOW)), {
            name: "predictive-renewals",
            kind: "PredictiveDialingCampaign",
            taskId: 5000002,
            state: "paused",
            progress: { total: 4, dialed: 2, notDialed: 2 },
            next: {
                opens: "2027-03-01T10:00+08:00",
                closes: "2027-03-01T12:00+08:00",
                openNow: true,
                task: { zones: ["Asia/Shanghai"], text: "Mon 2027-03-01 10:00–12:00" },
                callees: [{ zones: ["Asia/Shanghai"], text: "Mon 2027-03-01 10:00–12:00" }],
            },
            blocked: "paused",
            reason: "its inputs pause it",
        });
        const done = statusOf(campaign(4, "completed", 4), at(MID_WINDOW));
        assert.deepEqual([done.state, done.progress, done.next, done.blocked, done.reason], ["completed", { total: 4, dialed: 4, notDialed: 0 }, undefined, "ended", "the task is completed"]);
    });
});

describe("ccc-status: an AgentCruiseDialingCampaign, which CCC reports called callees of, on its whole span", () => {
    const campaign = (state: number, stateName: string, called: number): StateResource => ({
        name: "cruise-follow-ups",
        kind: agentCruiseCampaignKind,
        inputs: {},
        outputs: {
            sdkAppId: 1400123455,
            name: "cruise-follow-ups",
            agent: "agent1@example.com",
            concurrencyNumber: 2,
            startTime: at("2027-03-01T14:00:00+08:00"),
            endTime: at("2027-03-01T17:00:00+08:00"),
            callees: ["+8613012345678", "+8613112345678"],
            callOrder: 1,
            redial: "uncalled",
            campaignId: 5000001,
            state,
            stateName,
            progress: { total: 2, called },
        },
    });

    it("table: called callees as dialed with no outcome, the span as its only window", () => {
        assert.equal(
            renderTable([statusOf(campaign(1, "running", 1), at("2027-03-01T15:00:00+08:00"))]),
            `CAMPAIGN                    STATE    PROGRESS              NEXT WINDOW                 BLOCKED
──────────────────────────  ───────  ────────────────────  ──────────────────────────  ───────
cruise-follow-ups           running  ▚▚▚▚▚▚▚▚▚▚░░░░░░░░░░  open now                    —
AgentCruiseDialingCampaign           1/2 dialed            Mon 2027-03-01 14:00–17:00
5000001                              no outcomes reported    in Asia/Shanghai (task)
                                                           Mon 2027-03-01 14:00–17:00
                                                             callees in Asia/Shanghai

progress: █ answered  ▓ failed  ▒ pending  ░ not dialed  ▚ dialed (no outcome reported)
`,
        );
    });

    it("JSON: terminated (aborted) as ended", () => {
        const s = statusOf(campaign(3, "terminated", 1), at("2027-03-01T15:00:00+08:00"));
        assert.deepEqual([s.kind, s.taskId, s.state, s.progress, s.blocked, s.reason], ["AgentCruiseDialingCampaign", 5000001, "terminated", { total: 2, dialed: 1, notDialed: 1 }, "ended", "the task is terminated"]);
    });
});

describe("ccc-status: the table fits a terminal of 120 columns", () => {
    it("wraps between words, a longer word on its own line", () => {
        assert.deepEqual(wrap("its end passed (2027-03-04T20:00+08:00)"), ["its end passed", "(2027-03-04T20:00+08:00)"]);
        assert.deepEqual(wrap("callees in America/Chicago, America/New_York, Europe/Berlin and 2 more", 30, "  ", "    "), ["  callees in America/Chicago,", "    America/New_York,", "    Europe/Berlin and 2 more"]);
        assert.deepEqual(wrap("a-word-longer-than-the-width", 10), ["a-word-longer-than-the-width"]);
    });

    it("a long name, an 18-digit id, callees in five zones and the longest reason stay within 120 columns", () => {
        const status = {
            name: "spring-payment-reminders",
            kind: "AiCallTask",
            taskId: "118712345678900001",
            state: "running",
            progress: { total: 100000, dialed: 99999, answered: 88888, failed: 11110, pending: 1, notDialed: 1 },
            next: {
                opens: "2027-03-12T15:00+01:00",
                closes: "2027-03-12T18:00+01:00",
                openNow: true,
                task: { zones: ["America/Argentina/ComodRivadavia"], text: "Fri 2027-03-12 15:00–18:00" },
                callees: [{ zones: ["America/Chicago", "America/New_York", "America/Los_Angeles", "America/Denver", "America/Phoenix"], text: "Fri 2027-03-12 08:00–11:00" }],
            },
            blocked: "no window left" as const,
            reason: "no call window opens before its end",
        };
        const lines = renderTable([status]).split("\n");
        assert.deepEqual(lines.filter((l) => [...l].length > TABLE_COLUMNS), []);
        assert.equal(Math.max(...lines.map((l) => [...l].length)), 115);
    });
});

describe("ccc-status: the command", () => {
    let tmp: string;
    before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-status-"))));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const state = () => path.join(FIXTURES, "replace-started", "state.json");

    it("in a terminal (tmux, 120 columns) the bin prints the table", function () {
        this.timeout(60_000);
        const screen = inTerminal(`cd ${REPO} && ${process.execPath} -r ts-node/register/transpile-only ${BIN} --state ${state()} --now ${MID_WINDOW}`, { columns: TABLE_COLUMNS });
        assert.equal(screen.code, 0);
        assert.equal(screen.text, RUNNING_TABLE.split("\n").map((l) => l.trimEnd()).join("\n"));
    });

    it("through a pipe the bin prints plain text", function () {
        this.timeout(60_000);
        const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", BIN, "--state", state(), "--now", MID_WINDOW], { cwd: REPO, encoding: "utf8" });
        assert.equal(r.stderr, "");
        assert.equal(r.status, 0);
        assert.equal(r.stdout, RUNNING_TEXT);
        assert.match(fs.readFileSync(BIN, "utf8"), /^#!\/usr\/bin\/env node\n/);
    });

    it("against a stack: `pulumi stack export --show-secrets`, after `pulumi refresh` when asked", () => {
        const calls: string[][] = [];
        const pulumi = (args: string[]) => (calls.push(args), args[0] === "stack" ? exportOf("replace-started") : "");
        const r = run(["--stack", "prod", "--refresh", "--format", "json"], { pulumi, clock: () => at(MID_WINDOW) });
        assert.equal(r.stderr, "");
        assert.deepEqual(calls, [
            ["refresh", "--yes", "--skip-preview", "--stack", "prod"],
            ["stack", "export", "--show-secrets", "--stack", "prod"],
        ]);
        assert.equal(JSON.parse(r.stdout).campaigns.length, 2);
    });

    it("--help describes every option", () => {
        const r = run(["--help"]);
        assert.equal(r.stdout, `${USAGE}\n`);
        for (const name of Object.keys(OPTIONS)) assert.match(USAGE, new RegExp(`^\\s+(-\\w, )?--${name}\\b`, "m"), `--${name} is not described`);
    });

    it("bad options and input are one clear line each, exit 2", () => {
        const fails = (args: string[], pattern: RegExp) => {
            const r = run(args);
            assert.equal(r.code, 2, r.stdout);
            assert.match(r.stderr, pattern);
            assert.doesNotMatch(r.stderr, /\n\s+at /);
        };
        fails(["--format", "html"], /--format must be table, text, json, got "html"/);
        fails(["--now", "2027-03-01T10:00"], /--now must be an ISO-8601 time with an offset/);
        fails(["--state", state(), "--refresh"], /--state reads a file: --stack and --refresh are for reading a stack/);
        fails(["--state", path.join(tmp, "missing.json")], /state: cannot read .*missing\.json: ENOENT/);
        const bad = path.join(tmp, "bad.json");
        fs.writeFileSync(bad, '{"version": 3}');
        fails(["--state", bad], /state: not the output of `pulumi stack export`: deployment: /);
    });
});
