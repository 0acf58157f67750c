// The main job: deploys the default program (campaigns/) with the real Pulumi engine to a local
// stack, against the embedded emulator (CCC and AICCS) by default, prints what happened, and cleans up.
import * as fs from "fs";
import { AiccsTaskStatus, campaignMayDial, startEmulator } from "../emulator";
import { statusText } from "../status/cli";
import { OPERATIONS, realStack } from "./ccc";
import { ensurePulumi, LocalStack, policyPackArgs } from "./pulumi-cli";

const USAGE = `Usage: npm run demo [-- --real [--up | --destroy]]

  npm run demo                        emulator, offline: a throw-away stack, preview with the policy pack,
                                      up, the clock moved until every campaign dials, refresh, destroy
  npm run demo -- --real              Tencent Cloud: preview only (credentials from TENCENTCLOUD_SECRET_ID/KEY)
  npm run demo -- --real --up         Tencent Cloud: preview, then up (this dials real people)
  npm run demo -- --real --destroy    Tencent Cloud: stop every task of that stack

The day-to-day commands (a persistent stack, the emulator in the background, its clock) are
\`npm run ccc -- --help\`; --real here is \`npm run ccc -- preview|up|destroy --real\`.`;

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
    console.log(USAGE);
    process.exit(0);
}
const args = new Set(argv);
const real = args.has("--real");
const unexpected = argv.filter((a) => !(real ? ["--real", "--up", "--destroy"] : []).includes(a));
if (unexpected.length) {
    console.error(`demo: unexpected ${unexpected.join(" ")}\n\n${USAGE}`);
    process.exit(2);
}

function step(title: string): void {
    console.log(`\n== ${title}`);
}

/** Each campaign of every kind, as `npm run ccc -- status` shows it, at `now` (Unix seconds; the emulator's clock). */
async function summary(stack: LocalStack, now = Math.floor(Date.now() / 1000)): Promise<void> {
    const exported = await stack.ok(["stack", "export", "--show-secrets", "--stack", stack.stackName]);
    process.stdout.write(statusText(exported, now, "text"));
}

async function main(): Promise<void> {
    if (real) {
        // The persistent Tencent Cloud stack of the local loop: its passphrase is never a published one.
        const stack = await realStack();
        if (args.has("--destroy")) return void (process.exitCode = (await OPERATIONS.destroy(stack, [])).code);
        step("pulumi preview (Tencent Cloud)");
        const preview = await OPERATIONS.preview(stack, []);
        if (preview.code !== 0 || !args.has("--up")) return void (process.exitCode = preview.code);
        step("pulumi up (Tencent Cloud)");
        const up = await OPERATIONS.up(stack, []);
        if (up.code === 0) await summary(stack);
        console.log(`\nState is in ${stack.dir}. Tear down with: npm run demo -- --real --destroy`);
        return void (process.exitCode = up.code);
    }

    step("Pulumi CLI");
    const stack = new LocalStack(ensurePulumi(), "demo");
    const policy = policyPackArgs();

    step("emulator (CCC and AICCS)");
    const emulator = await startEmulator({ credentials: [{ secretId: "AKIDDEMO00000000000000000000000000001", secretKey: "demo-secret-key" }] });
    console.log(`listening on ${emulator.url} (clock ${new Date(emulator.now() * 1000).toISOString()})`);
    try {
        await stack.init(); // a throw-away stack for emulator credentials, with the labelled demo passphrase
        await stack.setConfig("tencentcloud:secretId", "AKIDDEMO00000000000000000000000000001");
        await stack.setConfig("tencentcloud:secretKey", "demo-secret-key", true);
        await stack.setConfig("tencentcloud:cccEndpoint", emulator.url);
        // The same emulator answers AICCS (the AiCallTask campaign), with the same demo key.
        await stack.setConfig("alicloud:accessKey", "AKIDDEMO00000000000000000000000000001");
        await stack.setConfig("alicloud:secretKey", "demo-secret-key", true);
        await stack.setConfig("alicloud:aiccsEndpoint", emulator.aiccs.endpoint);

        step("pulumi preview with the call-window policy pack");
        const preview = await stack.preview(policy);
        console.log(preview.stdout.trim());
        if (preview.code !== 0) throw new Error(`preview failed:\n${preview.stderr}`);

        step("pulumi up");
        const up = await stack.up(policy);
        console.log(up.stdout.trim());
        if (up.code !== 0) throw new Error(`up failed:\n${up.stderr}`);
        await summary(stack, emulator.now());

        // Move the emulator's clock to an hour after the last campaign starts: every campaign is dialing.
        const starts = [...emulator.tasks().map((t) => t.request.NotBefore), ...emulator.campaigns().map((c) => c.request.StartTime ?? 0)];
        const at = Math.max(emulator.now(), ...starts) + 3600;
        step(`the emulator's clock moves to ${new Date(at * 1000).toISOString()}: pulumi refresh`);
        emulator.setClock(at);
        const refresh = await stack.refresh();
        if (refresh.code !== 0) throw new Error(`refresh failed:\n${refresh.stdout}\n${refresh.stderr}`);
        await summary(stack, emulator.now());

        step("pulumi destroy");
        const destroy = await stack.destroy();
        console.log(destroy.stdout.trim().split("\n").slice(-4).join("\n"));
        if (destroy.code !== 0) throw new Error(`destroy failed:\n${destroy.stderr}`);
        const live = emulator.tasks().filter((t) => [0, 1, 5].includes(t.state));
        console.log(`emulator: ${emulator.tasks().length} tasks, ${live.length} still able to dial; ${emulator.requestLog().length} API requests in all`);
        const liveCampaigns = emulator.campaigns().filter(campaignMayDial);
        console.log(`emulator (campaigns): ${emulator.campaigns().length} left (predictive ones are deleted; agent cruise ones, which CCC cannot delete, are aborted), ${liveCampaigns.length} still able to dial`);
        const aiLive = emulator.aiccs.tasks().filter((t) => t.status === AiccsTaskStatus.Running || t.status === AiccsTaskStatus.Init);
        console.log(`emulator (AICCS): ${emulator.aiccs.tasks().length} tasks, ${aiLive.length} still able to dial (stopped: AICCS has no delete); ${emulator.aiccs.requestLog().length} API requests in all`);
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
