// Inputs as the engine hands them to every kind's check: the value preview gives for what is not
// known yet, and zod's issues turned into the failures Pulumi's check reports (field and rule).
// Engine facts, not the campaign model's: campaign/ knows neither the engine nor check.
import type { z } from "zod";

/** The value the engine passes for inputs not yet known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Whether a value, or a part of it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/** Failure of one input, in the form Pulumi's check reports. */
export interface FieldFailure {
    property: string;
    reason: string;
}

/** The reason for a key that is no input of the kind (`CalloutTask`, `AiCallTask`). */
export const notAnInput = (kind: string) => `is not ${/^[AEIOU]/.test(kind) ? "an" : "a"} ${kind} input (check the spelling; inputs are camelCase)`;

const REQUIRED = "is required";

/** A path as a check failure names it: `callees[2].number`. */
export function pathString(path: readonly PropertyKey[]): string {
    return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}

/** Whether an issue says only that a value is missing: a type (or every type of a union) not met by nothing. */
function missing(issue: z.core.$ZodIssue, value: unknown): boolean {
    const at = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);
    return at === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union");
}

/** Turns the zod issues of parsing `value`, an input of `kind`, into failures that name the field (under `prefix`) and the rule. */
export function toFieldFailures(kind: string, error: z.ZodError, value: unknown, prefix: PropertyKey[] = []): FieldFailure[] {
    return error.issues.flatMap((i) =>
        i.code === "unrecognized_keys"
            ? i.keys.map((k) => ({ property: pathString([...prefix, ...i.path, k]), reason: notAnInput(kind) }))
            : [{ property: pathString([...prefix, ...i.path]) || "(inputs)", reason: missing(i, value) ? REQUIRED : i.message }],
    );
}
