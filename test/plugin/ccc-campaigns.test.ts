// The tencentcloud-ccc plugin's PredictiveDialingCampaign and AgentCruiseDialingCampaign entries: their
// resources in the package schema (tokens, secrets, what replaces them, the import line), the settings
// they share with the CalloutTask, and `pulumi import` on the wire against the CCC emulator: what it
// recovers, what it warns of, and import IDs it refuses.
import { strict as assert } from "assert";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { packageNamed } from "../../plugin/packages";
import { packageProvider, reveal } from "../../plugin/provider";
import { packageSchema } from "../../plugin/schema";
import { agentCruiseCampaignPlugin } from "../../provider/agent-cruise-campaign/plugin";
import { createCruiseApi } from "../../provider/agent-cruise-campaign/client";
import * as cruise from "../../provider/agent-cruise-campaign/schema";
import { SETTING_SOURCES } from "../../provider/ccc/settings";
import { createPredictiveApi } from "../../provider/predictive-campaign/client";
import { predictiveCampaignPlugin } from "../../provider/predictive-campaign/plugin";
import * as predictive from "../../provider/predictive-campaign/schema";
import { REPO } from "../../scripts/pulumi-cli";
import { newProviderProcess, SDK_APP_ID, SECRET_ID, SECRET_KEY, startTestEmulator } from "../support/provider-harness";

const { version } = require(path.join(REPO, "package.json"));
const SECRET = "4dabf18193072939515e22adb298388d";
const MARK = "1b47061264138c4ac30d75fd1eb44270";
const PREDICTIVE_URN = `urn:pulumi:dev::p::${predictive.PLUGIN_TYPE_TOKEN}::made`;
const CRUISE_URN = `urn:pulumi:dev::p::${cruise.PLUGIN_TYPE_TOKEN}::made`;

describe("provider plugin: the PredictiveDialingCampaign and AgentCruiseDialingCampaign schemas", () => {
    const schema = packageSchema(packageNamed("tencentcloud-ccc"), version) as any;
    const flagged = (props: Record<string, any>, flag: string) => Object.keys(props).filter((k) => props[k][flag] === true);

    it("lists both kinds in the tencentcloud-ccc package under their plugin tokens, after the CalloutTask", () => {
        assert.deepEqual(packageNamed("tencentcloud-ccc").kinds.slice(1), [predictiveCampaignPlugin, agentCruiseCampaignPlugin]);
        assert.deepEqual(Object.keys(schema.resources), ["tencentcloud-ccc:index:CalloutTask", "tencentcloud-ccc:index:PredictiveDialingCampaign", "tencentcloud-ccc:index:AgentCruiseDialingCampaign"]);
        assert.deepEqual([predictiveCampaignPlugin.kind.tokens.plugin, agentCruiseCampaignPlugin.kind.tokens.plugin], [predictive.PLUGIN_TYPE_TOKEN, cruise.PLUGIN_TYPE_TOKEN]);
    });

    it("PredictiveDialingCampaign: every input, callees and calleeAttributes secret, sdkAppId, timeZone and availableTime replace it (not redial), the import line", () => {
        const r = schema.resources[predictive.PLUGIN_TYPE_TOKEN];
        assert.deepEqual(Object.keys(r.inputProperties), [...predictive.FIELD_NAMES]);
        assert.deepEqual([flagged(r.inputProperties, "secret"), flagged(r.properties, "secret")], [["callees", "calleeAttributes"], ["callees", "calleeAttributes"]]);
        // The fields updated before the start are not marked: the provider's diff replaces them after it.
        // redial and adoptCampaignId steer the provider: a change of them alone replaces nothing.
        assert.deepEqual(flagged(r.inputProperties, "replaceOnChanges"), ["sdkAppId", "timeZone", "availableTime"]);
        assert.deepEqual(flagged(r.properties, "replaceOnChanges"), ["sdkAppId", "timeZone", "availableTime"]);
        assert.deepEqual(r.requiredInputs, ["sdkAppId", "name", "callees", "callers", "callOrder", "skillGroupId", "priority", "expectedAbandonRate", "retryInterval", "startTime", "endTime"]);
        assert.deepEqual(r.required, [...r.requiredInputs, "campaignId", "status", "statusName", "statusReason", "progress"]);
        assert.equal(r.properties.adoptCampaignId, undefined, "adoptCampaignId only steers create");
        assert.equal(r.properties.progress.$ref, "#/types/tencentcloud-ccc:index:PredictiveDialingCampaignProgress");
        assert.deepEqual(Object.keys(schema.types["tencentcloud-ccc:index:PredictiveDialingCampaignProgress"].properties), ["callees", "finishedCallees", "sessions"]);
        assert.equal(r.inputProperties.availableTime.items.$ref, "#/types/tencentcloud-ccc:index:AvailableTime");
        assert.match(r.description, /^A CCC predictive dialing campaign, calling for a skill group of agents\. `sdkAppId`, `timeZone`, `availableTime` replace the campaign; /);
        assert.match(r.description, / Import with `pulumi import tencentcloud-ccc:index:PredictiveDialingCampaign NAME SDKAPPID\/CAMPAIGNID`\.$/);
    });

    it("AgentCruiseDialingCampaign: every input, callees secret, every input but redial and adoptCampaignId replaces it, the import line", () => {
        const r = schema.resources[cruise.PLUGIN_TYPE_TOKEN];
        assert.deepEqual(Object.keys(r.inputProperties), cruise.FIELD_NAMES);
        assert.deepEqual([flagged(r.inputProperties, "secret"), flagged(r.properties, "secret")], [["callees"], ["callees"]]);
        assert.deepEqual(flagged(r.inputProperties, "replaceOnChanges"), ["sdkAppId", "name", "agent", "concurrencyNumber", "startTime", "endTime", "callees", "callers", "callOrder", "uui"]);
        assert.deepEqual(predictiveCampaignPlugin.providerOnly, ["redial", "adoptCampaignId"]);
        assert.deepEqual(agentCruiseCampaignPlugin.providerOnly, ["redial", "adoptCampaignId"]);
        assert.deepEqual(r.requiredInputs, ["sdkAppId", "name", "agent", "concurrencyNumber", "startTime", "endTime", "callees"]);
        assert.deepEqual(r.required, [...r.requiredInputs, "campaignId", "state", "stateName", "progress"]);
        assert.equal(r.properties.adoptCampaignId, undefined, "adoptCampaignId only steers create");
        assert.equal(r.properties.progress.$ref, "#/types/tencentcloud-ccc:index:AgentCruiseDialingCampaignProgress");
        assert.deepEqual(Object.keys(schema.types["tencentcloud-ccc:index:AgentCruiseDialingCampaignProgress"].properties), ["total", "called"]);
        assert.equal(r.description, "A CCC agent cruise dialing campaign, dialing for one agent. CCC has no update for it: every input replaces the campaign, and the old one is aborted before the new one is created. Import with `pulumi import tencentcloud-ccc:index:AgentCruiseDialingCampaign NAME SDKAPPID/CAMPAIGNID`.");
    });

    it("both take the CalloutTask's CCC settings, credentials secret: the package's settings are unchanged", () => {
        for (const entry of [predictiveCampaignPlugin, agentCruiseCampaignPlugin]) {
            assert.equal(entry.settings, SETTING_SOURCES);
            assert.deepEqual(entry.secretSettings, ["secretKey", "securityToken"]);
            assert.deepEqual([entry.importId, entry.createOnly], ["SDKAPPID/CAMPAIGNID", ["adoptCampaignId"]]);
        }
        assert.deepEqual(Object.keys(schema.config.variables), ["secretId", "secretKey", "securityToken", "region", "cccEndpoint", "cccTimeoutSeconds", "cccMaxAttempts", "cccRetryMaxSeconds", "cccRequestsPerSecond", "cccCreateSettleSeconds", "cccCreateRecovery"]);
        assert.deepEqual(flagged(schema.config.variables, "secret"), ["secretKey", "securityToken"]);
    });
});

describe("provider plugin: importing predictive and agent cruise campaigns on the wire", function () {
    this.timeout(60_000);
    let emu: Emulator;
    let warnings: string[];
    let plugin: ReturnType<typeof packageProvider>;
    const settings = () => ({ credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emu.url });
    const writes = (since: number) => emu.requestLog().slice(since).map((e) => e.action).filter((a) => !a.startsWith("Describe"));

    before(async () => {
        emu = await startTestEmulator();
    });
    after(() => emu.close());
    beforeEach(async () => {
        emu.reset();
        newProviderProcess();
        warnings = [];
        plugin = packageProvider(packageNamed("tencentcloud-ccc"), "0.1.0", "{}", async (_urn, message) => void warnings.push(message));
        await plugin.configure(new Map([["tencentcloud-ccc:secretId", SECRET_ID], ["tencentcloud-ccc:secretKey", SECRET_KEY], ["tencentcloud-ccc:cccEndpoint", emu.url]]));
    });

    it("a predictive campaign by SDKAPPID/CAMPAIGNID: what Describe reports as inputs, the rest null in state, a warning naming them without a number", async () => {
        const start = emu.now() + 86400;
        const { CampaignId } = await createPredictiveApi(settings()).create({
            SdkAppId: SDK_APP_ID, Name: "console-predictive", Callees: ["008613412345678"], Callers: ["008602012345678"], CallOrder: 0, SkillGroupId: 7, Priority: 3,
            ExpectedAbandonRate: 10, RetryInterval: 600, StartTime: start, EndTime: start + 86400, RetryTimes: 1, UUI: "from-console", TimeZone: "Asia/Shanghai",
        });
        const before = emu.requestLog().length;
        const read = await plugin.read!(`${SDK_APP_ID}/${CampaignId}`, PREDICTIVE_URN, {});
        assert.deepEqual(writes(before), []);
        assert.equal(read.id, String(CampaignId));
        assert.deepEqual(reveal(read.inputs), {
            sdkAppId: SDK_APP_ID, name: "console-predictive", callOrder: 0, skillGroupId: 7, priority: 3, expectedAbandonRate: 10, retryInterval: 600,
            startTime: start, endTime: start + 86400, retryTimes: 1, uui: "from-console", paused: false,
        });
        const notReturned = ["callees", "callers", "ivrId", "variables", "calleeAttributes", "timeZone", "availableTime"];
        const props = reveal(read.props);
        for (const k of notReturned) assert.equal(props[k], null, `${k}: null in state`);
        assert.equal(read.props!.callees[SECRET], MARK, "a secret, even unknown");
        assert.deepEqual([read.props!.campaignId, read.props!.statusName], [CampaignId, "notStarted"]);
        assert.deepEqual(warnings, [
            `task ${CampaignId}: imported sdkAppId, name, callOrder, skillGroupId, priority, expectedAbandonRate, retryInterval, startTime, endTime, retryTimes, uui, paused. ` +
                `CCC never returns ${notReturned.join(", ")}: declare the ones the campaign was created with (the callees, timeZone and availableTime are what the policy pack checks).`,
        ]);
    });

    it("an agent cruise campaign by SDKAPPID/CAMPAIGNID: what Describe reports as inputs, the callees null in state until declared", async () => {
        const start = emu.now() + 86400;
        const { CampaignId } = await createCruiseApi(settings()).createCampaign({
            SdkAppId: SDK_APP_ID, Name: "console-cruise", Agent: "agent2@example.com", ConcurrencyNumber: 1, StartTime: start, EndTime: start + 3600, Callees: ["008613512345678"], CallOrder: 1,
        });
        const read = await plugin.read!(`${SDK_APP_ID}/${CampaignId}`, CRUISE_URN, {});
        assert.equal(read.id, String(CampaignId));
        const inputs = reveal(read.inputs);
        assert.deepEqual(inputs, { sdkAppId: SDK_APP_ID, name: "console-cruise", agent: "agent2@example.com", concurrencyNumber: 1, startTime: start, endTime: start + 3600, callOrder: 1 });
        const props = reveal(read.props);
        assert.deepEqual([props.callees, props.callers, props.uui, props.stateName], [null, null, null, "notStarted"]);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], new RegExp(`^task ${CampaignId}: imported sdkAppId, name, agent, concurrencyNumber, startTime, endTime, callOrder\\. CCC never returns callees, callers, uui: `));
        assert.ok(!warnings.join("").includes("13512345678"));

        // Declaring the callees is recorded in place: no abort, no create, the callees secret in the outputs.
        const news = (await plugin.check!(CRUISE_URN, read.inputs, { ...inputs, callees: ["+8613512345678"] })).inputs;
        const diff = await plugin.diff!(read.id!, CRUISE_URN, read.props!, news);
        assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: [] });
        const before = emu.requestLog().length;
        const updated = await plugin.update!(read.id!, CRUISE_URN, read.props!, news);
        assert.deepEqual(writes(before), []);
        assert.equal(updated.outs.callees[SECRET], MARK);
        assert.deepEqual(reveal(updated.outs).callees, ["+8613512345678"]);
    });

    it("import IDs that are not SDKAPPID/CAMPAIGNID, or name no campaign, are refused naming the ID, before any call", async () => {
        const before = emu.requestLog().length;
        for (const urn of [PREDICTIVE_URN, CRUISE_URN]) {
            for (const id of ["5000001", "1400123455/", "app/5000001", "1400123455/5000001/2"]) {
                await assert.rejects(plugin.read!(id, urn, {}), { message: `import ID "${id}": must be SDKAPPID/CAMPAIGNID, for example 1400123455/5000001` });
            }
        }
        assert.equal(emu.requestLog().length, before);
        await assert.rejects(plugin.read!(`${SDK_APP_ID}/5009999`, PREDICTIVE_URN, {}), { message: `import ID "${SDK_APP_ID}/5009999": SdkAppId ${SDK_APP_ID} has no predictive campaign 5009999` });
        await assert.rejects(plugin.read!(`${SDK_APP_ID}/5009999`, CRUISE_URN, {}), { message: `import ID "${SDK_APP_ID}/5009999": SdkAppId ${SDK_APP_ID} has no agent cruise campaign 5009999` });
    });
});
