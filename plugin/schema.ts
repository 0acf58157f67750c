// The provider plugin's Pulumi package schema, derived from the zod schema of the dynamic CalloutTask
// (`z.toJSONSchema`) and the provider settings: nothing here is written by hand but the package's
// identity. `npm run build` writes it to dist/plugin/schema.json (scripts/plugin-schema.js).
import { z } from "zod";
import { REPLACE_FIELDS, schemas, SECRET_FIELDS } from "../provider/callout-task/schema";
import { SETTING_SOURCES } from "../provider/callout-task/settings";

export const PACKAGE_NAME = "tencentcloud-ccc";
export const PLUGIN_TYPE_TOKEN = `${PACKAGE_NAME}:index:CalloutTask`;

/** Settings that are credentials: secret in the provider's config. */
const SECRET_SETTINGS = new Set(["secretKey", "securityToken"]);

type JsonSchema = { [key: string]: any };
type PulumiType = { [key: string]: any };

const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);
/** An object type's name comes from the property holding it: `retryTags` items → `RetryTag`. */
const typeName = (property: string, isItem: boolean) => pascal(isItem && property.endsWith("s") ? property.slice(0, -1) : property);

/** JSON Schema (zod's output) → Pulumi schema types; nested objects become named types in `types`. */
class Translator {
    readonly types: Record<string, PulumiType> = {};

    type(s: JsonSchema, property: string, isItem = false): PulumiType {
        const description = s.description ? { description: s.description } : {};
        if (Array.isArray(s.type)) return { oneOf: s.type.map((t: string) => this.type({ type: t }, property)), ...description };
        if (s.enum) return { type: "string", ...description, description: `${s.description ? `${s.description} ` : ""}One of: ${s.enum.join(", ")}.` };
        switch (s.type) {
            case "string":
            case "integer":
            case "number":
            case "boolean":
                return { type: s.type, ...description };
            case "array":
                return { type: "array", items: this.type(s.items, property, true), ...description };
            case "object":
                if (!s.properties) {
                    const values = s.additionalProperties;
                    return { type: "object", additionalProperties: values && Object.keys(values).length ? this.type(values, property) : { $ref: "pulumi.json#/Any" }, ...description };
                }
                return { $ref: `#/types/${this.object(s, typeName(property, isItem))}`, ...description };
            default:
                return { $ref: "pulumi.json#/Any", ...description };
        }
    }

    properties(s: JsonSchema): Record<string, PulumiType> {
        return Object.fromEntries(Object.entries<JsonSchema>(s.properties).map(([k, v]) => [k, this.type(v, k)]));
    }

    private object(s: JsonSchema, name: string): string {
        const token = `${PACKAGE_NAME}:index:${name}`;
        this.types[token] ??= { type: "object", properties: this.properties(s), required: s.required ?? [] };
        return token;
    }
}

/** The package schema, as `pulumi package gen-sdk` and the engine read it. */
export function packageSchema(version: string): Record<string, unknown> {
    const { inputs, state } = schemas();
    const t = new Translator();
    const inputSchema = z.toJSONSchema(inputs, { io: "input", unrepresentable: "any" }) as JsonSchema;
    // Outputs: the state schema, minus the fields that only steer create.
    const stateSchema = z.toJSONSchema(state, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const mark = (props: Record<string, PulumiType>) => {
        for (const k of SECRET_FIELDS) if (props[k]) props[k].secret = true;
        for (const k of REPLACE_FIELDS) if (props[k]) props[k].replaceOnChanges = true;
        return props;
    };
    const inputProperties = mark(t.properties(inputSchema));
    const properties = mark(t.properties(stateSchema));
    delete properties.adoptTaskId;
    const settings = Object.fromEntries(
        Object.values(SETTING_SOURCES).map(({ config, env }) => {
            const key = config.slice(config.indexOf(":") + 1);
            return [key, { type: "string", description: `Stack config \`${PACKAGE_NAME}:${key}\`; falls back to the environment variable ${env}.`, ...(SECRET_SETTINGS.has(key) ? { secret: true } : {}) }];
        }),
    );
    return {
        name: PACKAGE_NAME,
        displayName: "Tencent Cloud CCC",
        version,
        description: "Outbound call campaigns on Tencent Cloud Contact Center (CCC): the CalloutTask resource.",
        license: "Apache-2.0",
        config: { variables: settings },
        provider: { description: "The tencentcloud-ccc provider: credentials and CCC client settings.", inputProperties: settings },
        resources: {
            [PLUGIN_TYPE_TOKEN]: {
                description:
                    "A CCC auto callout task. Every input but `paused` replaces the task (CCC has no update API), and the old task is stopped before the new one is created. " +
                    "Import with `pulumi import tencentcloud-ccc:index:CalloutTask NAME SDKAPPID/TASKID`.",
                inputProperties,
                requiredInputs: inputSchema.required ?? [],
                properties,
                required: (stateSchema.required as string[]).filter((k) => k !== "adoptTaskId"),
            },
        },
        types: t.types,
        language: {
            nodejs: { packageName: "@pulumi-tencentcloud-ccc/sdk" },
            python: { packageName: "pulumi_tencentcloud_ccc" },
            go: { importBasePath: "github.com/pulumi-tencentcloud-ccc/sdk/go/tencentcloudccc" },
        },
    };
}
