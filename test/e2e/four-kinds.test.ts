// The real Pulumi engine deploying one stack that holds a campaign of each of the four kinds
// (CalloutTask, AiCallTask, PredictiveDialingCampaign, AgentCruiseDialingCampaign) on the CCC and
// AICCS emulators: up under the pack, the pack blocking a night window on a new kind, the review of a
// change touching every kind (each kind's own action), the status bin listing all four (JSON, and the
// table in a real terminal: tmux), and destroy leaving nothing able to dial in either emulator.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DateTime } from "luxon";
import { AiccsTaskStatus, campaignMayDial, type Emulator } from "../../emulator";
import { REPO, LocalStack } from "../../scripts/pulumi-cli";
import { engineStack, EXAMPLE_PACK } from "../support/engine-harness";
import { aiTask, campaign, cruiseCampaign, predictiveCampaign, SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../support/provider-harness";
import { review } from "../review/golden";
import { inTerminal } from "../support/terminal";
import { TABLE_COLUMNS } from "../../status/render";

const STATUS_BIN = path.join(REPO, "dist", "status", "bin.js");

const predictive = (over: Record<string, unknown> = {}) => ({ kind: "PredictiveDialingCampaign", ...predictiveCampaign(over) });
/** Runs from T0 (08:00 in Shanghai) to 18:00: running at once; callees of its own. */
const cruise = (over: Record<string, unknown> = {}) => cruiseCampaign({ name: "cruise-follow-ups", callees: ["+8613800000011", "+8613800000012", "+8613800000013", "+8613800000014"], ...over });

describe("Pulumi engine end to end: one stack holding all four kinds", function () {
    this.timeout(600_000);
    let emu: Emulator;
    let stack: LocalStack;
    let campaigns: string;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    const writes = (since: number) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Describe"));
    const aiccsWrites = (since: number) => emu.aiccs.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Query"));

    before(async function () {
        this.timeout(3_600_000);
        emu = await startTestEmulator();
        ({ stack, campaigns, writeCampaign } = await engineStack("e2e-four-kinds", emu, { "alicloud:accessKey": SECRET_ID, "alicloud:aiccsEndpoint": emu.aiccs.endpoint }, { "alicloud:secretKey": SECRET_KEY }));
        writeCampaign("reminders", campaign());
        writeCampaign("ai", aiTask());
        writeCampaign("predictive", predictive());
        writeCampaign("cruise", cruise());
    });
    after(async () => emu?.close());

    it("1. up under the pack creates one of each kind", async () => {
        const up = await stack.up(EXAMPLE_PACK);
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.match(up.stdout, /5 created/);
        assert.deepEqual(emu.tasks().map((t) => [t.request.Name, t.state]), [["winter-reminders", 0]]);
        assert.deepEqual(emu.aiccs.tasks().map((t) => [t.status, t.callees.length]), [[AiccsTaskStatus.Running, 2]]);
        const kinds = emu.campaigns().map((c) => (c.kind === "predictive" ? [c.kind, c.request.Name, c.status] : [c.kind, c.request.Name, c.state])).sort();
        assert.deepEqual(kinds, [["agentCruise", "cruise-follow-ups", 1], ["predictive", "winter-predictive", 0]]);
        const preview = await stack.preview(["--expect-no-changes"]);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
    });

    it("2. the pack blocks a night window on the predictive campaign, naming it, before any call", async () => {
        writeCampaign("predictive", predictive({ availableTime: [{ start: "22:00", end: "23:00" }] }));
        const [before, aiccsBefore] = [emu.requestLog().length, emu.aiccs.requestLog().length];
        const blocked = await stack.preview(EXAMPLE_PACK);
        assert.notEqual(blocked.code, 0);
        const text = blocked.stdout + blocked.stderr;
        const mandatory = text.split("\n").filter((l) => /\[mandatory\]/.test(l)).map((l) => l.replace(/\)No call.*$/, ")").trim());
        assert.deepEqual(mandatory, ["ccc-call-windows@v0.1.0 [mandatory]  ccc-allowed-hours  (pulumi-nodejs:dynamic/tencentcloud-ccc:PredictiveDialingCampaign: predictive)"]);
        assert.match(text, /predictive: 3 callees \(\+86\*{9}78, \+86\*{9}78, …\) in Asia\/Shanghai: window 22:00–23:00 Asia\/Shanghai \(every day\)/);
        assert.deepEqual([writes(before), aiccsWrites(aiccsBefore)], [[], []], "a preview blocked by the pack changed something");
        writeCampaign("predictive", predictive());
    });

    it("3. the review of a change to every kind: a section per campaign, each kind's own action", async () => {
        writeCampaign("reminders", campaign({ tries: 3 }));
        writeCampaign("ai", aiTask({ callTime: [{ start: "10:30", end: "11:30" }] }));
        writeCampaign("predictive", predictive({ priority: 1 }));
        writeCampaign("cruise", cruise({ concurrencyNumber: 3 }));
        const streaming = new LocalStack(stack.bin, stack.stackName, { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" });
        const preview = await streaming.command(["preview", "--json"], EXAMPLE_PACK);
        assert.equal(preview.code, 0, preview.stderr);
        // The capture holds callee numbers in plain text (`--show-secrets`): a private folder, gone after the review.
        const capture = fs.mkdtempSync(path.join(os.tmpdir(), "four-kinds-review-"));
        try {
            fs.writeFileSync(path.join(capture, "preview.json"), preview.stdout);
            fs.writeFileSync(path.join(capture, "state.json"), await stack.ok(["stack", "export", "--show-secrets", "--stack", stack.stackName]));
            fs.cpSync(campaigns, path.join(capture, "campaigns"), { recursive: true });

            const r = review(capture);
            assert.equal(r.code, 1, r.stderr); // the running agent cruise campaign restarts: it needs --ack-restart
            const lines = r.stdout.split("\n");
            const table = lines.filter((l) => /^\| (ai|cruise|predictive|reminders) \|/.test(l));
            assert.deepEqual(table, [
                "| ai | update | 2 (CN 2) | `callTime` |",
                "| cruise | replace | 4 (CN 4) | `concurrencyNumber` |",
                "| predictive | update | 3 (CN 3) | `priority` |",
                "| reminders | replace | 3 (CN 3) | `tries` |",
            ]);
            const facts = lines.filter((l) => /^### `|^- \*\*(What|Restart)\*\*|^ {2}- (`redial|called|reached|\*\*needs)/.test(l));
            const [ai, cruiseId, predictiveId, reminders] = [emu.aiccs.tasks()[0].taskId, ...["agentCruise", "predictive"].map((k) => emu.campaigns().find((c) => c.kind === k)!.campaignId), emu.tasks()[0].taskId];
            assert.deepEqual(facts, [
                "### `ai`: update",
                `- **What**: task ${ai} (running) is updated in place: the task stops briefly while its fields change, then starts again if it was running`,
                "### `cruise`: replace",
                `- **What**: task ${cruiseId} (running) is aborted (CCC cannot delete it), then a new task is created (CCC has no update action for agent cruise campaigns)`,
                `- **Restart**: task ${cruiseId} is running: 0 of 4 callees called (CCC reports no call outcomes)`,
                "  - called callees are not dialed again (`redial` unset or `uncalled`, with `callOrder: 1`; in random order everyone is): up to 0 callees skipped; set `redial: everyone` to call them again",
                "  - **needs acknowledgement**: rerun the review with `--ack-restart` once this restart is intended",
                "### `predictive`: update",
                `- **What**: task ${predictiveId} (notStarted) is updated in place: UpdatePredictiveDialingCampaign, only while the campaign has not started; once started, the change replaces it`,
                "### `reminders`: replace",
                `- **What**: task ${reminders} (initial) is stopped, then a new task is created (CCC has no update API)`,
            ]);
            const json = JSON.parse(review(capture, ["--format", "json", "--ack-restart"]).stdout);
            const restart = json.campaigns.find((c: { name: string }) => c.name === "cruise").restart;
            assert.deepEqual([restart.redial, restart.live, restart.acknowledged], ["uncalled", true, true]);
        } finally {
            fs.rmSync(capture, { recursive: true, force: true });
        }
    });

    it("4. the status bin lists all four with their states: as JSON, and as the table in a terminal of 120 columns", async () => {
        const now = DateTime.fromSeconds(T0 + 3600, { zone: "UTC" }).toISO({ suppressMilliseconds: true })!;
        const r = spawnSync("node", [STATUS_BIN, "--stack", stack.stackName, "--format", "json", "--now", now], { cwd: REPO, env: stack.environment(), encoding: "utf8" });
        assert.equal(r.status, 0, r.stderr);
        const { campaigns: rows } = JSON.parse(r.stdout);
        assert.deepEqual(
            rows.map((c: Record<string, unknown>) => [c.name, c.kind, c.state, c.progress, c.blocked ?? "no"]),
            [
                ["ai", "AiCallTask", "running", { total: 2, dialed: 0, answered: 0, failed: 0, pending: 0, notDialed: 2 }, "no"],
                ["cruise", "AgentCruiseDialingCampaign", "running", { total: 4, dialed: 0, notDialed: 4 }, "no"],
                ["predictive", "PredictiveDialingCampaign", "notStarted", { total: 3, dialed: 0, notDialed: 3 }, "no"],
                ["reminders", "CalloutTask", "initial", { total: 3, dialed: 0, answered: 0, failed: 0, pending: 0, notDialed: 3 }, "no"],
            ],
        );
        const screen = inTerminal(`cd ${REPO} && node ${STATUS_BIN} --stack ${stack.stackName} --now ${now}`, { columns: TABLE_COLUMNS, env: stack.environment() as Record<string, string> });
        assert.equal(screen.code, 0, screen.text);
        // The two campaign kinds' ids come from one counter, in the order of the parallel creates.
        const [cruiseId, predictiveId] = ["agentCruise", "predictive"].map((k) => emu.campaigns().find((c) => c.kind === k)!.campaignId);
        const remindersId = emu.tasks()[0].taskId;
        // A line wider than the terminal would wrap on the screen, and differ.
        assert.equal(
            screen.text,
            `status at 2027-11-30T01:00:00Z

CAMPAIGN                    STATE       PROGRESS              NEXT WINDOW                 BLOCKED
──────────────────────────  ──────────  ────────────────────  ──────────────────────────  ───────
ai                          running     ░░░░░░░░░░░░░░░░░░░░  Tue 2027-11-30 10:00–12:00  —
AiCallTask                              0/2 dialed              in Asia/Shanghai (task)
118712345678900001                      0 answered            Tue 2027-11-30 10:00–12:00
                                        0 failed                callees in Asia/Shanghai
                                        0 pending

cruise                      running     ░░░░░░░░░░░░░░░░░░░░  open now                    —
AgentCruiseDialingCampaign              0/4 dialed            Tue 2027-11-30 08:00–18:00
${cruiseId}                                 no outcomes reported    in Asia/Shanghai (task)
                                                              Tue 2027-11-30 08:00–18:00
                                                                callees in Asia/Shanghai

predictive                  notStarted  ░░░░░░░░░░░░░░░░░░░░  open now                    —
PredictiveDialingCampaign               0/3 dialed            Tue 2027-11-30 09:00–12:00
${predictiveId}                                 no outcomes reported    in Asia/Shanghai (task)
                                                              Tue 2027-11-30 09:00–12:00
                                                                callees in Asia/Shanghai

reminders                   initial     ░░░░░░░░░░░░░░░░░░░░  open now                    —
CalloutTask                             0/3 dialed            Tue 2027-11-30 09:00–12:00
${remindersId}                                 0 answered              in Asia/Shanghai (task)
                                        0 failed              Tue 2027-11-30 09:00–12:00
                                        0 pending               callees in Asia/Shanghai

progress: █ answered  ▓ failed  ▒ pending  ░ not dialed  ▚ dialed (no outcome reported)
`,
        );
    });

    it("5. destroy leaves nothing able to dial in either emulator", async () => {
        writeCampaign("reminders", campaign());
        writeCampaign("ai", aiTask());
        writeCampaign("predictive", predictive());
        writeCampaign("cruise", cruise());
        const before = emu.requestLog().length;
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        // The predictive campaign has not started, yet may: aborted, then deleted.
        assert.deepEqual(writes(before).filter((a) => a.endsWith("PredictiveDialingCampaign")), ["AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign"]);
        assert.deepEqual(writes(before).sort(), ["AbortAgentCruiseDialingCampaign", "AbortPredictiveDialingCampaign", "DeletePredictiveDialingCampaign", "StopAutoCalloutTask"]);
        assert.deepEqual(emu.tasks().map((t) => t.state), [4]);
        assert.deepEqual(emu.aiccs.tasks().map((t) => t.status), [AiccsTaskStatus.Stopped]);
        assert.deepEqual(emu.campaigns().map((c) => [c.kind, campaignMayDial(c)]), [["agentCruise", false]]);
    });
});
