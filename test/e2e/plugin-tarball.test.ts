// The provider plugin installed the way a user installs a release: `pulumi plugin install resource
// PACKAGE VERSION --file TARBALL` (made by `npm run plugin:tarball`, one per package), then used from
// YAML programs with nothing of this repository on PATH: the tarball carries its own node_modules.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import type { Emulator } from "../../emulator";
import { LocalStack, REPO } from "../../scripts/pulumi-cli";
import { AICCS_PLUGIN_CONFIG, pluginTools } from "../plugin/harness";
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

    it("installs both packages with `pulumi plugin install --file` and deploys and destroys a task of each from YAML", async () => {
        fs.rmSync(STATE, { recursive: true, force: true });
        fs.mkdirSync(STATE, { recursive: true });
        const tarballs = execFileSync("node", [path.join(REPO, "scripts", "plugin-tarball.js"), STATE], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n");
        const { version } = require(path.join(REPO, "package.json"));
        const tarball = (name: string) => {
            const file = path.join(STATE, `pulumi-resource-${name}-v${version}.tar.gz`);
            assert.ok(tarballs.includes(file), `${file} not among ${tarballs.join(", ")}`);
            return file;
        };
        const tools = pluginTools();
        // No plugin/ of this repository on PATH: only the CLI and the language hosts.
        const program = path.join(STATE, "program");
        fs.mkdirSync(program);
        fs.copyFileSync(path.join(REPO, "test", "plugin", "yaml", "Pulumi.yaml"), path.join(program, "Pulumi.yaml"));
        const stack = new LocalStack(tools.bin, "plugin-tarball", { PATH: [tools.bin, tools.hosts, process.env.PATH].join(path.delimiter) }, program);
        await stack.init();
        for (const name of ["tencentcloud-ccc", "alicloud-aiccs"]) {
            await stack.ok(["plugin", "install", "resource", name, version, "--file", tarball(name)]);
            assert.match(await stack.ok(["plugin", "ls"]), new RegExp(`${name}\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
        }
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

        // The AiCallTask program, its plugins section dropped: the installed alicloud-aiccs plugin serves it.
        const aiccsProgram = path.join(STATE, "aiccs-program");
        fs.mkdirSync(aiccsProgram);
        const doc = parse(fs.readFileSync(path.join(REPO, "test", "plugin", "yaml-aiccs", "Pulumi.yaml"), "utf8"));
        delete doc.plugins;
        fs.writeFileSync(path.join(aiccsProgram, "Pulumi.yaml"), stringify(doc));
        const ai = new LocalStack(tools.bin, "plugin-tarball-aiccs", stack.env, aiccsProgram);
        await ai.init();
        for (const [key, value] of Object.entries(AICCS_PLUGIN_CONFIG(emu))) await ai.setConfig(key, value);
        await ai.setConfig("alicloud-aiccs:secretKey", SECRET_KEY, true);
        await ai.ok(["plugin", "install", "resource", "alicloud-aiccs", version, "--file", tarball("alicloud-aiccs")]);
        const aiUp = await ai.up();
        assert.equal(aiUp.code, 0, aiUp.stdout + aiUp.stderr);
        assert.doesNotMatch(aiUp.stdout + aiUp.stderr, /from \$PATH at .*pulumi-resource-alicloud-aiccs/);
        const { taskId: aiTaskId } = await ai.outputs();
        assert.equal(emu.aiccs.task(aiTaskId)!.status, 1);
        const aiDestroy = await ai.destroy();
        assert.equal(aiDestroy.code, 0, aiDestroy.stdout + aiDestroy.stderr);
        assert.equal(emu.aiccs.task(aiTaskId)!.status, 2);
    });
});
