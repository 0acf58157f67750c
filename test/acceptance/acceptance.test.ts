// The acceptance run in CI, without real accounts: the probes against both emulators (the table's
// emulator column, exact), a "fake account" (an emulator with its undocumented answers switched) as
// the real side, the entry point's skip and refusal, and its cleanup on failure and on SIGINT, all
// through the real SDKs over HTTP.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { cleanEnv, emulatorEnv, entryPoint, until } from "../support/acceptance-harness";
import { SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";
import { compare, type ProbeAnswer } from "./report";
import { EXIT, runAcceptance } from "./run";
import { probeEmulatorAiccs, probeEmulatorCcc } from "./vendors";

const KEY = { secretId: SECRET_ID, secretKey: SECRET_KEY };
const answers = (rows: ProbeAnswer[]) => rows.map((r) => [r.probe, r.answer]);

/** What the emulators answer today: a change to one of their guesses must change this. */
const CCC_ANSWERS = [
    ["ccc.list-lag", "at once"],
    ["ccc.list-order", "oldest first"],
    ["ccc.paging-base", "0-based"],
    ["ccc.resume-initial", "UnsupportedOperation"],
    ["ccc.pause-initial", "accepted"],
    ["ccc.pause-paused", "UnsupportedOperation"],
    ["ccc.stopped-state", "4"],
    ["ccc.stop-stopped", "UnsupportedOperation"],
    ["ccc.pause-stopped", "UnsupportedOperation"],
    ["ccc.resume-stopped", "UnsupportedOperation"],
    ["ccc.unknown-task", "InvalidParameterValue"],
    ["ccc.unknown-task-stop", "InvalidParameterValue"],
];
const AICCS_ANSWERS = [
    ["aiccs.list-lag", "at once"],
    ["aiccs.immediate-empty", "1"],
    ["aiccs.list-order", "newest first"],
    ["aiccs.paging-base", "1-based"],
    ["aiccs.refusal-status", "HTTP 200, Success false"],
    ["aiccs.unknown-task", "Task.NotFound"],
    ["aiccs.invalid-value", "InvalidParameter"],
    ["aiccs.duplicate-name", "Task.NameDuplicate"],
    ["aiccs.stop-scheduled", "accepted"],
    ["aiccs.stop-stopped", "Task.StatusError"],
];

describe("acceptance run, against the emulators", function () {
    this.timeout(60_000);
    let emu: Emulator;
    let fake: Emulator;
    before(async () => {
        // On wall time, as the real service: the entry point's start times are wall time plus months.
        emu = await startTestEmulator({ clockStart: Math.floor(Date.now() / 1000) });
        fake = await startTestEmulator();
    });
    after(async () => {
        await emu.close();
        await fake.close();
    });
    beforeEach(() => {
        emu.reset();
        fake.reset();
    });

    describe("the probes' emulator column", () => {
        it("CCC: each probe's exact answer, and every task it made stopped", async () => {
            const rows = await probeEmulatorCcc(emu, KEY, SDK_APP_ID);
            assert.deepEqual(answers(rows), CCC_ANSWERS);
            assert.deepEqual(emu.tasks().map((t) => t.state), [4, 4]);
        });

        it("AICCS: each probe's exact answer, and every task it made stopped, none with a callee", async () => {
            const rows = await probeEmulatorAiccs(emu, KEY);
            assert.deepEqual(answers(rows), AICCS_ANSWERS);
            assert.deepEqual(emu.aiccs.tasks().map((t) => [t.status, t.callees.length]), [[2, 0], [2, 0]]);
        });
    });

    describe("a fake account (the emulator with its undocumented answers switched) as the real side", () => {
        it("CCC: the table reports exactly the switched behaviours as disagreements", async () => {
            fake.setAnswers({ notFound: { code: "ResourceNotFound.TaskNotExist", message: "task not exist" }, wrongState: "ok" });
            fake.setFaults({ listLag: { listCalls: 2 } });
            const rows = compare(await probeEmulatorCcc(fake, KEY, SDK_APP_ID), await probeEmulatorCcc(emu, KEY, SDK_APP_ID));
            assert.deepEqual(rows.filter((r) => !r.agree).map((r) => [r.probe, r.real, r.emulator]), [
                ["ccc.list-lag", "later", "at once"],
                ["ccc.resume-initial", "accepted", "UnsupportedOperation"],
                ["ccc.pause-paused", "accepted", "UnsupportedOperation"],
                ["ccc.stop-stopped", "accepted", "UnsupportedOperation"],
                ["ccc.pause-stopped", "accepted", "UnsupportedOperation"],
                ["ccc.resume-stopped", "accepted", "UnsupportedOperation"],
                ["ccc.unknown-task", "ResourceNotFound.TaskNotExist", "InvalidParameterValue"],
                ["ccc.unknown-task-stop", "ResourceNotFound.TaskNotExist", "InvalidParameterValue"],
            ]);
            assert.equal(rows.length, CCC_ANSWERS.length);
        });

        it("AICCS: the table reports exactly the switched behaviours as disagreements", async () => {
            fake.aiccs.setAnswers({ businessStatus: 400, notFound: { code: "TaskNotExist" }, immediateStart: "onFirstImport" });
            fake.aiccs.setFaults({ listLag: { listCalls: 1 } });
            const rows = compare(await probeEmulatorAiccs(fake, KEY), await probeEmulatorAiccs(emu, KEY));
            assert.deepEqual(rows.filter((r) => !r.agree).map((r) => [r.probe, r.real, r.emulator]), [
                ["aiccs.list-lag", "later", "at once"],
                ["aiccs.immediate-empty", "0", "1"],
                ["aiccs.refusal-status", "HTTP 400", "HTTP 200, Success false"],
                ["aiccs.unknown-task", "TaskNotExist", "Task.NotFound"],
            ]);
            assert.equal(rows.length, AICCS_ANSWERS.length);
        });
    });

    describe("the entry point", () => {
        it("without credentials skips every vendor, says so, and does not pass", async () => {
            const r = await entryPoint(cleanEnv());
            assert.equal(r.stdout, [
                "ccc: skipped (TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set)",
                "aiccs: skipped (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set)",
                "acceptance: skipped (0 passed, 0 failed, 2 skipped): nothing was checked against a real API",
                "",
            ].join("\n"));
            assert.equal(r.code, EXIT.skipped);
            assert.equal(r.stderr, "");
        });

        it("with credentials but no callee variable refuses to start, naming every missing one, before any API call", async () => {
            const env = emulatorEnv(emu);
            delete env.TENCENTCLOUD_ACCEPTANCE_CALLEE;
            delete env.ALIBABA_CLOUD_ACCEPTANCE_CALLEE;
            const r = await entryPoint(cleanEnv(env));
            assert.equal(r.stdout, [
                "acceptance: refusing to start, nothing was called:",
                "  ccc: TENCENTCLOUD_ACCEPTANCE_CALLEE is not set (the maintainer's own number, the only callee a test task ever gets)",
                "  aiccs: ALIBABA_CLOUD_ACCEPTANCE_CALLEE is not set (the maintainer's own number, the only callee a test task ever gets)",
                "",
            ].join("\n"));
            assert.equal(r.code, EXIT.refused);
            assert.equal(emu.requestLog().length + emu.aiccs.requestLog().length, 0);
        });

        it("a callee without its country code is refused for either vendor (a campaign file takes +E.164 only), shown masked", async () => {
            const lines: string[] = [];
            const code = await runAcceptance([], { ...emulatorEnv(emu), TENCENTCLOUD_ACCEPTANCE_CALLEE: "13912345678", ALIBABA_CLOUD_ACCEPTANCE_CALLEE: "13912345678" }, (l) => lines.push(l));
            assert.equal(code, EXIT.refused);
            assert.deepEqual(lines, [
                'acceptance: refusing to start, nothing was called:\n  ccc: TENCENTCLOUD_ACCEPTANCE_CALLEE must be a phone number in +E.164, got "13*******78"\n  aiccs: ALIBABA_CLOUD_ACCEPTANCE_CALLEE must be a phone number in +E.164, got "13*******78"',
            ]);
        });

        it("a rehearsal on the emulator (--probes-only --json): every probe agrees, the report is written, every task is stopped", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acceptance-"));
            try {
                const file = path.join(dir, "report.json");
                const lines: string[] = [];
                const code = await runAcceptance(["--probes-only", "--json", file], emulatorEnv(emu), (l) => lines.push(l));
                assert.equal(code, EXIT.passed, lines.join("\n"));
                assert.equal(lines.at(-2), "acceptance: passed (2 passed, 0 failed, 0 skipped)");
                const report = JSON.parse(fs.readFileSync(file, "utf8"));
                assert.equal(report.outcome, "passed");
                assert.deepEqual(report.vendors.map((v: any) => [v.vendor, v.status, v.lifecycle, v.rows.filter((r: any) => !r.agree).length]), [
                    ["ccc", "passed", "not run (--probes-only)", 0],
                    ["aiccs", "passed", "not run (--probes-only)", 0],
                ]);
                assert.deepEqual(answers(report.vendors[0].rows.map((r: any) => ({ probe: r.probe, answer: r.real }))), CCC_ANSWERS);
                assert.ok(emu.tasks().every((t) => t.state === 4) && emu.tasks().length === 2);
                assert.ok(emu.aiccs.tasks().every((t) => t.status === 2) && emu.aiccs.tasks().length === 2);
                assert.ok(!(lines.join("\n") + fs.readFileSync(file, "utf8")).includes("3912345678"), "a callee number in the output");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("a failure midway fails the vendor, and the tasks made so far are stopped", async () => {
            emu.setFaults({ internalError: { actions: ["CreateAutoCalloutTask"], after: 1, count: 1 } });
                        const lines: string[] = [];
            const code = await runAcceptance(["--probes-only"], emulatorEnv(emu, ["ccc"]), (l) => lines.push(l));
            assert.equal(code, EXIT.failed);
            assert.match(lines.join("\n"), /^ccc: failed \(InternalError: /m);
            assert.ok(lines.includes("ccc: cleanup stopped 1 task(s)"), lines.join("\n"));
            assert.equal(lines.at(-1), "acceptance: failed (0 passed, 1 failed, 1 skipped)");
            assert.deepEqual(emu.tasks().map((t) => t.state), [4]);
        });

        it("SIGINT midway stops every task made so far, then exits 130", async () => {
            emu.setFaults({ latencyMs: 150 });
            const r = await entryPoint(cleanEnv(emulatorEnv(emu)), (child) => {
                void until(() => emu.requestLog().some((e) => e.action === "CreateAutoCalloutTask"), 30_000).then(() => child.kill("SIGINT"));
            });
            assert.equal(r.code, 130, r.stdout + r.stderr);
            assert.match(r.stdout, /^SIGINT: stopping every task this run made$/m);
            const made = emu.tasks();
            assert.ok(made.length >= 1);
            assert.ok(r.stdout.includes(`ccc: cleanup stopped ${made.length} task(s)`), r.stdout);
            assert.deepEqual(made.map((t) => t.state), made.map(() => 4));
        });
    });
});
