// A team's shared state: the Pulumi DIY backend on S3-compatible storage (as on Tencent COS), here a
// real S3 server (gofakes3) on loopback, with the real CLI and the emulator. The steps share one stack.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import type { LocalStack } from "../../scripts/pulumi-cli";
import { engineStack } from "../support/engine-harness";
import { actions, startTestEmulator } from "../support/provider-harness";
import { type S3Server, startS3Server } from "../support/s3-server";
import { spring } from "../support/workflow";

describe("Shared state on an S3-compatible backend (gofakes3), and its lock", function () {
    this.timeout(600_000);
    let s3: S3Server;
    let emu: Emulator;
    let stack: LocalStack;
    let writeCampaign: (name: string, inputs: Record<string, unknown>) => void;
    const STATE = ".pulumi/stacks/ccc-campaigns/s3-backend.json";

    before(async function () {
        this.timeout(3_600_000);
        s3 = await startS3Server();
        emu = await startTestEmulator();
        ({ stack, writeCampaign } = await engineStack("s3-backend", emu, {}, {}, s3.env));
        writeCampaign("reminders", spring());
    });
    after(async () => {
        await emu?.close();
        await s3?.close();
    });

    it("up keeps the stack's state in the bucket, secrets encrypted, and releases its lock", async () => {
        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        // The provider read the stack's state from the bucket (for creates an interrupted deploy left).
        assert.doesNotMatch(up.stdout + up.stderr, /could not read the stack's state/);
        const state = await s3.get(STATE);
        assert.ok(state, `no ${STATE} in the bucket: ${(await s3.list(".pulumi/")).join(", ")}`);
        const { taskId } = (await stack.outputs()).campaigns.reminders;
        assert.match(state!, new RegExp(`"taskId":\\s*${taskId}\\b`));
        assert.ok(!state!.includes("13112345678"), "a callee number in plain text in the bucket");
        assert.deepEqual(await s3.list(".pulumi/locks/"), []);
    });

    it("a second up while one runs fails naming the lock; the first completes and nothing is lost", async () => {
        writeCampaign("surveys", spring({ name: "surveys", callees: ["+8613512345678"] }));
        const before = emu.requestLog().length;
        emu.setFaults({ latencyMs: 4000 }); // holds the first update inside the API for seconds
        try {
            const first = stack.up();
            while (emu.requestLog().length === before) await new Promise((r) => setTimeout(r, 100));
            const locks = await s3.list(".pulumi/locks/");
            assert.equal(locks.length, 1, `locks while the first up runs: ${locks.join(", ")}`);
            // What the provider does at the start of a deploy: export works while the lock is held, without the passphrase.
            const { PULUMI_CONFIG_PASSPHRASE_FILE: _file, PULUMI_CONFIG_PASSPHRASE: _passphrase, ...noPassphrase } = stack.environment();
            const exported = JSON.parse(execFileSync(path.join(stack.bin, "pulumi"), ["stack", "export", "--stack", stack.stackName, "--non-interactive"], { cwd: stack.projectDir, env: noPassphrase, encoding: "utf8" }));
            assert.ok(exported.deployment.resources.some((r: { type: string }) => r.type === TYPE_TOKEN));
            const second = await stack.up();
            assert.notEqual(second.code, 0, "a second concurrent up ran");
            assert.match(second.stdout + second.stderr, /the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`/);
            const done = await first;
            assert.equal(done.code, 0, done.stdout + done.stderr);
        } finally {
            emu.clearFaults();
        }
        assert.deepEqual(actions(emu, before).filter((a) => a === "CreateAutoCalloutTask"), ["CreateAutoCalloutTask"]);
        assert.deepEqual((await stack.resources(TYPE_TOKEN)).map((r) => r.name).sort(), ["reminders", "surveys"]);
        assert.equal(emu.tasks().length, 2);
        assert.deepEqual(await s3.list(".pulumi/locks/"), []);
    });
});
