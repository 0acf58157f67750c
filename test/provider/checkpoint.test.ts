// Signs of an interrupted deploy: check reads the stack's state once per process, before any create
// can follow, and only for resources that may be created (never in a preview); a create whose resource has a pending
// create waits for the list to catch up, adopts or creates, and says so. The CLI here is a script on
// PATH that answers `pulumi stack export` slowly (the transport); the engine suites run the real one.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { checkpointReading } from "../../provider/shared/checkpoint";
import { createCccApi } from "../../provider/callout-task/client";
import { resourceLineage } from "../../provider/shared/lineage";
import { createRequestToApi } from "../../provider/callout-task/mapping";
import { createToken } from "../../provider/callout-task/operations";
import { CalloutTaskProvider } from "../../provider/callout-task/provider";
import { aiCallTask, campaign, checked, cruiseCampaign, predictiveCampaign, SECRET_ID, SECRET_KEY, stackConfig, startTestEmulator } from "../support/provider-harness";
import { newProviderProcess } from "../support/provider-harness";

const EXPORT_MS = 1000;
const REPO = path.resolve(__dirname, "..", "..");
/** A program of one task of each kind under Pulumi's mocks (argv: preview?, inputs by class): prints each registration's type and whether it carries `stack`. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const [preview, inputs] = process.argv.slice(1);
const seen = [];
pulumi.runtime.setMocks({ newResource: (a) => (seen.push([a.type, "stack" in a.inputs]), { id: "1", state: a.inputs }), call: (a) => a.inputs }, "ccc-campaigns", "dev", preview === "true");
const kinds = require("./index");
for (const [kind, args] of Object.entries(JSON.parse(inputs))) new kinds[kind](kind, args);
process.once("beforeExit", () => console.log(JSON.stringify(seen.sort())));
`;
const EVERY_KIND = { CalloutTask: campaign(), AiCallTask: aiCallTask(), PredictiveDialingCampaign: predictiveCampaign(), AgentCruiseDialingCampaign: cruiseCampaign() };
const LINEAGE = resourceLineage("ccc-campaigns", "dev", "reminders");
const URN = "urn:pulumi:dev::ccc-campaigns::pulumi-nodejs:dynamic/tencentcloud-ccc:CalloutTask::reminders";

describe("create recovery from the stack's state", function () {
    this.timeout(60_000);
    let emu: Emulator;
    let bin: string;
    const path0 = process.env.PATH;
    const exports = () => (fs.existsSync(path.join(bin, "runs")) ? fs.readFileSync(path.join(bin, "runs"), "utf8").split("\n").filter(Boolean) : []);

    /** A `pulumi` on PATH whose `stack export` takes EXPORT_MS, prints `state` and exits `code`; each run is recorded with its end time. */
    function cli(state: unknown, code = 0) {
        fs.writeFileSync(path.join(bin, "state.json"), JSON.stringify(state));
        fs.writeFileSync(
            path.join(bin, "pulumi"),
            `#!/bin/sh\nsleep ${EXPORT_MS / 1000}\necho "$* $(date +%s%3N)" >> "${bin}/runs"\n${code ? `echo "error: no stack" >&2\nexit ${code}` : `cat "${bin}/state.json"`}\n`,
            { mode: 0o755 },
        );
    }
    const pending = { deployment: { pending_operations: [{ type: "creating", resource: { urn: URN, type: "x", inputs: { lineage: LINEAGE } } }] } };

    async function provider(extra: Record<string, string> = {}) {
        newProviderProcess();
        const warnings: { urn: string; message: string }[] = [];
        const p = new CalloutTaskProvider(async (urn, message) => void warnings.push({ urn, message }));
        await p.configure({ config: stackConfig(emu, { "tencentcloud:cccTimeoutSeconds": "1", "tencentcloud:cccCreateSettleSeconds": "3", ...extra }) });
        return { p, warnings };
    }

    beforeEach(async () => {
        emu = await startTestEmulator();
        bin = fs.mkdtempSync(path.join(os.tmpdir(), "ccc-cli-"));
        process.env.PATH = `${bin}${path.delimiter}${path0}`;
    });
    afterEach(async () => {
        process.env.PATH = path0;
        fs.rmSync(bin, { recursive: true, force: true });
        await emu.close();
    });

    it("reads the state once, at the first check of a resource that may be created, and that check waits for it; checks with old inputs never do", async () => {
        cli(pending);
        const { p } = await provider();
        const raw = campaign();
        const olds = checked(raw);
        await p.check(olds, { ...raw, stack: "dev" });
        assert.equal(checkpointReading(), undefined, "a check with old inputs read the state");
        const started = Date.now();
        const first = await p.check({}, { ...raw, lineage: LINEAGE, stack: "dev" });
        const returned = Date.now();
        assert.equal(first.inputs!.stack, undefined, "the stack's name reached the checked inputs");
        assert.deepEqual(exports().map((l) => l.split(" ").slice(0, 4).join(" ")), ["stack export --stack dev"]);
        assert.ok(Number(exports()[0].split(" ").pop()) <= returned, "check returned before the state was read");
        assert.ok(returned - started >= EXPORT_MS - 50);
        await p.check({}, { ...raw, name: "other", stack: "dev" });
        assert.equal(exports().length, 1, "the state was read twice in one process");
    });

    it("a create whose resource has a pending create waits for the lagging list, adopts the task the interrupted run made, and warns", async () => {
        cli(pending);
        const { p, warnings } = await provider();
        const raw = campaign();
        const inputs = checked(raw);
        // What the killed run made: the task carries the resource's token and lineage; the list shows it 2 s late.
        emu.setFaults({ listLag: { seconds: 2 } });
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const { TaskId } = await api.createTask(createRequestToApi(inputs as any, createToken(inputs as any), LINEAGE));
        const checkedInputs = (await p.check({}, { ...raw, lineage: LINEAGE, stack: "dev" })).inputs!;
        const before = emu.requestLog().length;
        const created = await p.create(checkedInputs);
        assert.equal(created.id, String(TaskId));
        assert.ok(!emu.requestLog().slice(before).some((e) => e.action === "CreateAutoCalloutTask"), "a second task was created");
        assert.equal(emu.tasks().length, 1);
        assert.deepEqual(warnings, [
            {
                urn: URN,
                message:
                    `CalloutTask "reminders": the stack's state holds a pending create of this resource from an interrupted deploy, so a task made then may exist and not be listed yet; ` +
                    `looked for it until it was listed or 3s (tencentcloud:cccCreateSettleSeconds) had passed since the state was read: found task ${TaskId} and adopted it; ` +
                    "`pulumi refresh --clear-pending-creates` drops the stale pending create",
            },
        ]);
    });

    it("a create of another resource does not wait", async () => {
        cli(pending);
        const { p, warnings } = await provider();
        const raw = campaign();
        const checkedInputs = (await p.check({}, { ...raw, lineage: resourceLineage("ccc-campaigns", "dev", "other"), stack: "dev" })).inputs!;
        const started = Date.now();
        await p.create(checkedInputs);
        assert.ok(Date.now() - started < 1000, `waited ${Date.now() - started} ms`);
        assert.deepEqual(warnings, []);
    });

    it("when the state cannot be read, every new task waits the settle time once, with one warning saying why", async () => {
        cli({}, 1);
        const { p, warnings } = await provider();
        const inputs = await Promise.all([0, 1].map((i) => p.check({}, { ...campaign({ name: `c${i}` }), lineage: resourceLineage("p", "dev", `c${i}`), stack: "dev" })));
        const readAt = Number(exports()[0].split(" ").pop()) - EXPORT_MS;
        await Promise.all(inputs.map((c) => p.create(c.inputs!)));
        const creates = emu.requestLog().filter((e) => e.action === "CreateAutoCalloutTask");
        assert.equal(creates.length, 2);
        for (const c of creates) assert.ok(c.at >= readAt + 3000 - 100, `created ${c.at - readAt} ms after the state was to be read`);
        assert.equal(warnings.length, 1, JSON.stringify(warnings));
        assert.match(warnings[0].message, /^could not read the stack's state to look for creates an interrupted deploy left \(`.*pulumi stack export` exited 1: error: no stack\): every new task of this deploy waits until 3s \(tencentcloud:cccCreateSettleSeconds\) after that attempt for a task an earlier deploy made to be listed, then is created$/);
    });

    it("leaves the stack's name out of the checked inputs: a stack deployed before it existed shows no change", async () => {
        cli({});
        const { p } = await provider();
        const raw = { ...campaign(), lineage: LINEAGE };
        const before = (await p.check({}, raw)).inputs!;
        const after = (await p.check(before, { ...raw, stack: "dev" })).inputs!;
        assert.deepEqual(after, before);
        assert.equal((await p.diff("1", before, after)).changes, false);
    });

    it("a preview reads nothing: the program passes the stack's name to every kind only when it deploys, and a check without it reads no state", async () => {
        // The program's side, through Pulumi's mocks, in a process of its own (mocks are global): preview, then up.
        const registered = (preview: boolean) => {
            const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", PROGRAM, String(preview), JSON.stringify(EVERY_KIND)], { cwd: REPO, encoding: "utf8" });
            return JSON.parse(out.trim().split("\n").pop()!);
        };
        const types = ["alicloud-aiccs:AiCallTask", "tencentcloud-ccc:AgentCruiseDialingCampaign", "tencentcloud-ccc:CalloutTask", "tencentcloud-ccc:PredictiveDialingCampaign"].map((t) => `pulumi-nodejs:dynamic/${t}`);
        assert.deepEqual(registered(true), types.map((t) => [t, false]));
        assert.deepEqual(registered(false), types.map((t) => [t, true]));
        // The provider's side: a new resource's check in a preview, with no stack, reads no state.
        cli(pending);
        const { p } = await provider();
        await p.check({}, { ...campaign(), lineage: LINEAGE });
        assert.equal(checkpointReading(), undefined);
        assert.deepEqual(exports(), []);
    });

    it("reads nothing with cccCreateRecovery never, and names the setting of a bad value", async () => {
        cli(pending);
        const { p } = await provider({ "tencentcloud:cccCreateRecovery": "never" });
        await p.check({}, { ...campaign(), lineage: LINEAGE, stack: "dev" });
        assert.equal(checkpointReading(), undefined);
        const bad = await provider({ "tencentcloud:cccCreateRecovery": "sometimes" });
        await assert.rejects(bad.p.check({}, { ...campaign(), stack: "dev" }), /^Error: tencentcloud:cccCreateRecovery: must be one of auto, never, got "sometimes"$/);
    });
});
