// A CalloutTask as the policies see it: normalised by the resource's own schema, whatever form the
// props arrive in. A task whose inputs do not validate is left to the provider's check.
import type { ReportViolation, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { type CalloutTaskInputs, TYPE_TOKEN, UNKNOWN, validateInputs } from "../provider/callout-task/schema";

// Keys the provider adds (outputs, and the lineage its check carries between tasks): not inputs to check.
const OUTPUT_ONLY = ["__provider", "taskId", "state", "stateName", "progress", "skippedCallees", "lineage"];

export function calloutTaskOf(type: string, props: Record<string, unknown>): CalloutTaskInputs | undefined {
    if (type !== TYPE_TOKEN) return undefined;
    const inputs = Object.fromEntries(Object.entries(props).filter(([k, v]) => !OUTPUT_ONLY.includes(k) && v !== undefined));
    const result = validateInputs(inputs);
    return result.ok ? result.inputs : undefined;
}

/** Whether a value (or a part of it) is not known yet: during preview some inputs are computed later. */
export function isUnknown(value: unknown): boolean {
    return value !== undefined && JSON.stringify(value).includes(UNKNOWN);
}

/** Whether any of the values is not known yet. */
export const anyUnknown = (...values: unknown[]): boolean => values.some(isUnknown);

/** A resource policy that runs only on CalloutTasks whose inputs validate; messages name the resource. */
export function forCalloutTasks<C extends object>(
    check: (task: CalloutTaskInputs, config: C, report: (message: string) => void, args: ResourceValidationArgs) => void,
): ResourceValidation {
    return (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        const task = calloutTaskOf(args.type, args.props);
        if (task) check(task, args.getConfig<C>(), (message) => reportViolation(`${args.name}: ${message}`), args);
    };
}

/** Reports the first few problems and a count of the rest, so that a large campaign yields a readable list. */
export function reportSome(messages: string[], report: (message: string) => void, limit = 5): void {
    messages.slice(0, limit).forEach((m) => report(m));
    if (messages.length > limit) report(`…and ${messages.length - limit} more like these`);
}
