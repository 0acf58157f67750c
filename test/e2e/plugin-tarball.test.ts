// The provider plugin installed the way a user installs a release: `pulumi plugin install resource
// tencentcloud-ccc VERSION --file TARBALL` (made by `npm run plugin:tarball`), then used from a YAML
// program with nothing of this repository on PATH: the tarball carries its own node_modules.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { pluginTools } from "../plugin/harness";
import { actions, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const STATE = path.join(REPO, ".state", "plugin-tarball-files");

describe("provider plugin: installed from its release tarball", function () {
    this.timeout(900_000);
    let emu: Emulator;

    before(async () => {
        emu = await startTestEmulator();
    });
    after(async () => {
        await emu?.close();
    });

    it("installs with `pulumi plugin install --file` and deploys and destroys a task from YAML", async () => {
        fs.rmSync(STATE, { recursive: true, force: true });
        fs.mkdirSync(STATE, { recursive: true });
        const tarball = execFileSync("node", [path.join(REPO, "scripts", "plugin-tarball.js"), STATE], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").pop()!;
        const { version } = require(path.join(REPO, "package.json"));
        const tools = pluginTools();
        // No plugin/ of this repository on PATH: only the CLI and the language hosts.
        const program = path.join(STATE, "program");
        fs.mkdirSync(program);
        fs.copyFileSync(path.join(REPO, "test", "plugin", "yaml", "Pulumi.yaml"), path.join(program, "Pulumi.yaml"));
        const stack = new LocalStack(tools.bin, "plugin-tarball", { PATH: [tools.bin, tools.hosts, process.env.PATH].join(path.delimiter) }, program);
        await stack.init();
        await stack.ok(["plugin", "install", "resource", "tencentcloud-ccc", version, "--file", tarball]);
        const listed = await stack.ok(["plugin", "ls"]);
        assert.match(listed, new RegExp(`tencentcloud-ccc\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
        await stack.setConfig("tencentcloud-ccc:secretId", SECRET_ID);
        await stack.setConfig("tencentcloud-ccc:secretKey", SECRET_KEY, true);
        await stack.setConfig("tencentcloud-ccc:cccEndpoint", emu.url);
        await stack.setConfig("sdkAppId", String(SDK_APP_ID));

        const up = await stack.up();
        assert.equal(up.code, 0, up.stdout + up.stderr);
        assert.doesNotMatch(up.stdout + up.stderr, /from \$PATH at .*pulumi-resource-tencentcloud-ccc/);
        const { taskId } = await stack.outputs();
        assert.equal(emu.task(taskId)!.state, 0);
        const destroy = await stack.destroy();
        assert.equal(destroy.code, 0, destroy.stdout + destroy.stderr);
        assert.equal(emu.task(taskId)!.state, 4);
        assert.deepEqual(actions(emu).filter((a) => /Create|Stop/.test(a)), ["CreateAutoCalloutTask", "StopAutoCalloutTask"]);
    });
});
