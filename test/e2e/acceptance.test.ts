// The acceptance run's lifecycles (CCC's, AICCS's) through the real engine, rehearsed on the emulator: every step
// passes, every task ends stopped, and nothing of the engine's stack (which holds the callee) is left,
// also when the run is killed in the middle of a `pulumi up`.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { REPO } from "../../scripts/pulumi-cli";
import { EXIT, runAcceptance } from "../acceptance/run";
import { cleanEnv, emulatorEnv, entryPoint, until } from "../support/acceptance-harness";
import { startTestEmulator } from "../support/provider-harness";

const STATE = path.join(REPO, ".state");
const leftovers = () => (fs.existsSync(STATE) ? fs.readdirSync(STATE).filter((f) => f.startsWith("acceptance-")) : []);

describe("acceptance run: each vendor's lifecycle through the engine, on the emulator", function () {
    this.timeout(600_000);
    let emu: Emulator;
    before(async () => {
        // On wall time, as the real service: the run's start times are wall time plus months.
        emu = await startTestEmulator({ clockStart: Math.floor(Date.now() / 1000) });
    });
    after(() => emu.close());
    beforeEach(() => emu.reset());

    it("up, refresh, pause, resume, replacement, destroy all pass; every task is stopped; the stack is gone", async () => {
        const lines: string[] = [];
        const code = await runAcceptance([], cleanEnv(emulatorEnv(emu, ["ccc"])), (l) => lines.push(l));
        const text = lines.join("\n");
        assert.deepEqual(lines.filter((l) => /^ccc: lifecycle: .*: (ok|FAILED)/.test(l)), [
            "ccc: lifecycle: up: ok",
            "ccc: lifecycle: refresh, then a preview with no changes: ok",
            "ccc: lifecycle: pause (paused: true): ok",
            "ccc: lifecycle: resume (paused: false): ok",
            "ccc: lifecycle: replacement (tries 1 → 2): ok",
            "ccc: lifecycle: destroy: ok",
        ], text);
        assert.ok(lines.includes("ccc: passed"), text);
        // AICCS had no credentials: the run is not a pass.
        assert.equal(code, EXIT.skipped);
        assert.equal(lines.at(-1), "acceptance: skipped (1 passed, 0 failed, 1 skipped): a skipped vendor is not a pass");
        // Two probe tasks, the lifecycle's task and its replacement.
        assert.deepEqual(emu.tasks().map((t) => t.state), [4, 4, 4, 4]);
        assert.ok(emu.tasks().every((t) => t.callees.length === 1 && /^(\+|00)8613912345678$/.test(t.callees[0].callee)));
        assert.deepEqual(leftovers(), []);
        assert.ok(!text.includes("3912345678"), "a callee number in the output");
    });

    it("AICCS: up, refresh, pause, resume, an update in place, destroy all pass; the task is stopped, never dialled; the stack is gone", async () => {
        const lines: string[] = [];
        const code = await runAcceptance([], cleanEnv(emulatorEnv(emu, ["aiccs"])), (l) => lines.push(l));
        const text = lines.join("\n");
        assert.deepEqual(lines.filter((l) => /^aiccs: lifecycle: .*: (ok|FAILED)/.test(l)), [
            "aiccs: lifecycle: up: ok",
            "aiccs: lifecycle: refresh, then a preview with no changes: ok",
            "aiccs: lifecycle: pause (paused: true): ok",
            "aiccs: lifecycle: resume (paused: false): ok",
            "aiccs: lifecycle: update in place (callTime 10:00–11:00 → 10:30–11:00): ok",
            "aiccs: lifecycle: destroy: ok",
        ], text);
        assert.ok(lines.includes("aiccs: passed"), text);
        // CCC had no credentials: the run is not a pass.
        assert.equal(code, EXIT.skipped);
        assert.equal(lines.at(-1), "acceptance: skipped (1 passed, 0 failed, 1 skipped): a skipped vendor is not a pass");
        // Two probe tasks without a callee, then the lifecycle's one task (updated in place), holding the callee only, never dialled.
        const tasks = emu.aiccs.tasks();
        assert.deepEqual(tasks.map((t) => [t.status, t.callees.map((c) => [c.calledNumber, c.callingAt])]), [[2, []], [2, []], [2, [["13912345678", undefined]]]]);
        assert.deepEqual(tasks[2].settings.CallTime, [{ startTime: "10:30:00", endTime: "11:00:00" }]);
        assert.ok(tasks[2].settings.TaskStartTime! > Date.now() + 170 * 86_400_000, "the task starts months ahead");
        assert.deepEqual(leftovers(), []);
        assert.ok(!text.includes("3912345678"), "a callee number in the output");
    });

    it("SIGTERM during a `pulumi up`: the up finishes, its task is stopped, the stack removed, exit 143", async () => {
        // The third create is the engine's (the probes make two).
        const creates = () => emu.requestLog().filter((e) => e.action === "CreateAutoCalloutTask").length;
        const { code, stdout, stderr } = await entryPoint(cleanEnv(emulatorEnv(emu, ["ccc"])), (child) => {
            void until(() => creates() >= 3, 120_000).then(() => child.kill("SIGTERM"));
        });
        assert.equal(code, 143, stdout + stderr);
        assert.match(stdout, /^SIGTERM: stopping every task this run made$/m);
        assert.match(stdout, /^ccc: cleanup stopped 1 task\(s\)$/m);
        assert.deepEqual(emu.tasks().map((t) => t.state), [4, 4, 4]);
        assert.deepEqual(leftovers(), []);
    });
});
