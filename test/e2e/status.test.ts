// `ccc-status`, the package's bin, against a real stack: the real engine deploys a CalloutTask, a
// paused CalloutTask whose callees are in the US, and an AiCallTask to the emulator; the clock moves
// into the window and a refresh reads their progress back. The bin then runs in a real terminal
// (tmux, 120 columns: the table), through a pipe (plain text) and with --format json, each checked
// exactly; later, past the CalloutTasks' end, the text says they ended.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as path from "path";
import { DateTime } from "luxon";
import type { Emulator } from "../../emulator";
import { REPO, type LocalStack } from "../../scripts/pulumi-cli";
import { TABLE_COLUMNS } from "../../status/render";
import { engineStack } from "../support/engine-harness";
import { aiTask, campaign, SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../support/provider-harness";
import { inTerminal } from "../support/terminal";

const BIN = path.join(REPO, "dist", "status", "bin.js");
/** 10:30 in Shanghai on the campaigns' first day (T0 is 08:00 there): both windows are open. */
const IN_WINDOW = T0 + 2.5 * 3600;
const iso = (t: number) => DateTime.fromSeconds(t, { zone: "Asia/Shanghai" }).toISO({ suppressMilliseconds: true })!;


describe("ccc-status against a stack on the emulator: CalloutTasks and an AiCallTask", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    /** The bin on the stack, as a user runs it in the project's folder; `args` after --stack. */
    const command = (...args: string[]) => `node ${BIN} --stack ${stack.stackName} ${args.join(" ")}`;
    const piped = (...args: string[]) => {
        const r = spawnSync("bash", ["-c", command(...args)], { cwd: REPO, env: stack.environment(), encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        return r.stdout;
    };

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
        ({ stack, writeCampaign } = await engineStack("e2e-status", emu, { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint }, { "alicloud:secretKey": SECRET_KEY }));
        writeCampaign("reminders", campaign());
        writeCampaign("surveys", campaign({ name: "us-surveys", paused: true, callees: ["+12127364000", "+13127440000"] }));
        writeCampaign("ai", aiTask({ callees: ["+8613800000001", "+8613800000002", "+8613800000003"] }));
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        emu.setClock(IN_WINDOW);
        const refresh = await stack.refresh();
        assert.equal(refresh.code, 0, refresh.stdout + refresh.stderr);
    });
    after(async () => emu?.close());

    /** The CalloutTasks' ids, in the order the engine happened to create them. */
    let ids: Record<"reminders" | "surveys", number>;
    before(async () => {
        const { campaigns } = await stack.outputs();
        ids = { reminders: campaigns.reminders.taskId, surveys: campaigns.surveys.taskId };
    });

    it("in a terminal of 120 columns: the table, each kind's progress bar, the next window in the task's and the callees' zones, what blocks it", () => {
        const screen = inTerminal(`cd ${REPO} && ${command("--now", iso(IN_WINDOW))}`, { columns: TABLE_COLUMNS, env: stack.environment() as Record<string, string> });
        assert.equal(screen.code, 0, screen.text);
        // A line wider than the terminal would wrap on the screen, and differ.
        assert.equal(
            screen.text,
            `status at 2027-11-30T02:30:00Z

CAMPAIGN            STATE      PROGRESS              NEXT WINDOW                    BLOCKED
──────────────────  ─────────  ────────────────────  ─────────────────────────────  ─────────────────────
ai                  running    █████████████▓▓▓▓▓▓▓  open now                       —
AiCallTask                     3/3 dialed            Tue 2027-11-30 10:00–12:00
118712345678900001             2 answered              in Asia/Shanghai (task)
                               1 failed              Tue 2027-11-30 10:00–12:00
                               0 pending               callees in Asia/Shanghai

reminders           completed  ███████▓▓▓▓▓▓▓▓▓▓▓▓▓  none                           ended:
CalloutTask                    3/3 dialed                                           the task is completed
${ids.reminders}                        1 answered
                               2 failed
                               0 pending

surveys             paused     ░░░░░░░░░░░░░░░░░░░░  open now                       paused:
CalloutTask                    0/2 dialed            Tue 2027-11-30 09:00–12:00     its inputs pause it
${ids.surveys}                        0 answered              in Asia/Shanghai (task)
                               0 failed              Mon 2027-11-29 19:00–22:00
                               0 pending               callees in America/Chicago
                                                     Mon 2027-11-29 20:00–23:00
                                                       callees in America/New_York

progress: █ answered  ▓ failed  ▒ pending  ░ not dialed
`,
        );
    });

    /** The plain text's lines that hold at any time after the refresh: the windows and blocks change with the clock. */
    const textOf = {
        legend: "progress bars: # answered, x failed, ~ pending, . not dialed",
        ai: () => "ai (AiCallTask 118712345678900001): running\n  progress: [#############xxxxxxx] 3/3 dialed: 2 answered, 1 failed, 0 pending",
        reminders: () => `reminders (CalloutTask ${ids.reminders}): completed
  progress: [#######xxxxxxxxxxxxx] 3/3 dialed: 1 answered, 2 failed, 0 pending
  next window: none
  blocked: ended (the task is completed)`,
        surveys: () => `surveys (CalloutTask ${ids.surveys}): paused\n  progress: [....................] 0/2 dialed: 0 answered, 0 failed, 0 pending`,
    };

    it("through a pipe: plain text", () => {
        assert.equal(
            piped("--now", iso(IN_WINDOW)),
            `status at 2027-11-30T02:30:00Z

${textOf.legend}

${textOf.ai()}
  next window: open now: Tue 2027-11-30 10:00–12:00 Asia/Shanghai (task)
    callees: Tue 2027-11-30 10:00–12:00 Asia/Shanghai
  blocked: no

${textOf.reminders()}

${textOf.surveys()}
  next window: open now: Tue 2027-11-30 09:00–12:00 Asia/Shanghai (task)
    callees: Mon 2027-11-29 19:00–22:00 America/Chicago
             Mon 2027-11-29 20:00–23:00 America/New_York
  blocked: paused (its inputs pause it)
`,
        );
    });

    it("--format json: each kind's facts, and no callee number", () => {
        const out = piped("--format", "json", "--now", iso(IN_WINDOW));
        const shanghai = (text: string) => ({ zones: ["Asia/Shanghai"], text });
        assert.deepEqual(JSON.parse(out), {
            at: "2027-11-30T02:30:00Z",
            campaigns: [
                {
                    name: "ai",
                    kind: "AiCallTask",
                    taskId: "118712345678900001",
                    state: "running",
                    progress: { total: 3, dialed: 3, answered: 2, failed: 1, pending: 0, notDialed: 0 },
                    next: { opens: "2027-11-30T10:00+08:00", closes: "2027-11-30T12:00+08:00", openNow: true, task: shanghai("Tue 2027-11-30 10:00–12:00"), callees: [shanghai("Tue 2027-11-30 10:00–12:00")] },
                },
                {
                    name: "reminders",
                    kind: "CalloutTask",
                    taskId: ids.reminders,
                    state: "completed",
                    progress: { total: 3, dialed: 3, answered: 1, failed: 2, pending: 0, notDialed: 0 },
                    blocked: "ended",
                    reason: "the task is completed",
                },
                {
                    name: "surveys",
                    kind: "CalloutTask",
                    taskId: ids.surveys,
                    state: "paused",
                    progress: { total: 2, dialed: 0, answered: 0, failed: 0, pending: 0, notDialed: 2 },
                    next: {
                        opens: "2027-11-30T09:00+08:00",
                        closes: "2027-11-30T12:00+08:00",
                        openNow: true,
                        task: shanghai("Tue 2027-11-30 09:00–12:00"),
                        callees: [
                            { zones: ["America/Chicago"], text: "Mon 2027-11-29 19:00–22:00" },
                            { zones: ["America/New_York"], text: "Mon 2027-11-29 20:00–23:00" },
                        ],
                    },
                    blocked: "paused",
                    reason: "its inputs pause it",
                },
            ],
        });
        for (const n of ["13012345678", "13112345678", "13212345678", "2127364000", "3127440000", "13800000001"]) assert.ok(!out.includes(n), `a callee number in the JSON (…${n.slice(-2)})`);
    });

    it("past the CalloutTasks' end: they ended; the AiCallTask, which has no end, waits for its next window", () => {
        assert.equal(
            piped("--now", "2027-12-04T09:00:00+08:00"),
            `status at 2027-12-04T01:00:00Z

${textOf.legend}

${textOf.ai()}
  next window: Tue 2027-12-07 10:00–12:00 Asia/Shanghai (task)
    callees: Tue 2027-12-07 10:00–12:00 Asia/Shanghai
  blocked: no

${textOf.reminders()}

${textOf.surveys()}
  next window: none
  blocked: ended (its end passed (2027-12-03T20:00+08:00))
`,
        );
    });
});
