// The provider plugin's package schema: derived from the zod schema, and what the build writes.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { packageSchema, PLUGIN_TYPE_TOKEN } from "../../plugin/schema";
import { FIELD_NAMES, REPLACE_FIELDS, schemas, SECRET_FIELDS } from "../../provider/callout-task/schema";
import { SETTING_SOURCES } from "../../provider/ccc/settings";
import { REPO } from "../../scripts/pulumi-cli";

describe("provider plugin: package schema", () => {
    const { version } = require(path.join(REPO, "package.json"));
    const schema = packageSchema(version) as any;
    const resource = schema.resources[PLUGIN_TYPE_TOKEN];

    it("is what `npm run build` wrote to dist/plugin/schema.json", () => {
        assert.deepEqual(JSON.parse(fs.readFileSync(path.join(REPO, "dist", "plugin", "schema.json"), "utf8")), schema);
    });

    it("has every input, with zod's descriptions, secrets and replace-on-change fields", () => {
        assert.deepEqual(Object.keys(resource.inputProperties).sort(), [...FIELD_NAMES].sort());
        for (const k of FIELD_NAMES) {
            const p = resource.inputProperties[k];
            const description = (schemas().fields as Record<string, { description?: string }>)[k].description;
            if (description) assert.ok(p.description.startsWith(description), `${k}: description`);
            assert.equal(p.secret === true, SECRET_FIELDS.includes(k), `${k}: secret`);
            assert.equal(p.replaceOnChanges === true, REPLACE_FIELDS.includes(k), `${k}: replaceOnChanges`);
        }
        assert.deepEqual(resource.requiredInputs.sort(), ["callees", "callers", "notBefore", "sdkAppId"]);
        assert.deepEqual(resource.inputProperties.notBefore.oneOf, [{ type: "number" }, { type: "string" }]);
    });

    it("has the outputs, nested objects as named types, and the provider's settings", () => {
        for (const k of ["taskId", "state", "stateName", "progress"]) assert.ok(resource.required.includes(k), k);
        assert.equal(resource.properties.progress.$ref, "#/types/tencentcloud-ccc:index:Progress");
        assert.equal(resource.inputProperties.availableTime.items.$ref, "#/types/tencentcloud-ccc:index:AvailableTime");
        assert.deepEqual(schema.types["tencentcloud-ccc:index:AvailableTime"].required, ["start", "end"]);
        assert.deepEqual(resource.inputProperties.variables.additionalProperties, { type: "string" });
        assert.deepEqual(Object.keys(schema.config.variables).sort(), Object.values(SETTING_SOURCES).map((s) => s.config.split(":")[1]).sort());
        assert.equal(schema.config.variables.secretKey.secret, true);
        assert.equal(schema.config.variables.secretId.secret, undefined);
    });
});
