// A kind's reference page, docs/resources/<Kind>.md, generated from its zod schemas (through zod's
// JSON Schema) and its lifecycle facts, the way Terraform providers' docs/resources pages come from
// their schemas: every input and output with its type, constraints, default, whether it is secret and
// whether a change replaces the task. `npm run build` writes the pages (scripts/resource-docs.js).
import { z } from "zod";
import type { TaskKind } from "../campaign/adapter";

type JsonSchema = { [key: string]: any };

/** Where the pages live, from the repository's root. */
export const REFERENCE_DIR = "docs/resources";

const code = (s: string) => `\`${s}\``;
// zod writes an unbounded safe integer's bound; it says nothing to a reader.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function typeOf(s: JsonSchema): string {
    if (Array.isArray(s.type)) return s.type.join(" or ");
    if (s.enum) return "string";
    switch (s.type) {
        case "array":
            return s.items && Object.keys(s.items).length ? `list of ${typeOf(s.items)}` : "list";
        case "object":
            return s.properties ? "object" : `map of ${s.additionalProperties && Object.keys(s.additionalProperties).length ? typeOf(s.additionalProperties) : "any"}`;
        case undefined:
            return "any";
        default:
            return s.type;
    }
}

function constraintsOf(s: JsonSchema): string[] {
    const out: string[] = [];
    const bound = (key: string, text: (n: number) => string) => s[key] !== undefined && s[key] !== UNBOUNDED && out.push(text(s[key]));
    bound("minimum", (n) => `≥ ${n}`);
    bound("exclusiveMinimum", (n) => `> ${n}`);
    bound("maximum", (n) => `≤ ${n}`);
    bound("exclusiveMaximum", (n) => `< ${n}`);
    bound("minLength", (n) => `at least ${n} character${n === 1 ? "" : "s"}`);
    bound("maxLength", (n) => `at most ${n} characters`);
    bound("minItems", (n) => `at least ${n} item${n === 1 ? "" : "s"}`);
    bound("maxItems", (n) => `at most ${n} items`);
    if (s.pattern) out.push(`matches ${code(s.pattern)}`);
    if (s.enum) out.push(`one of ${s.enum.map((v: unknown) => code(String(v))).join(", ")}`);
    if (s.propertyNames?.minLength) out.push("keys not empty");
    if (s.type === "array" && s.items) out.push(...constraintsOf(s.items).map((c) => `each ${c}`));
    return out;
}

/** An object's fields in the item schema of a list or the object itself, for a nested section. */
const nestedOf = (s: JsonSchema): JsonSchema | undefined => (s.type === "object" && s.properties ? s : s.type === "array" && s.items?.type === "object" && s.items.properties ? s.items : undefined);

interface Marks {
    required: boolean;
    secret?: boolean;
    replaces?: boolean;
    defaultValue?: unknown;
}

function entry(name: string, s: JsonSchema, m: Marks, anchor: string | undefined): string {
    const tags = [typeOf(s), m.required ? "required" : "optional"];
    if (m.secret) tags.push("secret");
    if (m.replaces !== undefined) tags.push(m.replaces ? "forces replacement" : "updated in place");
    const about = s.description ? [s.description.replace(/([^.])$/, "$1.")] : [];
    const constraints = constraintsOf(s);
    if (constraints.length) about.push(`Constraints: ${constraints.join("; ")}.`);
    const value = s.default ?? m.defaultValue;
    if (value !== undefined) about.push(`Default: ${code(JSON.stringify(value))}.`);
    if (anchor) about.push(`See [${name}](#${anchor}).`);
    return `- ${code(name)} (${tags.join(", ")})${about.length ? `: ${about.join(" ")}` : ""}`;
}

/** GitHub's anchor of a heading. */
const slug = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");

/** A list of fields, then a nested section per object-valued field (named by its path), depth first. */
function fields(schema: JsonSchema, marks: (name: string, required: boolean) => Marks, names = Object.keys(schema.properties ?? {}), prefix = ""): string[] {
    const required = new Set<string>(schema.required ?? []);
    const nested: string[] = [];
    const lines: string[] = [];
    for (const name of names) {
        const s = schema.properties[name] as JsonSchema;
        const inner = nestedOf(s);
        const heading = `Nested schema for ${prefix}${name}`;
        lines.push(entry(name, s, marks(name, required.has(name)), inner && slug(heading)));
        if (inner) nested.push(`### ${heading}`, "", ...fields(inner, (_, req) => ({ required: req }), undefined, `${prefix}${name}.`));
    }
    return [...lines, "", ...nested];
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as JsonSchema;

/** The kind's reference page as Markdown. */
export function referencePage(kind: TaskKind): string {
    const { lifecycle, reference } = kind;
    const inputs = jsonSchema(reference.inputs());
    const outputs = jsonSchema(reference.outputs());
    const inputNames = Object.keys(inputs.properties);
    const outputOnly = Object.keys(outputs.properties).filter((k) => !inputNames.includes(k));
    const inputMarks = (name: string, required: boolean): Marks => ({
        required,
        secret: lifecycle.secret.includes(name),
        replaces: !lifecycle.updatable.includes(name),
        defaultValue: lifecycle.defaults[name],
    });
    return [
        `# ${kind.name}`,
        "",
        "<!-- Generated from the resource's zod schema by `npm run build` (scripts/resource-docs.js): do not edit. -->",
        "",
        reference.description,
        "",
        `Type tokens: ${code(kind.tokens.dynamic)} (the dynamic resource of TypeScript and JavaScript programs), ${code(kind.tokens.plugin)} (the provider plugin, every language).`,
        "",
        `A window declared without a zone is read in ${code(kind.assumedTimeZone)} (${lifecycle.zoneNote}). Changing an input marked "forces replacement" stops the task and creates a new one: ${lifecycle.replaceReason}.`,
        "",
        "## Inputs",
        "",
        ...fields(inputs, inputMarks),
        "## Outputs",
        "",
        "Every input is also an output (a secret input stays secret in state). The task also reports:",
        "",
        ...fields(outputs, (_, required) => ({ required }), outputOnly),
    ]
        .join("\n")
        .replace(/\n+$/, "\n");
}
