// Inputs read one field at a time by each field's own zod schema, for every kind whose schema is a
// record of field schemas: so every problem is found in one pass, and one bad field hides only itself.
import type { z } from "zod";
import type { Failure } from "../../campaign/adapter";
import type { Concern } from "../../campaign/model";
import { containsUnknown, type FieldFailure, notAnInput, toFieldFailures } from "./inputs";

/** The fields of a `kind` that parse, every failure naming its field (and any key that is no input), the fields not known yet (preview), and those not read (unknown or failed). */
export function readFields<N extends string>(kind: string, raw: Record<string, unknown>, schemas: Record<N, z.ZodType>): { values: Record<string, any>; failures: FieldFailure[]; unknownFields: N[]; unread: Set<N> } {
    const failures: FieldFailure[] = Object.keys(raw)
        .filter((k) => !(k in schemas))
        .map((k) => ({ property: k, reason: notAnInput(kind) }));
    const values: Record<string, any> = {};
    const unknownFields: N[] = [];
    const unread = new Set<N>();
    for (const key of Object.keys(schemas) as N[]) {
        if (containsUnknown(raw[key])) {
            unknownFields.push(key);
            unread.add(key);
            continue;
        }
        const parsed = schemas[key].safeParse(raw[key]);
        if (parsed.success) values[key] = parsed.data;
        else {
            unread.add(key);
            failures.push(...toFieldFailures(kind, parsed.error, raw[key], [key]));
        }
    }
    return { values, failures, unknownFields, unread };
}

/** The validated inputs: the values read, the unknown fields as they came (checked again at deploy time), absent ones left out. */
export function inputsWithUnknowns<T>(values: Record<string, unknown>, raw: Record<string, unknown>, unknownFields: readonly string[]): T {
    for (const key of unknownFields) values[key] = raw[key];
    return Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined)) as T;
}

/**
 * A kind's props read for the campaign model: each input by its own schema, failures tagged with the
 * campaign part (`sources`) they hold, and the parts with an input not known yet. Keys that are no
 * input (outputs, `__provider`) are skipped: the provider's check names them; so are nulls, the inputs
 * an import could not recover (undeclared yet).
 */
export function readCampaignFields<N extends string>(kind: string, props: Record<string, unknown>, schemas: Record<N, z.ZodType>, sources: Partial<Record<N, Concern>>): { values: Record<string, any>; failures: Failure[]; unknown: Set<Concern> } {
    const failures: Failure[] = [];
    const unknown = new Set<Concern>();
    const values: Record<string, any> = {};
    for (const [k, raw] of Object.entries(props)) {
        if (raw === undefined || raw === null || !(k in schemas)) continue;
        const concern = sources[k as N];
        if (containsUnknown(raw)) {
            if (concern) unknown.add(concern);
            continue;
        }
        const parsed = schemas[k as N].safeParse(raw);
        if (parsed.success) values[k] = parsed.data;
        else failures.push(...toFieldFailures(kind, parsed.error, raw, [k]).map((f) => ({ ...f, concern })));
    }
    return { values, failures, unknown };
}
