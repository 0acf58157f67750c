// The main job: deploys the default program (campaigns/) with the real Pulumi engine to a local
// stack, against the embedded CCC emulator by default, prints what happened, and cleans up.
//
//   npm run demo                 emulator, offline: preview + policy pack, up, refresh, destroy
//   npm run demo -- --real       Tencent Cloud: preview only (credentials from TENCENTCLOUD_SECRET_ID/KEY)
//   npm run demo -- --real --up  Tencent Cloud: preview, then up (this dials real people)
//   npm run demo -- --real --destroy   Tencent Cloud: stop every task of that stack
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../emulator";
import { TYPE_TOKEN } from "../provider/callout-task/schema";
import { ensurePulumi, LocalStack, REPO } from "./pulumi-cli";

const args = new Set(process.argv.slice(2));
const real = args.has("--real");

function step(title: string): void {
    console.log(`\n== ${title}`);
}

/** One line per CalloutTask, from the stack's state. */
async function summary(stack: LocalStack): Promise<void> {
    console.log(`${"campaign".padEnd(28)} ${"task".padEnd(9)} ${"state".padEnd(11)} calls: answered / not answered / calling / awaiting retry / not yet called, of total`);
    for (const { name, outputs: t } of await stack.resources(TYPE_TOKEN)) {
        const p = t.progress ?? {};
        console.log(`${name.padEnd(28)} ${String(t.taskId).padEnd(9)} ${String(t.stateName).padEnd(11)} ${p.answered} / ${p.notAnswered} / ${p.calling} / ${p.awaitingRetry} / ${p.initial}, of ${p.total}`);
    }
}

async function main(): Promise<void> {
    step("Pulumi CLI");
    const bin = ensurePulumi();
    const stack = new LocalStack(bin, real ? "tencentcloud" : "demo");
    const policy = fs.existsSync(path.join(REPO, "policy", "PulumiPolicy.yaml")) ? ["--policy-pack", path.join(REPO, "policy")] : [];
    const policyConfig = path.join(REPO, "policy-config.example.json");
    if (policy.length && fs.existsSync(policyConfig)) policy.push("--policy-pack-config", policyConfig);

    if (real) {
        // Real tasks: keep the stack's state across runs, never start it afresh.
        if (!fs.existsSync(stack.dir)) await stack.init();
        const configured = fs.existsSync(stack.configFile) && fs.readFileSync(stack.configFile, "utf8").includes("tencentcloud:secretKey");
        if (!configured && (!process.env.TENCENTCLOUD_SECRET_ID || !process.env.TENCENTCLOUD_SECRET_KEY)) {
            throw new Error(
                "--real needs Tencent Cloud credentials: export TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY " +
                    `(plus TENCENTCLOUD_SESSION_TOKEN for temporary credentials), or set tencentcloud:secretId/secretKey in ${stack.configFile}`,
            );
        }
        if (args.has("--destroy")) {
            const destroy = await stack.destroy();
            console.log(destroy.stdout, destroy.stderr);
            return void (process.exitCode = destroy.code);
        }
        step("pulumi preview (Tencent Cloud)");
        const preview = await stack.preview(policy);
        console.log(preview.stdout, preview.stderr);
        if (preview.code !== 0 || !args.has("--up")) return void (process.exitCode = preview.code);
        step("pulumi up (Tencent Cloud)");
        const up = await stack.up(policy);
        console.log(up.stdout, up.stderr);
        if (up.code === 0) await summary(stack);
        console.log(`\nState is in ${stack.dir}. Tear down with: npm run demo -- --real --destroy`);
        return void (process.exitCode = up.code);
    }

    step("CCC emulator");
    const emulator = await startEmulator({ credentials: [{ secretId: "AKIDDEMO00000000000000000000000000001", secretKey: "demo-secret-key" }] });
    console.log(`listening on ${emulator.url} (clock ${new Date(emulator.now() * 1000).toISOString()})`);
    try {
        await stack.init();
        await stack.setConfig("tencentcloud:secretId", "AKIDDEMO00000000000000000000000000001");
        await stack.setConfig("tencentcloud:secretKey", "demo-secret-key", true);
        await stack.setConfig("tencentcloud:cccEndpoint", emulator.url);

        step(`pulumi preview${policy.length ? " with the call-window policy pack" : ""}`);
        const preview = await stack.preview(policy);
        console.log(preview.stdout.trim());
        if (preview.code !== 0) throw new Error(`preview failed:\n${preview.stderr}`);

        step("pulumi up");
        const up = await stack.up(policy);
        console.log(up.stdout.trim());
        if (up.code !== 0) throw new Error(`up failed:\n${up.stderr}`);
        await summary(stack);

        // Move the emulator's clock to an hour after the last campaign starts: every campaign is dialing.
        const tasks = emulator.tasks();
        const at = Math.max(emulator.now(), ...tasks.map((t) => t.request.NotBefore)) + 3600;
        step(`the emulator's clock moves to ${new Date(at * 1000).toISOString()}: pulumi refresh`);
        emulator.setClock(at);
        const refresh = await stack.refresh();
        if (refresh.code !== 0) throw new Error(`refresh failed:\n${refresh.stdout}\n${refresh.stderr}`);
        await summary(stack);

        step("pulumi destroy");
        const destroy = await stack.destroy();
        console.log(destroy.stdout.trim().split("\n").slice(-4).join("\n"));
        if (destroy.code !== 0) throw new Error(`destroy failed:\n${destroy.stderr}`);
        const live = emulator.tasks().filter((t) => [0, 1, 5].includes(t.state));
        console.log(`emulator: ${emulator.tasks().length} tasks, ${live.length} still able to dial; ${emulator.requestLog().length} API requests in all`);
        fs.rmSync(stack.dir, { recursive: true, force: true });
        console.log("\nDone: the stack was destroyed and its local state removed.");
    } finally {
        await emulator.close();
    }
}

main().catch((e) => {
    console.error(`\ndemo failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
});
