// The provider Pulumi stores in state: serialized the way the engine does it, revived the way the
// dynamic-provider host does it, it loads the package's compiled lifecycle by name.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../../emulator";
import serializedProvider = require("../../provider/callout-task/stub");
import { REPO } from "../../scripts/pulumi-cli";
import { SDK_APP_ID, SECRET_KEY, stackConfig, startTestEmulator } from "../support/provider-harness";

const requireFromString = require("require-from-string");

function inChdir<T>(dir: string, run: () => Promise<T>): Promise<T> {
    const before = process.cwd();
    process.chdir(dir);
    return run().finally(() => process.chdir(before));
}

describe("provider/callout-task/stub: the serialized provider", () => {
    let emu: Emulator;
    let text: string;

    before(async function () {
        this.timeout(60_000);
        assert.ok(fs.existsSync(path.join(REPO, "dist", "provider", "callout-task", "provider.js")), "run `npm run build` first (npm test does)");
        emu = await startTestEmulator();
        const serialized = await pulumi.runtime.serializeFunction(() => serializedProvider, { allowSecrets: true });
        assert.equal(serialized.containsSecrets, false);
        text = serialized.text;
    });
    after(async () => emu?.close());

    it("holds no machine path, no package layout and no configuration, only the package's name", () => {
        // From a checkout, the functions' text; installed, a require by name (test/e2e/consumer.test.ts).
        for (const leak of [REPO, os.homedir(), "dist/", "node_modules", SECRET_KEY]) assert.ok(!text.includes(leak), `it contains ${leak}`);
        assert.match(text, /"pulumi-tencentcloud-ccc\/lifecycle"/);
    });

    it("revived like the dynamic-provider host does, runs the installed lifecycle against the API", async () => {
        const revived = requireFromString(text).handler();
        await inChdir(REPO, async () => {
            await revived.configure({ config: stackConfig(emu) });
            const props = { sdkAppId: SDK_APP_ID, notBefore: "2027-01-04T09:00:00+08:00", callees: ["+8613012345678"], callers: ["+8602012345678"], ivrId: 8, timeZone: "Asia/Shanghai", availableTime: [{ start: "09:00", end: "12:00" }] };
            const checked = await revived.check({}, props);
            assert.deepEqual(checked.failures ?? [], []);
            const created = await revived.create(checked.inputs);
            assert.equal((await revived.read(created.id, created.outs)).props.taskId, Number(created.id));
            await revived.delete(created.id, created.outs);
        });
        assert.deepEqual(emu.tasks().map((t) => t.state), [4]);
    });

    it("names the missing package when the program's folder lacks it", async () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-no-package-"));
        try {
            const revived = requireFromString(text).handler();
            await inChdir(empty, async () => {
                await assert.rejects(revived.read("1", {}), (e: Error) => {
                    assert.match(e.message, /Cannot find module 'pulumi-tencentcloud-ccc\/lifecycle'/);
                    return true;
                });
            });
        } finally {
            fs.rmSync(empty, { recursive: true, force: true });
        }
    });
});
