// A CalloutTask as the policies see it: normalised by the resource's own schema, whatever form the
// props arrive in. Inputs that fail the schema do not hide the task: each field is taken on its own,
// what validates is judged, and each failure is reported by the policy whose rule it breaks.
import type { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { PLUGIN_TYPE_TOKEN } from "../plugin/schema";
import { Memo } from "./memo";
import { type CalloutTaskInputs, type FieldFailure, type FieldName, schemas, toFieldFailures, TYPE_TOKEN, UNKNOWN, validateInputs } from "../provider/callout-task/schema";

// Keys the provider adds (outputs, and the lineage its check carries between tasks): not inputs to check.
const OUTPUT_ONLY = ["__provider", "taskId", "state", "stateName", "progress", "skippedCallees", "lineage"];

/** The inputs that validate. Callees are kept as written: the policies analyse them once (callees.ts). */
export type TaskInputs = Partial<Omit<CalloutTaskInputs, "callees">> & { callees?: string[] | typeof UNKNOWN };

export interface TaskView {
    inputs: TaskInputs;
    /** Schema failures, by the field that failed. */
    failures: FieldFailure[];
    failed: Set<string>;
}

/** The per-field view of inputs that fail the schema as a whole. */
function fieldByField(inputs: Record<string, unknown>): Checked {
    const { fields } = schemas();
    const parsed: Record<string, unknown> = {};
    const failures: FieldFailure[] = [];
    for (const [k, v] of Object.entries(inputs)) {
        if (!(k in fields)) continue; // not an input: the provider's check names it
        if (isUnknown(v)) {
            parsed[k] = v;
            continue;
        }
        const result = fields[k as FieldName].safeParse(v);
        if (result.success) parsed[k] = result.data;
        else failures.push(...toFieldFailures(result.error, v).map((f) => ({ property: f.property === "(inputs)" ? k : `${k}${f.property.startsWith("[") ? "" : "."}${f.property}`, reason: f.reason })));
    }
    const { notBefore, notAfter } = parsed as { notBefore?: unknown; notAfter?: unknown };
    if (typeof notBefore === "number" && typeof notAfter === "number" && notAfter <= notBefore) {
        failures.push({ property: "notAfter", reason: "must be after notBefore" });
        delete parsed.notAfter;
    }
    return { inputs: parsed, failures };
}

interface Checked {
    inputs: Record<string, unknown>;
    failures: FieldFailure[];
}

// Keyed by the inputs without the callees (those are analysed and cached on their own, callees.ts).
const checked = new Memo<Checked>(2048);

function view(inputs: Record<string, unknown>): Checked {
    return checked.get(JSON.stringify(inputs), () => {
        // Callees are left out of the schema run (as if unknown): validating 100,000 numbers once per policy is the slow part.
        const whole = validateInputs({ ...inputs, callees: UNKNOWN });
        if (!whole.ok) return fieldByField(inputs);
        const { callees: _, ...valid } = whole.inputs as Record<string, unknown>;
        return { inputs: valid, failures: [] };
    });
}

export function calloutTaskOf(type: string, props: Record<string, unknown>): TaskView | undefined {
    // The dynamic resource (TypeScript/JavaScript programs) and the provider plugin's (every language).
    if (type !== TYPE_TOKEN && type !== PLUGIN_TYPE_TOKEN) return undefined;
    const inputs = Object.fromEntries(Object.entries(props).filter(([k, v]) => !OUTPUT_ONLY.includes(k) && k !== "callees" && v !== undefined));
    const v = view(inputs);
    const raw = props.callees;
    const failures = [...v.failures];
    let callees: TaskInputs["callees"];
    if (isUnknown(raw)) callees = UNKNOWN;
    else if (Array.isArray(raw) && raw.length && raw.every((n) => typeof n === "string")) callees = Array.from(raw as string[]);
    else failures.push({ property: "callees", reason: "must be a non-empty list of phone numbers" });
    return { inputs: { ...v.inputs, callees } as TaskInputs, failures, failed: new Set(failures.map((f) => f.property.split(/[.[]/)[0])) };
}

/** Whether a value (or a part of it) is not known yet: during preview some inputs are computed later. */
export function isUnknown(value: unknown): boolean {
    // A list of numbers is scanned as it is, without serialising 100,000 of them.
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.some((v: string) => v.includes(UNKNOWN));
    return value !== undefined && JSON.stringify(value).includes(UNKNOWN);
}

/** Whether any of the values is not known yet. */
export const anyUnknown = (...values: unknown[]): boolean => values.some(isUnknown);

/**
 * A resource policy that runs on CalloutTasks; messages name the resource. Schema failures of the
 * fields in `owns` are this policy's violations ("<field>: <rule>"); the check then judges what validated.
 */
export function forCalloutTasks<C extends object>(
    owns: readonly FieldName[],
    check: (task: TaskInputs, config: C, report: (message: string) => void, view: TaskView) => void,
): ResourceValidation {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const view = calloutTaskOf(args.type, args.props);
        if (!view) return;
        const report = (message: string) => reportViolation(`${args.name}: ${message}`);
        for (const f of view.failures) if ((owns as readonly string[]).includes(f.property.split(/[.[]/)[0])) report(`${f.property}: ${f.reason}`);
        check(view.inputs, args.getConfig<C>(), report, view);
    };
}

/** Reports the first few problems and a count of the rest, so that a large campaign yields a readable list. */
export function reportSome(messages: string[], report: (message: string) => void, limit = 5): void {
    messages.slice(0, limit).forEach((m) => report(m));
    if (messages.length > limit) report(`…and ${messages.length - limit} more like these`);
}
