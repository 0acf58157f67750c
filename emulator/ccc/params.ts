// Parameter checking as the service does it (a spec per action: names, types, required), the value
// rules the actions share (ranges, HH:MM:SS windows, IANA zones), and the shape of an action's handler.
import type { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_client";
import type * as models from "tencentcloud-sdk-nodejs/tencentcloud/services/ccc/v20200210/ccc_models";
import type { Listing } from "../core/service";
import { apiErrors } from "./errors";
import type { Model } from "./model";

/** The API actions of the SDK's client (capitalised; the client's own members are not). */
export type ClientAction = { [K in keyof Client & string]: K extends Capitalize<K> ? K : never }[keyof Client & string];

export type Spec =
    | { type: "integer" | "string" | "boolean" | "any"; required?: boolean }
    | { type: "array"; items: Spec; required?: boolean }
    | { type: "object"; fields: Record<string, Spec>; required?: boolean };

export const int = (required = false): Spec => ({ type: "integer", required });
export const str = (required = false): Spec => ({ type: "string", required });
export const arr = (items: Spec, required = false): Spec => ({ type: "array", items, required });
export const obj = (fields: Record<string, Spec>): Spec => ({ type: "object", fields });
export const variable = obj({ Key: str(true), Value: str(true) });
export const range = obj({ StartTime: str(), EndTime: str() });
export const calleeAttribute = obj({ Callee: str(true), UUI: str(), Variables: arr(variable) });
function checkShape(value: unknown, spec: Spec, name: string): void {
    if (spec.type === "any") return;
    const fail = () => apiErrors.invalidParameter(name, spec.type);
    switch (spec.type) {
        case "integer":
            if (typeof value !== "number" || !Number.isInteger(value)) throw fail();
            return;
        case "string":
            if (typeof value !== "string") throw fail();
            return;
        case "boolean":
            if (typeof value !== "boolean") throw fail();
            return;
        case "array":
            if (!Array.isArray(value)) throw fail();
            value.forEach((v, i) => checkShape(v, spec.items, `${name}.${i}`));
            return;
        case "object":
            if (!value || typeof value !== "object" || Array.isArray(value)) throw fail();
            checkFields(value as Record<string, unknown>, spec.fields, `${name}.`);
    }
}

/** GET parameters arrive as text: integers and booleans are read back from it where the spec says so. */
function fromText(value: unknown, spec: Spec): unknown {
    if (typeof value === "string" && spec.type === "integer" && /^-?\d+$/.test(value)) return Number(value);
    if (typeof value === "string" && spec.type === "boolean" && (value === "true" || value === "false")) return value === "true";
    if (Array.isArray(value) && spec.type === "array") return value.map((v) => fromText(v, spec.items));
    if (value && typeof value === "object" && spec.type === "object") return fieldsFromText(value as Record<string, unknown>, spec.fields);
    return value;
}

export function fieldsFromText(params: Record<string, unknown>, fields: Record<string, Spec>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k in fields ? fromText(v, fields[k]) : v]));
}

export function checkFields(params: Record<string, unknown>, fields: Record<string, Spec>, prefix = ""): void {
    for (const key of Object.keys(params)) if (!(key in fields)) throw apiErrors.unknownParameter(`${prefix}${key}`);
    for (const [key, spec] of Object.entries(fields)) {
        const v = params[key];
        if (v === undefined || v === null) {
            if (spec.required) throw apiErrors.missingParameter(`${prefix}${key}`);
            continue;
        }
        checkShape(v, spec, `${prefix}${key}`);
    }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

export function outOfRange(name: string, value: number, min: number, max: number): void {
    if (value < min || value > max) throw apiErrors.invalidParameterValue(`${name}: value ${value} out of range [${min}, ${max}].`);
}

export function checkRanges(ranges: models.TimeRange[], name: string): void {
    ranges.forEach((r, i) => {
        for (const f of ["StartTime", "EndTime"] as const) {
            if (!TIME.test(r[f] ?? "")) throw apiErrors.invalidParameterValue(`${name}.${i}.${f}: "${r[f] ?? ""}" is not a time in HH:MM:SS format.`);
        }
        if (r.StartTime! >= r.EndTime!) throw apiErrors.invalidParameterValue(`${name}.${i}: StartTime must be earlier than EndTime.`);
    });
}

export function isIanaZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return zone.includes("/") || zone === "UTC";
    } catch {
        return false;
    }
}

/** `name` is one of `allowed` (a documented enumeration). */
export function oneOf(name: string, value: number, allowed: readonly number[]): void {
    if (!allowed.includes(value)) throw apiErrors.invalidParameterValue(`${name}: value ${value} is not one of ${allowed.join(", ")}.`);
}

export function nonEmpty(name: string, value: string | unknown[]): void {
    if (!value.length) throw apiErrors.invalidParameterValue(`${name}: ${typeof value === "string" ? "the text" : "the list"} is empty.`);
}

/** An absent optional field, answered as null (the responses' models type it as optional). */
export const orNull = <T>(v: T | undefined): T => v ?? (null as T);

export type Request<A extends ClientAction> = Parameters<Client[A]>[0];
export type Response<A extends ClientAction> = Omit<Awaited<ReturnType<Client[A]>>, "RequestId">;

export interface Handler<A extends ClientAction> {
    params: Record<string, Spec>;
    /** Changes state (persisted after it runs). */
    writes: boolean;
    run(model: Model, listing: Listing, req: Request<A>): { response: Response<A>; taskId?: number };
}

