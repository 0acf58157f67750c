// The provider plugin's package schemas: derived from each kind's zod schemas and settings, and what
// the build writes, per package; the AICCS package's own facts; a package of several kinds.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import type { PluginKind } from "../../plugin/kind";
import { packageNamed, PACKAGES } from "../../plugin/packages";
import { packageSchema, schemaFile } from "../../plugin/schema";
import { aiCallTaskPlugin } from "../../provider/ai-call-task/plugin";
import * as aiccs from "../../provider/ai-call-task/schema";
import { SETTING_SOURCES as AICCS_SETTINGS } from "../../provider/ai-call-task/settings";
import { calloutTaskPlugin } from "../../provider/callout-task/plugin";
import { CREATE_ONLY, FIELD_NAMES, PLUGIN_TYPE_TOKEN, REPLACE_FIELDS, schemas, SECRET_FIELDS } from "../../provider/callout-task/schema";
import { SETTING_SOURCES } from "../../provider/ccc/settings";
import { REPO } from "../../scripts/pulumi-cli";
import { dialerKind } from "../support/fake-kind";

const { version } = require(path.join(REPO, "package.json"));
const keysOf = (sources: Record<string, { config: string }>) => Object.values(sources).map((s) => s.config.split(":")[1]).sort();

describe("provider plugin: package schemas", () => {
    for (const pkg of PACKAGES) {
        it(`${pkg.name}: is what \`npm run build\` wrote to dist/plugin/${schemaFile(pkg.name)}`, () => {
            assert.deepEqual(JSON.parse(fs.readFileSync(path.join(REPO, "dist", "plugin", schemaFile(pkg.name)), "utf8")), packageSchema(pkg, version));
        });
    }
});

describe("provider plugin: the tencentcloud-ccc schema", () => {
    const schema = packageSchema(packageNamed("tencentcloud-ccc"), version) as any;
    const resource = schema.resources[PLUGIN_TYPE_TOKEN];

    it("has every input, with zod's descriptions, secrets and replace-on-change fields", () => {
        assert.deepEqual(Object.keys(resource.inputProperties).sort(), [...FIELD_NAMES].sort());
        for (const k of FIELD_NAMES) {
            const p = resource.inputProperties[k];
            const description = (schemas().fields as Record<string, { description?: string }>)[k].description;
            if (description) assert.ok(p.description.startsWith(description), `${k}: description`);
            assert.equal(p.secret === true, SECRET_FIELDS.includes(k), `${k}: secret`);
            assert.equal(p.replaceOnChanges === true, REPLACE_FIELDS.includes(k) && !CREATE_ONLY.includes(k), `${k}: replaceOnChanges`);
        }
        assert.deepEqual(resource.requiredInputs.sort(), ["callees", "callers", "notBefore", "sdkAppId"]);
        assert.deepEqual(resource.inputProperties.notBefore.oneOf, [{ type: "number" }, { type: "string" }]);
        assert.match(resource.description, /Import with `pulumi import tencentcloud-ccc:index:CalloutTask NAME SDKAPPID\/TASKID`\.$/);
    });

    it("has the outputs (not adoptTaskId, which only steers create), nested objects as named types, and the provider's settings", () => {
        for (const k of ["taskId", "state", "stateName", "progress"]) assert.ok(resource.required.includes(k), k);
        assert.equal(resource.properties.adoptTaskId, undefined);
        assert.ok(!resource.required.includes("adoptTaskId"));
        assert.equal(resource.properties.progress.$ref, "#/types/tencentcloud-ccc:index:Progress");
        assert.equal(resource.inputProperties.availableTime.items.$ref, "#/types/tencentcloud-ccc:index:AvailableTime");
        assert.deepEqual(schema.types["tencentcloud-ccc:index:AvailableTime"].required, ["start", "end"]);
        assert.deepEqual(resource.inputProperties.variables.additionalProperties, { type: "string" });
        assert.deepEqual(Object.keys(schema.config.variables).sort(), keysOf(SETTING_SOURCES));
        assert.equal(schema.config.variables.secretKey.secret, true);
        assert.equal(schema.config.variables.secretId.secret, undefined);
        assert.equal(schema.description, "Outbound call campaigns on Tencent Cloud Contact Center (CCC): the CalloutTask, PredictiveDialingCampaign, and AgentCruiseDialingCampaign resources.");
        assert.equal(schema.language.python.packageName, "pulumi_tencentcloud_ccc");
    });
});

describe("provider plugin: the alicloud-aiccs schema", () => {
    const schema = packageSchema(packageNamed("alicloud-aiccs"), version) as any;
    const resource = schema.resources[aiccs.PLUGIN_TYPE_TOKEN];

    it("serves AiCallTask alone, every input with its description; callees secret; agentId and virtualNumber replace it", () => {
        assert.deepEqual(Object.keys(schema.resources), ["alicloud-aiccs:index:AiCallTask"]);
        assert.deepEqual(Object.keys(resource.inputProperties), aiccs.FIELD_NAMES);
        for (const k of aiccs.FIELD_NAMES) {
            const p = resource.inputProperties[k];
            assert.ok(p.description.startsWith(aiccs.fieldSchemas[k].description!), `${k}: description`);
            assert.equal(p.secret === true, k === "callees", `${k}: secret`);
            assert.equal(p.replaceOnChanges === true, k === "agentId" || k === "virtualNumber", `${k}: replaceOnChanges`);
            assert.equal(resource.properties[k].secret === true, k === "callees", `${k}: secret output`);
        }
        assert.deepEqual(resource.requiredInputs, ["taskName", "agentId", "virtualNumber", "startType", "callTime", "callDays", "callees"]);
        assert.deepEqual([...resource.required].sort(), [...resource.requiredInputs, "taskId", "status", "statusName", "progress"].sort());
        assert.equal(resource.properties.taskId.type, "string", "64-bit ids are text");
        assert.equal(resource.inputProperties.callTime.items.$ref, "#/types/alicloud-aiccs:index:CallTime");
        assert.deepEqual(schema.types["alicloud-aiccs:index:CallTime"].required, ["start", "end"]);
        assert.equal(resource.properties.progress.$ref, "#/types/alicloud-aiccs:index:Progress");
        assert.match(resource.inputProperties.startType.description, /One of: IMMEDIATE, SCHEDULE\.$/);
        assert.match(resource.description, /Import with `pulumi import alicloud-aiccs:index:AiCallTask NAME TASKID`\.$/);
    });

    it("says that the windows' zone is inferred", () => {
        assert.match(resource.description, /`callTime` and `callDays` are read in the provider's window zone, `aiccsWindowTimeZone` \(default Asia\/Shanghai\): an inferred zone, AICCS documents none\./);
        assert.match(schema.config.variables.aiccsWindowTimeZone.description, /^The zone callTime and callDays are read in \(default Asia\/Shanghai\): inferred, AICCS documents none\. Stack config `alicloud-aiccs:aiccsWindowTimeZone`; falls back to the environment variable ALIBABA_CLOUD_AICCS_WINDOW_TIME_ZONE\.$/);
    });

    it("has the dynamic provider's alicloud: settings under alicloud-aiccs:, credentials secret", () => {
        assert.deepEqual(Object.keys(schema.config.variables).sort(), keysOf(AICCS_SETTINGS));
        assert.deepEqual(schema.provider.inputProperties, schema.config.variables);
        assert.equal(schema.config.variables.accessKey.description, "Stack config `alicloud-aiccs:accessKey`; falls back to the environment variable ALIBABA_CLOUD_ACCESS_KEY_ID.");
        assert.deepEqual(Object.keys(schema.config.variables).filter((k) => schema.config.variables[k].secret), ["secretKey", "securityToken"]);
        assert.deepEqual(schema.language, {
            nodejs: { packageName: "@pulumi-alicloud-aiccs/sdk" },
            python: { packageName: "pulumi_alicloud_aiccs" },
            go: { importBasePath: "github.com/pulumi-tencentcloud-ccc/sdk/go/alicloudaiccs" },
        });
        assert.equal(schema.description, "AI call tasks on Alibaba Cloud AICCS (API 2019-10-15): the AiCallTask resource.");
    });
});

describe("provider plugin: a package of several kinds", () => {
    // A kind whose progress has another shape than CalloutTask's: the type names must not collide.
    const dialer: PluginKind = {
        kind: { ...dialerKind, reference: { ...dialerKind.reference, outputs: () => z.object({ dialerId: z.string(), progress: z.object({ rung: z.number() }) }) } },
        description: "A Dialer.",
        importId: "DIALERID",
        lifecycle: () => {
            throw new Error("not served in this test");
        },
        settings: { token: { config: "fakevendor:token", env: "FAKEVENDOR_TOKEN" } },
        secretSettings: ["token"],
        importTask: async () => {
            throw new Error("not served in this test");
        },
    };
    const schema = packageSchema({ name: "tencentcloud-ccc", displayName: "Both", description: "Two kinds", kinds: [calloutTaskPlugin, dialer, aiCallTaskPlugin] }, version) as any;

    it("has each kind's resource, a type that another kind named with another shape under the kind's name, and every kind's settings", () => {
        assert.deepEqual(Object.keys(schema.resources), [PLUGIN_TYPE_TOKEN, "fakevendor:index:Dialer", aiccs.PLUGIN_TYPE_TOKEN]);
        assert.equal(schema.resources[PLUGIN_TYPE_TOKEN].properties.progress.$ref, "#/types/tencentcloud-ccc:index:Progress");
        assert.equal(schema.resources["fakevendor:index:Dialer"].properties.progress.$ref, "#/types/tencentcloud-ccc:index:DialerProgress");
        assert.deepEqual(schema.types["tencentcloud-ccc:index:DialerProgress"].properties, { rung: { type: "number" } });
        assert.equal(schema.resources[aiccs.PLUGIN_TYPE_TOKEN].properties.progress.$ref, "#/types/tencentcloud-ccc:index:AiCallTaskProgress");
        // Secrets and replacements come from each TaskKind's lifecycle facts.
        assert.equal(schema.resources["fakevendor:index:Dialer"].inputProperties.numbers.secret, true);
        assert.equal(schema.resources["fakevendor:index:Dialer"].inputProperties.enabled.replaceOnChanges, undefined);
        assert.equal(schema.resources["fakevendor:index:Dialer"].inputProperties.hours.replaceOnChanges, true);
        assert.equal(schema.config.variables.token.secret, true);
        assert.ok(schema.config.variables.secretId && schema.config.variables.aiccsEndpoint);
        assert.equal(schema.description, "Two kinds: the CalloutTask, Dialer, and AiCallTask resources.");
    });
});
