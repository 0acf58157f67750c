// The provider plugin's Pulumi package schemas, one per package, derived from its kinds' zod schemas
// (`z.toJSONSchema`) and settings: nothing here is written by hand but each package's identity
// (plugin/packages.ts). `npm run build` writes them to dist/plugin/<package>/schema.json (scripts/plugin-schema.js).
import { z } from "zod";
import type { PluginKind, PluginPackage } from "./kind";

/** Where a package's schema is written, under dist/plugin/ (the plugin reads it there). */
export const schemaFile = (packageName: string) => `${packageName}/schema.json`;

type JsonSchema = { [key: string]: any };
type PulumiType = { [key: string]: any };

const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);
/** An object type's name comes from the property holding it: `retryTags` items → `RetryTag`. */
const typeName = (property: string, isItem: boolean) => pascal(isItem && property.endsWith("s") ? property.slice(0, -1) : property);

/** JSON Schema (zod's output) → Pulumi schema types; nested objects become named types in `types`. */
class Translator {
    readonly types: Record<string, PulumiType> = {};
    /** The kind being translated: a type name another kind took with another shape gets the kind's name in front. */
    kindName = "";

    constructor(private readonly packageName: string) {}

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
        const type = { type: "object", properties: this.properties(s), required: s.required ?? [] };
        const token = `${this.packageName}:index:${name}`;
        const taken = this.types[token] && JSON.stringify(this.types[token]) !== JSON.stringify(type);
        const chosen = taken ? `${this.packageName}:index:${this.kindName}${name}` : token;
        this.types[chosen] ??= type;
        return chosen;
    }
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as JsonSchema;

/** A kind's resource in the package schema: inputs, and outputs (the state minus the fields that only steer create). */
function resource(t: Translator, entry: PluginKind): PulumiType {
    const { kind } = entry;
    t.kindName = kind.name;
    const inputSchema = jsonSchema(kind.reference.inputs());
    const stateSchema = jsonSchema(kind.reference.outputs());
    const replaces = kind.lifecycle.inputOrder.filter((k) => !kind.lifecycle.updatable.includes(k) && !entry.providerOnly?.includes(k));
    const mark = (props: Record<string, PulumiType>) => {
        for (const k of kind.lifecycle.secret) if (props[k]) props[k].secret = true;
        for (const k of replaces) if (props[k]) props[k].replaceOnChanges = true;
        return props;
    };
    const createOnly = entry.createOnly ?? [];
    const properties = mark(t.properties(stateSchema));
    for (const k of createOnly) delete properties[k];
    return {
        description: `${entry.description} Import with \`pulumi import ${kind.tokens.plugin} NAME ${entry.importId}\`.`,
        inputProperties: mark(t.properties(inputSchema)),
        requiredInputs: inputSchema.required ?? [],
        properties,
        required: (stateSchema.required as string[]).filter((k) => !createOnly.includes(k)),
    };
}

/** The package's settings: its kinds', each under the package's namespace, credentials secret. */
function settingsOf(pkg: PluginPackage): Record<string, PulumiType> {
    return Object.fromEntries(
        pkg.kinds.flatMap((entry) =>
            Object.values(entry.settings).map(({ config, env }) => {
                const key = config.slice(config.indexOf(":") + 1);
                const note = entry.settingNotes?.[key];
                const description = `${note ? `${note} ` : ""}Stack config \`${pkg.name}:${key}\`; falls back to the environment variable ${env}.`;
                return [key, { type: "string", description, ...(entry.secretSettings.includes(key) ? { secret: true } : {}) }];
            }),
        ),
    );
}

/** The package schema, as `pulumi package gen-sdk` and the engine read it. */
export function packageSchema(pkg: PluginPackage, version: string): Record<string, unknown> {
    const t = new Translator(pkg.name);
    const resources = Object.fromEntries(pkg.kinds.map((entry) => [entry.kind.tokens.plugin, resource(t, entry)]));
    const settings = settingsOf(pkg);
    const names = pkg.kinds.map((k) => k.kind.name);
    const compact = pkg.name.replace(/-/g, "");
    return {
        name: pkg.name,
        displayName: pkg.displayName,
        version,
        description: `${pkg.description}: the ${new Intl.ListFormat("en", { type: "conjunction" }).format(names)} resource${names.length > 1 ? "s" : ""}.`,
        license: "Apache-2.0",
        config: { variables: settings },
        provider: { description: `The ${pkg.name} provider: credentials and ${pkg.displayName} client settings.`, inputProperties: settings },
        resources,
        types: t.types,
        language: {
            nodejs: { packageName: `@pulumi-${pkg.name}/sdk` },
            python: { packageName: `pulumi_${pkg.name.replace(/-/g, "_")}` },
            go: { importBasePath: `github.com/pulumi-tencentcloud-ccc/sdk/go/${compact}` },
        },
    };
}
