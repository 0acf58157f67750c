// The provider plugin's adaptation of the lifecycle, called as the provider host calls it, against
// the emulator: configuration keys, secrets on the wire, import, and declaring what an import lacks.
// CalloutTask here; the AiCallTask in aiccs.test.ts.
import { strict as assert } from "assert";
import type { Emulator } from "../../emulator";
import { packageNamed } from "../../plugin/packages";
import { conceal, packageProvider, reveal } from "../../plugin/provider";
import { createCccApi } from "../../provider/callout-task/client";
import { createRequestToApi } from "../../provider/callout-task/mapping";
import { SECRET_FIELDS } from "../../provider/callout-task/schema";
import { actions, campaign, checked, newProviderProcess, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const URN = "urn:pulumi:dev::p::tencentcloud-ccc:index:CalloutTask::reminders";
const SECRET = "4dabf18193072939515e22adb298388d";

describe("provider plugin: the lifecycle on the wire", () => {
    let emu: Emulator;
    let warnings: string[];
    let plugin: ReturnType<typeof packageProvider>;

    before(async () => {
        emu = await startTestEmulator();
    });
    after(async () => {
        await emu.close();
    });
    beforeEach(async () => {
        newProviderProcess();
        warnings = [];
        plugin = packageProvider(packageNamed("tencentcloud-ccc"), "0.1.0", "{}", async (_urn, message) => void warnings.push(message));
        await plugin.configure(
            new Map([
                ["tencentcloud-ccc:secretId", SECRET_ID],
                ["tencentcloud-ccc:secretKey", SECRET_KEY],
                ["tencentcloud-ccc:cccEndpoint", emu.url],
            ]),
        );
    });

    it("check unwraps secret inputs, validates them, and marks the callees secret again", async () => {
        const raw = campaign();
        const result = await plugin.check!(URN, {}, { ...raw, callees: { [SECRET]: "1b47061264138c4ac30d75fd1eb44270", value: raw.callees } });
        assert.deepEqual(result.failures, undefined);
        assert.equal(result.inputs.callees[SECRET], "1b47061264138c4ac30d75fd1eb44270");
        assert.deepEqual(reveal(result.inputs).callees, ["+8613012345678", "+8613112345678", "+8613212345678"]);
        const bad = await plugin.check!(URN, {}, campaign({ tries: 9 }));
        assert.deepEqual(bad.failures?.map((f) => f.property), ["tries"]);
    });

    it("refuses a resource type it does not serve, another package's too", async () => {
        await assert.rejects(plugin.check!("urn:pulumi:dev::p::tencentcloud-ccc:index:Other::x", {}, campaign()), /unknown resource type tencentcloud-ccc:index:Other: the tencentcloud-ccc plugin serves tencentcloud-ccc:index:CalloutTask/);
        await assert.rejects(plugin.check!("urn:pulumi:dev::p::alicloud-aiccs:index:AiCallTask::x", {}, campaign()), /unknown resource type alicloud-aiccs:index:AiCallTask/);
    });

    it("import reads a task by SDKAPPID/TASKID, warns what CCC never returns, and keeps those fields unknown", async () => {
        const api = createCccApi({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
        const declared = checked(campaign({ name: "outside" }));
        const { TaskId } = await api.createTask(createRequestToApi(declared as any));
        const read = await plugin.read!(`${SDK_APP_ID}/${TaskId}`, URN, {});
        assert.equal(read.id, String(TaskId));
        const inputs = reveal(read.inputs);
        assert.deepEqual(Object.keys(inputs).sort(), ["callees", "callers", "description", "ivrId", "name", "notAfter", "notBefore", "paused", "sdkAppId"]);
        assert.equal(read.inputs.callees[SECRET] !== undefined && read.props.callees[SECRET] !== undefined, true, "callees not secret");
        assert.equal(read.props.timeZone, null);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /CCC never returns [^:]*timeZone, availableTime/);
        assert.ok(!warnings[0].includes("13012345678"));
        await assert.rejects(plugin.read!(`${TaskId}`, URN, {}), /must be SDKAPPID\/TASKID/);

        // Declaring the unrecovered fields is an update that records them, not a replacement.
        const news = (await plugin.check!(URN, read.inputs, { ...inputs, timeZone: "Asia/Shanghai", availableTime: [{ start: "09:00", end: "12:00" }] })).inputs;
        const diff = await plugin.diff!(read.id!, URN, read.props, news);
        assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: [] });
        const before = emu.requestLog().length;
        const updated = await plugin.update!(read.id!, URN, read.props, news);
        assert.ok(!actions(emu, before).some((a) => /Create|Stop|Pause|Resume/.test(a)));
        assert.equal(updated.outs.timeZone, "Asia/Shanghai");
        assert.equal(updated.outs.tries, null, "a field still undeclared stays unknown");
        // From then on a change replaces, as for any task.
        const changed = (await plugin.check!(URN, news, { ...reveal(news), timeZone: "Asia/Tokyo" })).inputs;
        assert.deepEqual((await plugin.diff!(read.id!, URN, updated.outs, changed)).replaces, ["timeZone"]);
    });

    it("conceal leaves values already secret and absent fields alone", () => {
        const wrapped = { [SECRET]: "1b47061264138c4ac30d75fd1eb44270", value: ["+8613012345678"] };
        assert.deepEqual(conceal(SECRET_FIELDS, { callees: wrapped, name: "n" }), { callees: wrapped, name: "n" });
    });
});
