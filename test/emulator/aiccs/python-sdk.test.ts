// A second, independent client: Alibaba's Python product SDK for AICCS (alibabacloud-aiccs20191015 from
// PyPI, installed by scripts/ensure-aiccs-python.sh), its own signer and parameter placement, unpatched.
import { strict as assert } from "assert";
import { execFile, execFileSync } from "child_process";
import * as path from "path";
import { promisify } from "util";
import type { Emulator } from "../../../emulator";
import { REPO } from "../../../scripts/pulumi-cli";
import { SECRET_ID, SECRET_KEY, startTestEmulator, T0 } from "../../support/provider-harness";

describe("AICCS emulator, from Alibaba's Python SDK", function () {
    this.timeout(180_000);
    let emu: Emulator;
    let python: string;

    before(async () => {
        python = execFileSync("bash", [path.join(REPO, "scripts", "ensure-aiccs-python.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
        emu = await startTestEmulator();
    });
    after(() => emu?.close());

    it("runs a task's lifecycle, keeps 64-bit ids exact, and gets the documented refusals", async () => {
        // Async: the emulator answers from this process.
        const { stdout } = await promisify(execFile)(python, [path.join(__dirname, "python_client.py"), emu.aiccs.endpoint, SECRET_ID, SECRET_KEY], { encoding: "utf8" });
        const seen = JSON.parse(stdout);
        assert.deepEqual(seen, {
            created: { code: "OK", success: true, taskId: "118712345678900001", isInt: true },
            batchId: "118712345678900002",
            detail: { taskId: "118712345678900001", callTimes: [["09:00:00", "12:00:00"]], callDays: ["TUESDAY", "WEDNESDAY"], retryCount: 2, retryInterval: 15, concurrentCount: 3 },
            records: [["118712345678900003", "118712345678900002", "13900000001", "py-1", 1]],
            listed: [["118712345678900001", 2]],
            refusedUpdate: { success: false, code: "InvalidParameter" },
            wrongSecret: { type: "ClientException", code: "SignatureDoesNotMatch", status: 400 },
        });
        const task = emu.aiccs.task("118712345678900001")!;
        assert.deepEqual([task.settings.MissCallRetry, task.callees[0].variables, task.createdAt], [true, { name: "Wang" }, T0 * 1000], 'its "True" read as a boolean; other keys as variables');
    });
});
